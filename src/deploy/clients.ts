import type {LogStreamFact, ServiceStateFact, StackEventFact, TaskFact} from '../facts/live-types.js'
import type {SecretContent} from '../facts/types.js'

// The narrow set of AWS calls deploy makes, one interface per service, in the shapes deploy's
// logic reads. The implementation (./aws/) is the shared adapter layer in src/aws/ with views on
// top; tests mock the SDK clients under it, or script these interfaces directly (the benchmark).
// "Not found" is a value here; every other error is thrown as an AwsCallError (src/aws/errors.ts).

export interface StackView {
  id: string
  name: string
  status: string
  statusReason?: string
  outputs: Record<string, string>
  parameters: Record<string, string>
}

export interface ResourceChangeView {
  action: 'Add' | 'Modify' | 'Remove' | 'Import' | 'Dynamic' | string
  logicalId: string
  type: string
  /** True, Conditional or False: whether a Modify replaces the resource */
  replacement?: string
  /** the properties or attributes that change */
  scope: string[]
}

export interface ChangeSetView {
  id: string
  stackId: string
  status: string
  statusReason?: string
  executionStatus?: string
  changes: ResourceChangeView[]
}

export interface CreateChangeSetInput {
  stackName: string
  changeSetName: string
  type: 'CREATE' | 'UPDATE'
  templateBody: string
  parameters: Record<string, string>
  description: string
}

export interface CloudFormationApi {
  describeStack(nameOrArn: string): Promise<StackView | undefined>
  createChangeSet(input: CreateChangeSetInput): Promise<{id: string; stackId: string}>
  describeChangeSet(changeSetId: string): Promise<ChangeSetView>
  executeChangeSet(changeSetId: string): Promise<void>
  deleteChangeSet(changeSetId: string): Promise<void>
  /** for a stack left in REVIEW_IN_PROGRESS by a refused first change set */
  deleteStack(nameOrArn: string): Promise<void>
  /** the stack's events newer than `since`, newest first */
  eventsSince(nameOrArn: string, since: Date): Promise<StackEventFact[]>
}

export interface EcsApi {
  describeService(cluster: string, service: string): Promise<ServiceStateFact | undefined>
  /** stopped tasks of the service, except those already seen */
  stoppedTasks(cluster: string, service: string, seen: ReadonlySet<string>): Promise<TaskFact[]>
}

export interface LogsApi {
  logGroupExists(name: string): Promise<boolean>
  /** the last lines of one stream, redacted; a missing stream is a value (unavailable), not an error */
  lastLines(group: string, stream: string, limit: number): Promise<Pick<LogStreamFact, 'lines' | 'unavailable'>>
}

export type SecretLookup =
  | {found: true; arn: string; name: string; kmsKeyId?: string; deleted: boolean}
  | {found: false; reason: 'not-found' | 'access-denied'}

export interface SecretsApi {
  describe(id: string): Promise<SecretLookup>
  /** the value's shape only (secret-shape.ts): the value never leaves the adapter */
  shape(arn: string): Promise<SecretContent>
  create(name: string, value: string, description: string): Promise<string>
  put(arn: string, value: string): Promise<void>
  remove(arn: string): Promise<void>
}

export type ImageLookup = {status: 'found'} | {status: 'not-found'; reason: string} | {status: 'unknown'; reason: string}

export interface EcrApi {
  imageExists(registryId: string, repository: string, tag: string): Promise<ImageLookup>
}

export interface Ec2Api {
  /** the default VPC and its subnets, or undefined when the region has none */
  defaultVpc(): Promise<{vpcId: string; subnetIds: string[]} | undefined>
}

export interface StsApi {
  account(): Promise<string>
  /** the region the clients were built for (flag, profile or environment) */
  region(): Promise<string>
}

export interface DeployClients {
  cfn: CloudFormationApi
  ecs: EcsApi
  logs: LogsApi
  secrets: SecretsApi
  ecr: EcrApi
  ec2: Ec2Api
  sts: StsApi
}
