import {classifyStop, type StopClassification} from '../catalogue/stop-reasons.js'
import type {ServiceDeploymentFact, ServiceStateFact, StackEventFact, TaskFact} from '../facts/live-types.js'

// The rollout as a state machine: pure transitions over what one poll saw. No AWS, no clock: the
// loop in watch.ts feeds observations in, so tests and the benchmark drive it with scripts.

export interface Observation {
  /** when the poll was made (ms since the epoch) */
  at: number
  stack?: {status: string; statusReason?: string}
  /** events since the deploy began, newest first as CloudFormation returns them */
  stackEvents: StackEventFact[]
  service?: ServiceStateFact
  /** stopped tasks not seen before */
  stoppedTasks: TaskFact[]
}

export type Outcome =
  | {kind: 'succeeded'; stackStatus: string}
  | {kind: 'failed'; reason: 'task-stopped'; task: TaskFact; stop: StopClassification; deploymentId?: string}
  | {kind: 'failed'; reason: 'circuit-breaker'; deployment: ServiceDeploymentFact; task?: TaskFact}
  | {kind: 'failed'; reason: 'stack-rollback'; stackStatus: string; statusReason?: string; rootEvent?: StackEventFact; task?: TaskFact}
  | {kind: 'timed-out'; stackStatus?: string}
  | {kind: 'interrupted'}

export interface Progress {
  at: number
  kind: 'stack' | 'service' | 'task'
  text: string
}

export interface WatchState {
  startedAt: number
  deadline: number
  /** deployments the service had before the change set ran: not ours */
  baseline: ReadonlySet<string>
  deploymentId?: string
  stackStatus?: string
  rollout?: string
  seenEvents: ReadonlySet<string>
  seenServiceEvents: ReadonlySet<string>
  seenTasks: ReadonlySet<string>
  rootEvent?: StackEventFact
  /** the newest failed task of our deployment, known cause or not, for the diagnosis */
  lastFailedTask?: TaskFact
  outcome?: Outcome
}

/** Tasks created this long before the watch began may still be ours: clocks drift. */
const SKEW_MS = 30_000
const DONE = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE'])
const CANCELLED = /cancelled/i

export function initialState(startedAt: number, timeoutMs: number, baseline: Iterable<string>): WatchState {
  return {
    baseline: new Set(baseline),
    deadline: startedAt + timeoutMs,
    seenEvents: new Set(),
    seenServiceEvents: new Set(),
    seenTasks: new Set(),
    startedAt,
  }
}

export function step(state: WatchState, obs: Observation): {state: WatchState; progress: Progress[]} {
  if (state.outcome) return {progress: [], state}
  const progress: Progress[] = []
  const next: WatchState = {...state}
  const say = (kind: Progress['kind'], text: string) => progress.push({at: obs.at, kind, text})

  const seenEvents = new Set(state.seenEvents)
  for (const e of [...obs.stackEvents].reverse()) {
    const key = `${e.timestamp}|${e.logicalResourceId}|${e.resourceStatus}`
    if (seenEvents.has(key)) continue
    seenEvents.add(key)
    say('stack', `${e.logicalResourceId} ${e.resourceStatus}${e.resourceStatusReason ? `: ${e.resourceStatusReason}` : ''}`)
    if (!next.rootEvent && /FAILED$/.test(e.resourceStatus) && !CANCELLED.test(e.resourceStatusReason ?? '')) next.rootEvent = e
  }

  next.seenEvents = seenEvents
  if (obs.stack) next.stackStatus = obs.stack.status

  const service = obs.service
  const ours = service ? ourDeployment(next, service) : undefined
  if (ours) {
    next.deploymentId = ours.id
    const rollout = `${ours.rolloutState ?? 'IN_PROGRESS'} running ${ours.runningCount}/${ours.desiredCount}, pending ${ours.pendingCount}, failed ${ours.failedTasks ?? 0}`
    if (rollout !== state.rollout) say('service', `deployment ${ours.id} ${rollout}`)
    next.rollout = rollout
  }

  if (service) {
    const seen = new Set(state.seenServiceEvents)
    for (const e of [...service.events].reverse()) {
      const key = e.id ?? `${e.createdAt}|${e.message}`
      if (seen.has(key) || Date.parse(e.createdAt) < state.startedAt - SKEW_MS) continue
      seen.add(key)
      say('service', e.message)
    }

    next.seenServiceEvents = seen
  }

  const seenTasks = new Set(state.seenTasks)
  let stopped: {task: TaskFact; stop: StopClassification} | undefined
  for (const task of [...obs.stoppedTasks].reverse()) {
    if (seenTasks.has(task.taskArn)) continue
    seenTasks.add(task.taskArn)
    if (!isOurs(next, task)) continue
    const stop = classifyStop(task)
    say('task', `task ${task.taskId} stopped: ${stop.title}`)
    if (stop.failure) next.lastFailedTask = task
    if (stop.failure && stop.known && !stopped) stopped = {stop, task}
  }

  next.seenTasks = seenTasks
  next.outcome = decide(next, obs, ours, stopped)
  return {progress, state: next}
}

/** The most specific cause first: a task's own stop, then the breaker, then the stack's rollback. */
function decide(s: WatchState, obs: Observation, ours: ServiceDeploymentFact | undefined, stopped?: {task: TaskFact; stop: StopClassification}): Outcome | undefined {
  if (stopped) return {kind: 'failed', reason: 'task-stopped', ...stopped, ...(s.deploymentId ? {deploymentId: s.deploymentId} : {})}
  const task = s.lastFailedTask ? {task: s.lastFailedTask} : {}
  if (ours?.rolloutState === 'FAILED') return {deployment: ours, kind: 'failed', reason: 'circuit-breaker', ...task}
  const status = obs.stack?.status
  if (status && (/ROLLBACK/.test(status) || /FAILED$/.test(status))) {
    return {kind: 'failed', reason: 'stack-rollback', stackStatus: status, ...(obs.stack?.statusReason ? {statusReason: obs.stack.statusReason} : {}), ...(s.rootEvent ? {rootEvent: s.rootEvent} : {}), ...task}
  }

  if (status && DONE.has(status)) return {kind: 'succeeded', stackStatus: status}
  if (obs.at >= s.deadline) return {kind: 'timed-out', ...(status ? {stackStatus: status} : {})}
  return undefined
}

/** Ours: the first deployment the service did not have before. A rollback makes another: ignore it. */
function ourDeployment(s: WatchState, service: ServiceStateFact): ServiceDeploymentFact | undefined {
  if (s.deploymentId) return service.deployments.find((d) => d.id === s.deploymentId)
  const fresh = service.deployments.filter((d) => !s.baseline.has(d.id))
  return fresh.sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''))[0]
}

function isOurs(s: WatchState, task: TaskFact): boolean {
  const created = Date.parse(task.createdAt ?? task.stoppedAt ?? '')
  if (Number.isFinite(created) && created < s.startedAt - SKEW_MS) return false
  if (s.deploymentId) return task.startedBy === s.deploymentId
  return task.startedBy === undefined || !s.baseline.has(task.startedBy)
}

export function interrupt(state: WatchState): WatchState {
  return state.outcome ? state : {...state, outcome: {kind: 'interrupted'}}
}
