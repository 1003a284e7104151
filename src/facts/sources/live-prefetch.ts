import type {Parameter, Stack, StackResource} from '@aws-sdk/client-cloudformation'
import type {Service} from '@aws-sdk/client-ecs'

import {roleNameFromArn} from '../../aws/iam.js'
import {ecsNameOf} from '../../checks/lib/arn.js'
import type {Profile} from '../../profile/types.js'
import {normalizeTaskDefinition} from '../normalize-task-definition.js'
import type {TaskDefinition} from '../types.js'
import {chosenTaskDefinition} from './live.js'
import {serviceStateFrom} from './live-convert.js'
import {startRoleReads} from './live-iam.js'
import {awslogsStreams, MAX_RUNNING_TASK_LOGS, MAX_STOPPED_TASK_LOGS, tailRead} from './live-logs.js'
import {quiltStackArnOf, quiltStackFact} from './live-quilt-stack.js'
import type {LiveReads} from './live-run.js'
import {benchlingSecretId, secretAccess} from './live-secret.js'

// Speculative reads of a live doctor, begun from what the webhook stack says while the service is
// still being looked up. A diagnosis is a chain (service -> task definition -> roles -> policies ->
// policy versions); the stack names the links' far ends (its task definition, its roles, the
// service's cluster and name), so their reads need not wait for the chain to reach them. Each read
// goes into the run's cache under the key its fact's loader uses (LiveReads): a guess that is right
// answers the loader at once, a wrong one costs a call and nothing else, and a failed one is the
// failure the loader would have met. Nothing here decides a finding.

/** What target resolution read of the stack. */
export interface StackView {
  stack: Stack
  /** the service's cluster and name as the stack gives them (outputs or resources) */
  cluster?: string
  service?: string
  /** the group the webhook logs to, as the stack's EcsLogGroup output names it */
  logGroup?: string
}

/** The stack's resources and template, as far as they could be read, and the stack's parameters when known. */
export interface StackParts {
  resources?: StackResource[]
  /** the template body, as given to CloudFormation */
  template?: string
  parameters?: Parameter[]
}

type Json = Record<string, unknown>
const ROLE_PROPERTIES = ['TaskRoleArn', 'ExecutionRoleArn']

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The role names the template's task definitions give their task and execution roles: a role of
 * the stack (Fn::GetAtt X.Arn, or Ref X), a parameter holding a role ARN, or a literal ARN. Only
 * a JSON template is read (what CDK deploys); any other form gives no names, and no guess.
 */
export function taskDefinitionRoleNames(parts: StackParts): string[] {
  let template: unknown
  try {
    template = parts.template ? JSON.parse(parts.template) : undefined
  } catch {
    return []
  }

  const resources = isObject(template) && isObject(template.Resources) ? template.Resources : {}
  const physical = new Map((parts.resources ?? []).map((r) => [r.LogicalResourceId, r.PhysicalResourceId]))
  const parameters = new Map((parts.parameters ?? []).map((p) => [p.ParameterKey, p.ResolvedValue ?? p.ParameterValue]))
  const nameFrom = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value.startsWith('arn:') ? roleNameFromArn(value) : undefined
    if (!isObject(value)) return undefined
    const getAtt = value['Fn::GetAtt']
    const logical = Array.isArray(getAtt) ? getAtt[0] : typeof getAtt === 'string' ? getAtt.split('.')[0] : undefined
    if (typeof logical === 'string') return physical.get(logical)
    const ref = value.Ref
    if (typeof ref !== 'string') return undefined
    const given = parameters.get(ref)
    return given ? (given.startsWith('arn:') ? roleNameFromArn(given) : given) : physical.get(ref)
  }

  const names = Object.values(resources)
    .filter((r): r is Json => isObject(r) && r.Type === 'AWS::ECS::TaskDefinition' && isObject(r.Properties))
    .flatMap((r) => ROLE_PROPERTIES.map((p) => nameFrom((r.Properties as Json)[p])))
  return [...new Set(names.filter((n): n is string => Boolean(n)))]
}

/**
 * Which guesses a run wants, from the facts its checks need (all when not said): a run of one check
 * makes no call for another's facts. Every run reads the task definition (the release is told from it).
 */
export function speculation(wanted?: ReadonlySet<string>): Record<'roles' | 'stack' | 'tasks' | 'logs' | 'logGroup' | 'secret' | 'quilt', boolean> {
  const wants = (...names: string[]) => !wanted || names.some((n) => wanted.has(n))
  return {
    quilt: wants('quiltStack', 'iamEvaluation'),
    roles: wants('roles', 'iamEvaluation'),
    secret: wants('benchlingSecret', 'secretAccess', 'containerLogs', 'iamEvaluation'),
    logGroup: wants('logGroup'),
    logs: wants('containerLogs'),
    stack: wants('stack'),
    tasks: wants('tasks', 'containerLogs'),
  }
}

