import type {Stack, StackEvent} from '@aws-sdk/client-cloudformation'
import type {Service, TaskDefinition as EcsTaskDefinition} from '@aws-sdk/client-ecs'
import type {TargetGroup} from '@aws-sdk/client-elastic-load-balancing-v2'

import type {AwsContext} from '../../aws/clients.js'
import {describeStack, stackEventsOfLastOperation} from '../../aws/cloudformation.js'
import {describeService, describeTaskDefinition} from '../../aws/ecs.js'
import {describeTargetGroup, describeTargetHealth} from '../../aws/elbv2.js'
import {AwsCallError} from '../../aws/errors.js'
import {UserError} from '../../errors.js'
import {inferMode} from '../../facts/mode.js'
import {normalizeTaskDefinition} from '../../facts/normalize-task-definition.js'
import {serviceStateFrom, stackFrom, targetHealthFrom} from '../../facts/sources/live-convert.js'
import type {LiveTarget} from '../../facts/sources/live-run.js'
import type {TaskDefinition} from '../../facts/types.js'
import {servedContainer} from '../../checks/lib/served-container.js'
import type {Profile} from '../../profile/types.js'
import {headline} from './headline.js'
import type {StatusSnapshot, TargetGroupStatus} from './model.js'
import {toDeployments, toEvents, toTargets} from './sections.js'

/** One status session: the resolved target, and what never changes between refreshes (task definitions, target groups). */
export class StatusSession {
  private readonly taskDefinitions = new Map<string, Promise<EcsTaskDefinition | undefined>>()
  private readonly targetGroups = new Map<string, Promise<TargetGroup | undefined>>()
  private refreshes = 0

  constructor(
    readonly ctx: AwsContext,
    readonly target: LiveTarget,
    readonly profile: Profile,
    readonly now: () => number,
  ) {}

  taskDefinition(arn: string): Promise<EcsTaskDefinition | undefined> {
    return cached(this.taskDefinitions, arn, () => describeTaskDefinition(this.ctx, arn))
  }

  targetGroup(arn: string): Promise<TargetGroup | undefined> {
    return cached(this.targetGroups, arn, () => describeTargetGroup(this.ctx, arn))
  }

  /** The first snapshot reuses what target resolution fetched; later ones ask AWS again. */
  async snapshot(): Promise<StatusSnapshot> {
    const fresh = this.refreshes++ > 0
    return collectStatus(this, fresh)
  }
}

function cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = map.get(key)
  if (!pending) {
    pending = load()
    // a failed lookup is not remembered: the next refresh tries again
    pending.catch(() => map.delete(key))
    map.set(key, pending)
  }

  return pending
}

/** A section that failed on an AWS error is reported as unavailable; any other error is a bug and propagates. */
async function section<T>(name: string, unavailable: Record<string, string>, load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load()
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error
    unavailable[name] = error.message
    return undefined
  }
}

async function currentService(session: StatusSession, fresh: boolean): Promise<Service> {
  const {ctx, target} = session
  if (!fresh) return target.seen.service
  const lookup = await describeService(ctx, target.cluster, target.service)
  if (lookup.status !== 'found' || lookup.service.status === 'INACTIVE') {
    throw new UserError(`The ECS service "${target.service}" in cluster "${target.cluster}" is gone (deleted while watching).`, 'Run `bwops doctor` to see what happened to the deployment.')
  }

  return lookup.service
}

async function currentStack(session: StatusSession, fresh: boolean): Promise<{stack?: Stack; events: StackEvent[]}> {
  const {ctx, target} = session
  if (!target.stackName) return {events: []}
  const stack = fresh ? await describeStack(ctx, target.stackName) : target.seen.stack
  if (!stack) return {events: []}
  // one page (newest first) is plenty for "the last events"
  const events = await stackEventsOfLastOperation(ctx, target.stackName, stack.StackId, 1)
  return {events, stack}
}

async function targetGroupStatus(session: StatusSession, arn: string): Promise<TargetGroupStatus> {
  const [group, health] = await Promise.all([session.targetGroup(arn), describeTargetHealth(session.ctx, arn)])
  const name = group?.TargetGroupName ?? arn.split('/')[1]
  const check = group ? `${group.HealthCheckProtocol ?? 'HTTP'} ${group.HealthCheckPath ?? '/'} on ${group.HealthCheckPort ?? 'traffic-port'}, expects ${group.Matcher?.HttpCode ?? '200'}` : undefined
  return {arn, targets: toTargets(targetHealthFrom(arn, health ?? [])), ...(name ? {name} : {}), ...(check ? {healthCheck: check} : {})}
}

/** A task definition bwops cannot read is one section it names as unavailable; the rest is still shown. */
function readTaskDefinition(raw: EcsTaskDefinition, arn: string, unavailable: Record<string, string>): TaskDefinition | undefined {
  try {
    return normalizeTaskDefinition(raw, `task definition ${arn}`)
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    unavailable.taskDefinition = error.message
    return undefined
  }
}

export async function collectStatus(session: StatusSession, fresh: boolean): Promise<StatusSnapshot> {
  const {profile, target} = session
  const unavailable: Record<string, string> = {}
  const now = session.now()
  const service = await currentService(session, fresh)
  const state = serviceStateFrom(service, target.cluster)
  const primaryTd = state.deployments.find((d) => d.status === 'PRIMARY')?.taskDefinition ?? state.taskDefinition
  const groups = [...new Set(state.loadBalancers.map((lb) => lb.targetGroupArn).filter((a): a is string => Boolean(a)))]

  const [stackPart, rawTd, targets] = await Promise.all([
    section('stack', unavailable, () => currentStack(session, fresh)),
    primaryTd ? section('taskDefinition', unavailable, () => session.taskDefinition(primaryTd)) : undefined,
    section('targets', unavailable, () => Promise.all(groups.map((arn) => targetGroupStatus(session, arn)))),
  ])

  const stack = stackPart?.stack ? stackFrom(stackPart.stack, stackPart.events) : undefined
  const td = rawTd?.containerDefinitions?.length ? readTaskDefinition(rawTd, primaryTd ?? '', unavailable) : undefined
  const container = td ? servedContainer(td, profile)?.container : undefined
  const mode = td ? inferMode(td, profile) : undefined
  // the stack's output when it was read now, so a watch sees an endpoint change
  const endpoint = stack?.outputs.WebhookEndpoint ?? target.webhookEndpoint
  const updated = stackPart?.stack?.LastUpdatedTime ?? stackPart?.stack?.CreationTime
  const partial = {
    deployments: toDeployments(state.deployments, now),
    service: {desired: state.desiredCount, pending: state.pendingCount, running: state.runningCount, ...(state.status ? {status: state.status} : {}), ...(state.taskDefinition ? {taskDefinition: state.taskDefinition} : {})},
    targets: targets ?? [],
    ...(stack
      ? {stack: {name: stack.name, status: stack.status, ...(stack.statusReason ? {statusReason: stack.statusReason} : {}), ...(updated ? {updatedAt: updated.toISOString()} : {})}}
      : {}),
  }
  return {
    ...partial,
    events: toEvents(state.events, stack?.events ?? []),
    headline: headline(partial),
    observedAt: new Date(now).toISOString(),
    target: {cluster: target.cluster, region: target.region, service: target.service, ...(target.stackName ? {stack: target.stackName} : {})},
    unavailable,
    ...(endpoint ? {endpoint} : {}),
    ...(container?.image ? {image: container.image} : {}),
    ...(mode ? {mode: {value: mode.value, why: mode.why}} : {}),
  }
}
