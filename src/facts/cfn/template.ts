import {UserError} from '../../errors.js'
import {describeJson} from '../normalize-task-definition.js'

// The parts of a CloudFormation template bwops reads, checked for shape once so the resolver and
// the extractors can trust them.

export type Json = Record<string, unknown>

export interface CfnParameter {
  type?: string
  default?: unknown
}

export interface CfnResource {
  id: string
  type: string
  properties: Json
  condition?: string
  deletionPolicy?: unknown
  updateReplacePolicy?: unknown
}

export interface CfnTemplate {
  parameters: Record<string, CfnParameter>
  conditions: Json
  mappings: Json
  resources: Map<string, CfnResource>
  /** Outputs' Value expressions by name */
  outputs: Record<string, unknown>
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const NEXT = 'Give a CloudFormation template in JSON or YAML, e.g. `cdk synth` output from cdk.out/<Stack>.template.json.'

/** Throws a UserError when `input` cannot be a template; returns its parts otherwise. */
export function parseTemplate(input: unknown, origin: string): CfnTemplate {
  if (!isObject(input)) throw new UserError(`${origin} is not a CloudFormation template: expected an object, found ${describeJson(input)}.`, NEXT)
  if (!isObject(input.Resources)) {
    const why = 'Resources' in input ? 'its "Resources" is not an object' : 'it has no "Resources" section'
    throw new UserError(`${origin} is not a CloudFormation template: ${why}.`, NEXT)
  }

  const parameters: Record<string, CfnParameter> = {}
  for (const [name, raw] of Object.entries(isObject(input.Parameters) ? input.Parameters : {})) {
    if (!isObject(raw)) continue
    parameters[name] = {default: raw.Default, type: typeof raw.Type === 'string' ? raw.Type : undefined}
  }

  const resources = new Map<string, CfnResource>()
  for (const [id, raw] of Object.entries(input.Resources)) {
    if (!isObject(raw) || typeof raw.Type !== 'string') {
      throw new UserError(`${origin}: the resource "${id}" has no "Type".`, `Give "${id}" a "Type", e.g. "AWS::ECS::TaskDefinition".`)
    }

    resources.set(id, {
      condition: typeof raw.Condition === 'string' ? raw.Condition : undefined,
      deletionPolicy: raw.DeletionPolicy,
      id,
      properties: isObject(raw.Properties) ? raw.Properties : {},
      type: raw.Type,
      updateReplacePolicy: raw.UpdateReplacePolicy,
    })
  }

  return {
    conditions: isObject(input.Conditions) ? input.Conditions : {},
    mappings: isObject(input.Mappings) ? input.Mappings : {},
    outputs: Object.fromEntries(Object.entries(isObject(input.Outputs) ? input.Outputs : {}).map(([name, o]) => [name, isObject(o) ? o.Value : undefined])),
    parameters,
    resources,
  }
}

export function resourcesOfType(template: CfnTemplate, type: string): CfnResource[] {
  return [...template.resources.values()].filter((r) => r.type === type)
}
