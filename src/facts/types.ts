// The facts checks judge. Every source (files, template, bundle, live AWS, local probe) turns what
// it reads into these shapes, so a check never knows where a fact came from.
//
// String values may hold deploy-time tokens such as `{{Ref:QuiltStackARN}}` where a template only
// knows the value at deploy time; see deploy-time.ts.

import type {ReleaseFact} from '../profile/select.js'

export type Mode = 'legacy' | 'secrets-only'

export interface ModeFact {
  value: Mode
  /** false when the user said --mode; true when bwops worked it out */
  inferred: boolean
  why: string
}

export interface EnvVar {
  name: string
  value: string
}

export interface SecretRef {
  name: string
  valueFrom: string
}

export interface ContainerHealthCheck {
  command: string[]
  interval?: number
  timeout?: number
  retries?: number
  startPeriod?: number
}

export interface LogConfiguration {
  logDriver: string
  options: Record<string, string>
}

export interface PortMapping {
  containerPort?: number
  hostPort?: number
  protocol?: string
}

export interface ContainerDefinition {
  name: string
  image?: string
  essential?: boolean
  environment: EnvVar[]
  secrets: SecretRef[]
  portMappings: PortMapping[]
  healthCheck?: ContainerHealthCheck
  logConfiguration?: LogConfiguration
  command?: string[]
  entryPoint?: string[]
  user?: string
  memory?: number
  memoryReservation?: number
}

export interface TaskDefinition {
  family?: string
  revision?: number
  taskDefinitionArn?: string
  taskRoleArn?: string
  executionRoleArn?: string
  networkMode?: string
  cpu?: string
  memory?: string
  requiresCompatibilities?: string[]
  containers: ContainerDefinition[]
}

export interface PolicyDocument {
  Version?: string
  Statement: unknown
}

export interface NamedPolicy {
  name: string
  arn?: string
  /** absent when the policy's text could not be had (an AWS managed policy read offline) */
  document?: PolicyDocument
}

export interface RoleFact {
  kind: 'task' | 'execution'
  arn?: string
  name?: string
  trustPolicy?: PolicyDocument
  inlinePolicies: NamedPolicy[]
  managedPolicies: NamedPolicy[]
  permissionsBoundary?: NamedPolicy
}

export interface RolesFact {
  task?: RoleFact
  execution?: RoleFact
}

export interface LogGroupFact {
  name: string
  /** 'stack': the template creates it; 'account': it exists; 'missing': it does not; 'unknown' */
  presence: 'stack' | 'account' | 'missing' | 'unknown'
  /** the template's DeletionPolicy for the group (CloudFormation's default is Delete) */
  deletionPolicy?: string
  updateReplacePolicy?: string
  retentionInDays?: number
}

export interface TargetGroupFact {
  name?: string
  port?: number
  protocol?: string
  healthCheckPath?: string
  /** 'traffic-port' or a port number as text, as AWS returns it */
  healthCheckPort?: string
  healthCheckProtocol?: string
  healthCheckIntervalSeconds?: number
  healthCheckTimeoutSeconds?: number
  healthyThresholdCount?: number
  unhealthyThresholdCount?: number
  matcher?: string
}

export interface ServiceFact {
  name?: string
  cluster?: string
  desiredCount?: number
  healthCheckGracePeriodSeconds?: number
  circuitBreaker?: {enable: boolean; rollback: boolean}
  hasLoadBalancer?: boolean
}

/** What bwops knows of one secret value's shape. Never the value itself. */
export interface SecretKeyShape {
  type: 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array'
  empty: boolean
  /** leading or trailing white space */
  padded: boolean
  length: number
  /** for a string that looks like a URL or a domain: the tenant name it points at */
  tenantFromUrl?: string
  looksLikeUrl?: boolean
  looksLikeDomain?: boolean
  /** matches /^[a-z0-9-]+$/i */
  tenantShaped?: boolean
  /** starts with appdef_ */
  appDefinitionShaped?: boolean
}

export type SecretContent =
  | {kind: 'json-object'; keys: Record<string, SecretKeyShape>}
  | {kind: 'json-other'; jsonType: 'string' | 'number' | 'boolean' | 'null' | 'array'}
  | {kind: 'not-json'; reason: string}
  | {kind: 'binary'}

export interface SecretFact {
  /** the name or ARN that identifies it, when known */
  id?: string
  arn?: string
  name?: string
  content: SecretContent
}

/** A secret a template creates, by the shape of what it will hold; never its values. */
export interface TemplateSecretFact extends SecretFact {
  /** the logical id of the AWS::SecretsManager::Secret */
  resource: string
  /** how a reference to it reads once resolved: `{{Ref:LogicalId}}` (Ref of a secret is its ARN) */
  ref: string
  /** keys whose values the template writes in plain text and that look like credentials */
  plaintext: Array<{key: string; reason: string}>
}

export interface DeploymentContext {
  region?: string
  account?: string
}

/**
 * Every fact bwops knows of. An interface, so later sources and plugins add facts by declaration
 * merging: `declare module 'benchling-webhook-ops' { interface FactMap { myFact: MyType } }`.
 */
/** A release the stack or template records: a StackVersion output, an ImageTag parameter. */
export interface DeclaredVersion {
  value: string
  /** where it was read, in words: "StackVersion output" */
  where: string
}

export interface FactMap {
  mode: ModeFact
  /** which release line's rules judge the deployment (src/profile/select.ts) */
  release: ReleaseFact
  declaredVersion: DeclaredVersion
  /** the secrets a template creates (AWS::SecretsManager::Secret) */
  templateSecrets: TemplateSecretFact[]
  taskDefinition: TaskDefinition
  benchlingSecret: SecretFact
  roles: RolesFact
  logGroup: LogGroupFact
  targetGroup: TargetGroupFact
  service: ServiceFact
  deployment: DeploymentContext
}

export type FactName = keyof FactMap
