// The basic shape of each fact a bundle may record, checked when the bundle is read: a fact of the
// wrong shape (containers missing, a list that is a number) would otherwise crash the checks that
// read it, or worse, read as "nothing there" and pass. Only what the fact types mark as required
// is required; optional fields are checked when present. Facts not listed here (a plugin's) pass.

type Shape =
  | 'string'
  | 'number'
  | 'boolean'
  | 'object'
  | {enum: readonly string[]}
  | {list: Shape; min?: number}
  | {record: Shape}
  | {fields: Record<string, Shape>; optional?: Record<string, Shape>}

const str = 'string' as const
const num = 'number' as const
const bool = 'boolean' as const
const list = (of: Shape): Shape => ({list: of})
const record = (of: Shape): Shape => ({record: of})
const shape = (fields: Record<string, Shape>, optional: Record<string, Shape> = {}): Shape => ({fields, optional})

const pair = (value: string) => shape({name: str, [value]: str})
const policy = shape({name: str}, {arn: str, document: 'object'})
const role = shape({inlinePolicies: list(policy), kind: {enum: ['task', 'execution']}, managedPolicies: list(policy)}, {arn: str, name: str, permissionsBoundary: policy, trustPolicy: 'object'})
const container = shape(
  {environment: list(pair('value')), name: str, portMappings: list('object'), secrets: list(pair('valueFrom'))},
  {
    command: list(str),
    entryPoint: list(str),
    essential: bool,
    healthCheck: shape({command: list(str)}),
    image: str,
    logConfiguration: shape({logDriver: str, options: record(str)}),
    memory: num,
    memoryReservation: num,
    user: str,
  },
)
const task = shape({containers: list(shape({name: str})), taskArn: str, taskDefinitionArn: str, taskId: str}, {stopCode: str, stoppedReason: str})
const counts = {desiredCount: num, pendingCount: num, runningCount: num}

const keyShape = shape({empty: bool, length: num, padded: bool, type: {enum: ['string', 'number', 'boolean', 'null', 'object', 'array']}})

export const FACT_SHAPES: Record<string, Shape> = {
  benchlingSecret: shape({content: shape({kind: {enum: ['json-object', 'json-other', 'not-json', 'binary']}}, {keys: record(keyShape)})}, {arn: str, id: str, name: str}),
  callerIdentity: shape({account: str, arn: str}),
  containerLogs: shape({streams: list(shape({container: str, lines: list(shape({message: str}, {timestamp: str})), taskId: str}, {group: str, stream: str, unavailable: str}))}),
  deployment: shape({}, {account: str, region: str}),
  logGroup: shape({name: str, presence: {enum: ['stack', 'account', 'missing', 'unknown']}}, {retentionInDays: num}),
  mode: shape({inferred: bool, value: {enum: ['legacy', 'secrets-only']}, why: str}),
  quiltStack: shape({arn: str, name: str, outputs: record(str)}, {elsewhere: shape({arn: str, region: str}), missing: bool, region: str, status: str}),
  roles: shape({}, {execution: role, task: role}),
  secretAccess: shape({id: str, status: {enum: ['readable', 'not-found', 'access-denied', 'marked-for-deletion', 'not-string', 'error']}}, {arn: str, error: str}),
  service: shape({}, {cluster: str, desiredCount: num, hasLoadBalancer: bool, name: str}),
  serviceState: shape(
    {...counts, cluster: str, deployments: list(shape({...counts, id: str, status: str, taskDefinition: str})), events: list(shape({createdAt: str, message: str})), loadBalancers: list('object'), name: str},
    {taskDefinition: str},
  ),
  stack: shape(
    {events: list(shape({logicalResourceId: str, resourceStatus: str, resourceType: str, timestamp: str})), name: str, outputs: record(str), parameters: record(str), status: str},
    {statusReason: str},
  ),
  targetGroup: shape({}, {healthCheckPath: str, healthCheckPort: str, port: num}),
  targetHealth: shape({targetGroupArn: str, targets: list(shape({id: str, state: str}))}),
  // ECS has no task definition without a container: an empty list would pass every check unseen
  taskDefinition: shape({containers: {list: container, min: 1}}, {executionRoleArn: str, family: str, taskDefinitionArn: str, taskRoleArn: str}),
  tasks: shape({running: list(task), stopped: list(task)}),
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  return typeof value === 'object' ? 'an object' : `${typeof value === 'string' ? 'a string' : `a ${typeof value}`}`
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Where `value` departs from `expected`, as "containers[0].environment is an object, not a list"; undefined when it fits. */
export function shapeProblem(value: unknown, expected: Shape, at: string): string | undefined {
  const wrong = (want: string) => `${at} is ${kindOf(value)}, not ${want}`
  if (expected === 'object') return isObject(value) ? undefined : wrong('an object')
  if (typeof expected === 'string') return typeof value === expected ? undefined : wrong(expected === 'string' ? 'a string' : `a ${expected}`)
  if ('enum' in expected) {
    if (typeof value === 'string' && expected.enum.includes(value)) return undefined
    // a word is quoted back; any other text is not, in case it is something that should not be printed
    const seen = typeof value === 'string' && /^[\w-]{1,40}$/.test(value) ? `"${value}"` : kindOf(value)
    return `${at} is ${seen}, not one of ${expected.enum.join(', ')}`
  }

  if ('list' in expected) {
    if (!Array.isArray(value)) return wrong('a list')
    if (value.length < (expected.min ?? 0)) return `${at} is an empty list; it needs at least ${expected.min}`
    for (const [i, item] of value.entries()) {
      const problem = shapeProblem(item, expected.list, `${at}[${i}]`)
      if (problem) return problem
    }

    return undefined
  }

  if (!isObject(value)) return wrong('an object')
  if ('record' in expected) {
    for (const [key, item] of Object.entries(value)) {
      const problem = shapeProblem(item, expected.record, `${at}.${key}`)
      if (problem) return problem
    }

    return undefined
  }

  for (const [key, want] of Object.entries(expected.fields)) {
    if (!(key in value)) return `${at} has no "${key}"`
    const problem = shapeProblem(value[key], want, `${at}.${key}`)
    if (problem) return problem
  }

  for (const [key, want] of Object.entries(expected.optional ?? {})) {
    const problem = key in value ? shapeProblem(value[key], want, `${at}.${key}`) : undefined
    if (problem) return problem
  }

  return undefined
}

/** What is wrong with a recorded fact's value, or undefined when its basic shape is right. */
export function factShapeProblem(name: string, value: unknown): string | undefined {
  const expected = FACT_SHAPES[name]
  const problem = expected ? shapeProblem(value, expected, name) : undefined
  if (problem || name !== 'benchlingSecret') return problem
  const content = (value as {content: {kind: string; keys?: unknown}}).content
  return content.kind === 'json-object' && content.keys === undefined ? 'benchlingSecret.content has no "keys"' : undefined
}
