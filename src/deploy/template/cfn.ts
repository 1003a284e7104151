// A small typed vocabulary for CloudFormation JSON: just what the webhook's stack uses. The
// template is plain data built by functions, so it loads in milliseconds (no CDK synthesis) and
// tests read it like any object.

export type Intrinsic =
  | {Ref: string}
  | {'Fn::GetAtt': [string, string]}
  | {'Fn::Sub': string}
  | {'Fn::If': [string, unknown, unknown]}
  | {'Fn::Equals': [unknown, unknown]}
  | {'Fn::Not': [unknown]}
  | {'Fn::And': unknown[]}
  | {'Fn::Or': unknown[]}
  | {'Fn::Join': [string, unknown[]]}
  | {Condition: string}

export type Value = string | number | boolean | Intrinsic | Value[] | {[key: string]: Value | unknown}

export interface Parameter {
  Type: string
  Description: string
  Default?: string
  AllowedValues?: string[]
  AllowedPattern?: string
  ConstraintDescription?: string
  NoEcho?: boolean
}

export interface Resource {
  Type: string
  Properties?: Record<string, unknown>
  Condition?: string
  DependsOn?: string | string[]
  DeletionPolicy?: 'Delete' | 'Retain' | 'Snapshot' | 'RetainExceptOnCreate'
  UpdateReplacePolicy?: 'Delete' | 'Retain' | 'Snapshot'
}

export interface Output {
  Description: string
  Value: unknown
  Condition?: string
}

export interface Template {
  AWSTemplateFormatVersion: '2010-09-09'
  Description: string
  Parameters: Record<string, Parameter>
  Conditions: Record<string, unknown>
  /** checked by CloudFormation when the change set is made, before anything changes */
  Rules: Record<string, {RuleCondition?: unknown; Assertions: {Assert: unknown; AssertDescription: string}[]}>
  Resources: Record<string, Resource>
  Outputs: Record<string, Output>
}

export const ref = (name: string) => ({Ref: name})
export const getAtt = (resource: string, attribute: string) => ({'Fn::GetAtt': [resource, attribute] as [string, string]})
export const sub = (text: string) => ({'Fn::Sub': text})
export const noValue = {Ref: 'AWS::NoValue'}
/** The value when the condition holds, else the property or list item disappears (AWS::NoValue). */
export const onlyIf = (condition: string, value: unknown) => ({'Fn::If': [condition, value, noValue] as [string, unknown, unknown]})
export const ifElse = (condition: string, then: unknown, otherwise: unknown) => ({
  'Fn::If': [condition, then, otherwise] as [string, unknown, unknown],
})
export const equals = (a: unknown, b: unknown) => ({'Fn::Equals': [a, b] as [unknown, unknown]})
export const not = (a: unknown) => ({'Fn::Not': [a] as [unknown]})

/** An IAM statement, kept only when the condition holds; its actions may be an Fn::If. */
export function statement(sid: string, actions: string[] | Intrinsic, resource: unknown, condition?: string): unknown {
  const body = {Action: actions, Effect: 'Allow', Resource: resource, Sid: sid}
  return condition ? onlyIf(condition, body) : body
}
