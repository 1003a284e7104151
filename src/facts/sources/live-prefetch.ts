import type {Stack, StackResource} from '@aws-sdk/client-cloudformation'

import {roleNameFromArn} from '../../aws/iam.js'
import type {Profile} from '../../profile/types.js'
import {normalizeTaskDefinition} from '../normalize-task-definition.js'
import type {TaskDefinition} from '../types.js'
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

/** What target resolution read of the stack (resources and template when they could be read). */
export interface StackView {
  stack: Stack
  resources?: StackResource[]
  /** the template body, as given to CloudFormation */
  template?: string
  /** the service's cluster and name as the stack gives them (outputs or resources) */
  cluster?: string
  service?: string
  /** the group the webhook logs to, as the stack's EcsLogGroup output names it */
  logGroup?: string
}

type Json = Record<string, unknown>
const ROLE_PROPERTIES = ['TaskRoleArn', 'ExecutionRoleArn']

/** A name from a name or ARN: arn:aws:ecs:...:cluster/name -> name. */
const nameOf = (value: string) => value.split('/').pop() ?? value

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The role names the template's task definitions give their task and execution roles: a role of
 * the stack (Fn::GetAtt X.Arn, or Ref X), a parameter holding a role ARN, or a literal ARN. Only
 * a JSON template is read (what CDK deploys); any other form gives no names, and no guess.
 */
export function taskDefinitionRoleNames(view: StackView): string[] {
  let template: unknown
  try {
    template = view.template ? JSON.parse(view.template) : undefined
  } catch {
    return []
  }

  const resources = isObject(template) && isObject(template.Resources) ? template.Resources : {}
  const physical = new Map((view.resources ?? []).map((r) => [r.LogicalResourceId, r.PhysicalResourceId]))
  const parameters = new Map((view.stack.Parameters ?? []).map((p) => [p.ParameterKey, p.ResolvedValue ?? p.ParameterValue]))
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
 * Begins the reads the stack lets bwops guess, for the facts `wanted`; returns at once. What the
 * stack itself names goes first; what its resources and template name, when `more` brings them.
 */
export function prefetchFromStack(reads: LiveReads, view: StackView, profile: Profile, wanted?: ReadonlySet<string>, more?: Promise<Pick<StackView, 'resources' | 'template'>>): void {
  const {stack} = view
  const want = speculation(wanted)
  if (want.stack && stack.StackName) reads.start(reads.stackEvents(stack.StackName, stack.StackId))
  if (want.logGroup && view.logGroup) reads.start(reads.logGroup(view.logGroup))
  const [cluster, service] = [view.cluster && nameOf(view.cluster), view.service && nameOf(view.service)]
  const lists = want.tasks && cluster && service ? (['STOPPED', 'RUNNING'] as const).map((status) => reads.taskArns(cluster, service, status)) : []
  // the lists, then DescribeTasks of what they hold, as the tasks fact reads them
  if (want.tasks && cluster && service) reads.start(reads.tasks(cluster, service))
  if (more) reads.start(more.then((found) => fromResources(reads, {...view, ...found}, profile, want, lists)))
}

function fromResources(reads: LiveReads, view: StackView, profile: Profile, want: ReturnType<typeof speculation>, lists: Promise<string[]>[]): void {
  if (want.roles) for (const name of taskDefinitionRoleNames(view)) startRoleReads(reads, name)
  // the stack's task definition: after a rollback the service's failed deployment runs another
  // revision, which usually names the same secret, Quilt stack and log streams, so those reads still hold
  for (const r of view.resources ?? []) {
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
    if (want.logs && lists.length === 2) reads.start(Promise.all([read, ...lists]).then(([td, stopped, running]) => td && startLogReads(reads, td, stopped!, running!)))
  }
}

/**
 * The streams the logs fact will tail, named from the task ids ListTasks gave and the stack's task
 * definition's awslogs options, begun before DescribeTasks answers. Only when every task of the
 * list is one the fact reads (which of more it picks depends on their stop times); a task that
 * never started has no stream, and its read finds none.
 */
function startLogReads(reads: LiveReads, td: TaskDefinition, stopped: string[], running: string[]): void {
  const [tasks, max] = stopped.length > 0 ? [stopped, MAX_STOPPED_TASK_LOGS] : [running, MAX_RUNNING_TASK_LOGS]
  if (tasks.length > max) return
  for (const arn of tasks) {
    for (const {group, stream} of awslogsStreams(td, arn.split('/').pop() ?? arn)) if (stream) reads.start(tailRead(reads, group, stream))
  }
}
