// Facts only a live deployment (or a bundle recorded from one) gives: the ECS service and its
// deployments, its tasks, their logs, the stacks, the caller. Times are ISO 8601 strings so a
// bundle round-trips them unchanged.

export interface ServiceDeploymentFact {
  id: string
  /** PRIMARY (newest), ACTIVE (being replaced) or INACTIVE */
  status: string
  taskDefinition: string
  rolloutState?: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED'
  rolloutStateReason?: string
  desiredCount: number
  runningCount: number
  pendingCount: number
  failedTasks?: number
  createdAt?: string
  updatedAt?: string
}

export interface ServiceEventFact {
  id?: string
  createdAt: string
  message: string
}

export interface ServiceStateFact {
  name: string
  cluster: string
  arn?: string
  status?: string
  desiredCount: number
  runningCount: number
  pendingCount: number
  taskDefinition?: string
  deployments: ServiceDeploymentFact[]
  /** newest first, as ECS returns them */
  events: ServiceEventFact[]
  circuitBreaker?: {enable: boolean; rollback: boolean}
  alarms?: {enable: boolean; rollback: boolean; names: string[]}
  healthCheckGracePeriodSeconds?: number
  loadBalancers: {targetGroupArn?: string; containerName?: string; containerPort?: number}[]
}

export interface TaskContainerFact {
  name: string
  exitCode?: number
  reason?: string
  lastStatus?: string
  healthStatus?: string
  image?: string
}

export interface TaskFact {
  taskArn: string
  taskId: string
  taskDefinitionArn: string
  /** the deployment that started it (ecs-svc/...), as ECS's startedBy says */
  startedBy?: string
  lastStatus?: string
  desiredStatus?: string
  stopCode?: string
  stoppedReason?: string
  healthStatus?: string
  createdAt?: string
  startedAt?: string
  stoppingAt?: string
  stoppedAt?: string
  containers: TaskContainerFact[]
}

export interface TasksFact {
  /** newest stop first */
  stopped: TaskFact[]
  running: TaskFact[]
}

export interface LogStreamFact {
  taskId: string
  container: string
  group: string
  stream: string
  /** the last lines, oldest first, already redacted */
  lines: {timestamp?: string; message: string}[]
  /** why no lines could be read (the group or stream is gone, access denied) */
  unavailable?: string
}

export interface ContainerLogsFact {
  streams: LogStreamFact[]
}

export interface StackEventFact {
  timestamp: string
  logicalResourceId: string
  resourceType: string
  resourceStatus: string
  resourceStatusReason?: string
  physicalResourceId?: string
}

export interface StackFact {
  name: string
  id?: string
  status: string
  statusReason?: string
  outputs: Record<string, string>
  parameters: Record<string, string>
  /** newest first, as CloudFormation returns them, limited to the last operation */
  events: StackEventFact[]
}

export interface QuiltStackFact {
  arn: string
  name: string
  status?: string
  outputs: Record<string, string>
  /** the region it was looked for in: the ARN's, where the app looks it up */
  region?: string
  /** true when no such stack exists where the ARN says (the app then fails at start-up) */
  missing?: boolean
  /** a stack of the same name found where the service runs, when the ARN's region has none */
  elsewhere?: {region: string; arn: string}
}

export interface CallerIdentityFact {
  account: string
  arn: string
  userId?: string
}

/** Whether the Benchling secret could be read, apart from its shape (which is benchlingSecret). */
export interface SecretAccessFact {
  id: string
  status: 'readable' | 'not-found' | 'access-denied' | 'marked-for-deletion' | 'not-string' | 'error'
  arn?: string
  kmsKeyId?: string
  /** the AWS error name, never its message when that could quote a value */
  error?: string
}

export interface TargetHealthFact {
  targetGroupArn: string
  targets: {id: string; port?: number; state: string; reason?: string; description?: string}[]
}

declare module './types.js' {
  interface FactMap {
    serviceState: ServiceStateFact
    tasks: TasksFact
    containerLogs: ContainerLogsFact
    stack: StackFact
    quiltStack: QuiltStackFact
    callerIdentity: CallerIdentityFact
    secretAccess: SecretAccessFact
    targetHealth: TargetHealthFact
  }
}