/**
 * Begins the reads target resolution lets bwops guess, for the facts `wanted`, as each thing it
 * finds comes (src/services/live-target.ts calls these): every call returns at once.
 */
export class Prefetch {
  /** whether resolution should read the stack's template (it names the roles) */
  readonly template: boolean
  private readonly want: ReturnType<typeof speculation>
  private lists?: [Promise<string[]>, Promise<string[]>]
  private readonly listsKnown: Promise<[Promise<string[]>, Promise<string[]>]>
  private announceLists!: (lists: [Promise<string[]>, Promise<string[]>]) => void

  constructor(
    private readonly reads: LiveReads,
    private readonly profile: Profile,
    wanted?: ReadonlySet<string>,
  ) {
    this.want = speculation(wanted)
    this.template = this.want.roles
    this.listsKnown = new Promise((resolve) => (this.announceLists = resolve))
  }

  /** The service's cluster and name, from the stack's outputs or resources, whichever came first. */
  names(cluster: string, service: string): void {
    if (!this.want.tasks || this.lists) return
    const [c, s] = [ecsNameOf(cluster), ecsNameOf(service)]
    this.lists = [this.reads.taskArns(c, s, 'STOPPED'), this.reads.taskArns(c, s, 'RUNNING')]
    // the lists, then DescribeTasks of what they hold, as the tasks fact reads them
    this.reads.start(this.reads.tasks(c, s))
    this.announceLists(this.lists)
  }

  /** The stack: its last operation's events, its log group. */
  stack(view: StackView): void {
    const {stack} = view
    if (this.want.stack && stack.StackName) this.reads.start(this.reads.stackEvents(stack.StackName, stack.StackId))
    if (this.want.logGroup && view.logGroup) this.reads.start(this.reads.logGroup(view.logGroup))
  }

  /**
   * The stack's resources and template, which may come before the stack: the roles its task
   * definition names (a role given by a parameter once `stack` brings the parameters), and the
   * stack's own task definition with the secret, Quilt stack and log streams it names.
   */
  resources(parts: StackParts, stack: Promise<Stack | undefined>): void {
    const {reads, profile, want} = this
    if (want.roles) {
      for (const name of taskDefinitionRoleNames(parts)) startRoleReads(reads, name)
      reads.start(stack.then((s) => s?.Parameters && taskDefinitionRoleNames({...parts, parameters: s.Parameters}).forEach((name) => startRoleReads(reads, name))))
    }

    // after a rollback the service's failed deployment runs another revision, which usually names
    // the same secret, Quilt stack and log streams, so those reads still hold
    for (const r of parts.resources ?? []) {
      if (r.ResourceType !== 'AWS::ECS::TaskDefinition' || !r.PhysicalResourceId?.startsWith('arn:')) continue
      const read = reads.taskDefinition(r.PhysicalResourceId).then((raw) => (raw?.containerDefinitions?.length ? normalizeTaskDefinition(raw, `The task definition ${r.PhysicalResourceId}`) : undefined))
      reads.start(
        read.then((td) => {
          if (!td) return
          const secret = want.secret ? benchlingSecretId(td, profile) : undefined
          if (secret) reads.start(secretAccess(reads, secret.id))
          const quilt = want.quilt ? quiltStackArnOf(td, profile) : undefined
          if (quilt) reads.start(quiltStackFact(reads, quilt))
        }),
      )
      if (want.logs && want.tasks) {
        reads.start(Promise.all([read, this.listsKnown]).then(async ([td, lists]) => td && startLogReads(reads, td, ...(await Promise.all(lists)))))
      }
    }
  }

  /** The service as DescribeServices answered: the task definition the facts will judge. */
  service(service: Service): void {
    const chosen = chosenTaskDefinition(serviceStateFrom(service, service.clusterArn ?? ''))
    if (chosen) this.reads.start(this.reads.taskDefinition(chosen.arn))
  }
}

/**
 * The streams the logs fact will tail, named from the task ids ListTasks gave and the stack's task
 * definition's awslogs options, begun before DescribeTasks answers. The fact reads the newest
 * MAX_STOPPED_TASK_LOGS stopped tasks, which only their stop times tell; ListTasks gives no order,
 * so up to twice as many are read (each extra one costs a call, nothing more). A task that never
 * started has no stream, and its read finds none.
 */
function startLogReads(reads: LiveReads, td: TaskDefinition, stopped: string[], running: string[]): void {
  const [tasks, max] = stopped.length > 0 ? [stopped, MAX_STOPPED_TASK_LOGS] : [running, MAX_RUNNING_TASK_LOGS]
  if (tasks.length > 2 * max) return
  for (const arn of tasks) {
    for (const {group, stream} of awslogsStreams(td, arn.split('/').pop() ?? arn)) if (stream) reads.start(tailRead(reads, group, stream))
  }
}
