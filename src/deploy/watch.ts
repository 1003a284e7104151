import type {Clock} from './changeset.js'
import type {DeployClients} from './clients.js'
import {initialState, interrupt, type Observation, type Outcome, type Progress, step, type WatchState} from './watch-state.js'

export interface WatchTarget {
  stackName: string
  cluster: string
  service: string
}

export interface WatchOptions {
  startedAt: number
  timeoutMs: number
  pollMs: number
  /** deployment ids the service had before the change set ran */
  baseline: string[]
}

export interface WatchDeps {
  observe(state: WatchState): Promise<Observation>
  clock: Clock
  onProgress(progress: Progress): void
  /** after each poll, with the state it left */
  onPoll?(state: WatchState): void
  /** a poll that failed (throttling, a dropped connection): said, and the watch goes on */
  onPollError?(error: unknown): void
  /** aborted on Ctrl-C: the watch stops, the deployment does not */
  signal?: AbortSignal
}

/** Polls until the state machine reaches an outcome, the deadline passes, or the user interrupts. */
export async function watchRollout(options: WatchOptions, deps: WatchDeps): Promise<{outcome: Outcome; state: WatchState}> {
  let state = initialState(options.startedAt, options.timeoutMs, options.baseline)
  let failures = 0
  for (;;) {
    if (deps.signal?.aborted) state = interrupt(state)
    if (state.outcome) return {outcome: state.outcome, state}
    let obs: Observation | undefined
    try {
      obs = await deps.observe(state)
      failures = 0
    } catch (error) {
      // three failed polls in a row is not a blip: give up watching and say so
      if (++failures >= 3) throw error
      deps.onPollError?.(error)
    }

    if (obs) {
      const result = step(state, obs)
      state = result.state
      for (const p of result.progress) deps.onProgress(p)
      deps.onPoll?.(state)
    } else if (deps.clock.now() >= state.deadline) {
      state = {...state, outcome: {kind: 'timed-out', ...(state.stackStatus ? {stackStatus: state.stackStatus} : {})}}
    }

    if (state.outcome || deps.signal?.aborted) continue
    const left = state.deadline - deps.clock.now()
    await deps.clock.sleep(Math.max(0, Math.min(options.pollMs, left)), deps.signal)
  }
}

/** One poll: the stack, its new events, the service and its newly stopped tasks, read together. */
export function awsObserver(clients: DeployClients, target: WatchTarget, since: Date, now: () => number): (state: WatchState) => Promise<Observation> {
  return async (state) => {
    const [stack, stackEvents, service] = await Promise.all([
      clients.cfn.describeStack(target.stackName),
      clients.cfn.eventsSince(target.stackName, since),
      clients.ecs.describeService(target.cluster, target.service),
    ])
    const stoppedTasks = service ? await clients.ecs.stoppedTasks(target.cluster, target.service, state.seenTasks) : []
    return {
      at: now(),
      stackEvents,
      stoppedTasks,
      ...(stack ? {stack: {status: stack.status, ...(stack.statusReason ? {statusReason: stack.statusReason} : {})}} : {}),
      ...(service ? {service} : {}),
    }
  }
}

/** A sleep that ends early when the signal aborts, so Ctrl-C is answered at once. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }

    signal?.addEventListener('abort', done, {once: true})
  })
}

export const systemClock: Clock = {now: () => Date.now(), sleep: abortableSleep}
