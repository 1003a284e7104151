import {AwsCallError, isOperationUnavailable, toAwsCallError} from './errors.js'
import {type RetryPolicy, retryDelay, retryPolicy, shouldRetry} from './retry.js'

// Every AWS call bwops makes goes through call(): it is bounded by the run's limiter, timed,
// counted by IAM action, and its failure becomes an AwsCallError. Counting here rather than in an
// SDK middleware means calls answered by aws-sdk-client-mock (which replaces `send`) count too,
// so the tests and the benchmark see the same numbers as a real run. A retried call counts once.
//
// Retries are made here, not by the SDK (clients.ts gives it one attempt): a throttled call waits
// a short backoff (retry.ts) *outside* the limiter, so its slot serves other calls meanwhile, and
// an operation the endpoint cannot answer at all (a server error, "not implemented") is not sent
// again in the same run: its first failure is remembered and answers every later call of it.

export interface CallRecord {
  action: string
  ms: number
  ok: boolean
  /** when it started, in ms since the counter was made: the longest chain of calls is read from these */
  at?: number
}

/** The report's `awsCalls` field. */
export interface AwsCallSummary {
  total: number
  byOperation: Record<string, number>
  /** operations the endpoint failed (server error, not implemented), each asked once: what it answered */
  unavailable?: Record<string, string>
  /** the longest chain of calls each of which started after the one before it ended (doctor --verbose) */
  longestChain?: string[]
}

export class CallCounter {
  readonly records: CallRecord[] = []
  /** operations that failed at the endpoint itself this run, with their first failure */
  readonly unavailable = new Map<string, AwsCallError>()
  private readonly origin = performance.now()
  /** set when the run has what it needs: reads begun ahead that nobody awaits send no further attempt */
  private over = false

  /** Ends the run: no call starts (or retries) after this, so the process does not wait on guesses. */
  close(): void {
    this.over = true
  }

  get closed(): boolean {
    return this.over
  }

  record(action: string, ms: number, ok: boolean): void {
    this.records.push({action, at: performance.now() - ms - this.origin, ms, ok})
  }

  /**
   * The longest chain of calls each of which started only after the one before it ended: how many
   * round trips deep the run was (a call started while another was in flight did not wait for it).
   */
  longestChain(): CallRecord[] {
    const calls = [...this.records].filter((r) => r.at !== undefined).sort((a, b) => a.at! - b.at!)
    const best = new Map<CallRecord, CallRecord[]>()
    for (const c of calls) {
      let chain: CallRecord[] = []
      for (const prior of calls) {
        if (prior === c || prior.at! + prior.ms > c.at! + 0.5) continue
        const via = best.get(prior)
        if (via && via.length > chain.length) chain = via
      }

      best.set(c, [...chain, c])
    }

    return [...best.values()].reduce<CallRecord[]>((a, b) => (b.length > a.length ? b : a), [])
  }

  get total(): number {
    return this.records.length
  }

  /** The time the calls took added up: what a run one call at a time would have waited. */
  get latencySum(): number {
    return this.records.reduce((sum, r) => sum + r.ms, 0)
  }

  summary(): AwsCallSummary {
    const byOperation: Record<string, number> = {}
    for (const r of [...this.records].sort((a, b) => a.action.localeCompare(b.action))) {
      byOperation[r.action] = (byOperation[r.action] ?? 0) + 1
    }

    const unavailable = Object.fromEntries([...this.unavailable].map(([action, error]) => [action, error.message]))
    return {byOperation, total: this.total, ...(this.unavailable.size > 0 ? {unavailable} : {})}
  }
}

/** Runs `task` when its lane has a free slot; a lane is an AWS service (calls of one service queue together). */
export type Limiter = <T>(task: () => Promise<T>, lane?: string) => Promise<T>

/**
 * At most `max` tasks at once in each lane, the others waiting in order. AWS throttles each service
 * (and each API) on its own, so the doctor's log reads do not hold back its IAM reads.
 */
export function createLimiter(max: number): Limiter {
  if (!Number.isFinite(max)) return (task) => task()
  const lanes = new Map<string, {active: number; waiting: (() => void)[]}>()
  return async (task, name = '') => {
    let lane = lanes.get(name)
    if (!lane) lanes.set(name, (lane = {active: 0, waiting: []}))
    if (lane.active >= max) await new Promise<void>((resolve) => lane.waiting.push(resolve))
    lane.active++
    try {
      return await task()
    } finally {
      lane.active--
      lane.waiting.shift()?.()
    }
  }
}

/** What an adapter needs to make calls: the clients, and the run's counter and limiter. */
export interface CallContext<C> {
  clients: C
  counter: CallCounter
  limit: Limiter
  /** how throttled and transient failures are retried; the default is retry.ts's */
  retry?: RetryPolicy
}

/** Makes one AWS call, named by its IAM action (e.g. ecs:DescribeServices). */
export async function call<T>(ctx: CallContext<unknown>, action: string, send: () => Promise<T>): Promise<T> {
  const known = ctx.counter.unavailable.get(action)
  if (known) throw known
  const policy = ctx.retry ?? retryPolicy()
  const started = performance.now()
  for (let attempt = 1; ; attempt++) {
    let failure: AwsCallError
    if (ctx.counter.closed) throw new AwsCallError(action, 'RunEnded', 'the run had ended before this call was sent', attempt - 1)
    try {
      const result = await ctx.limit(send, action.split(':')[0])
      ctx.counter.record(action, performance.now() - started, true)
      return result
    } catch (error) {
      failure = toAwsCallError(action, error)
    }

    if (attempt < policy.maxAttempts && shouldRetry(failure)) {
      // the slot was released when send() settled: the wait holds none
      await new Promise((resolve) => setTimeout(resolve, retryDelay(policy, attempt)))
      continue
    }

    if (attempt > 1) failure = new AwsCallError(action, failure.awsName, failure.awsMessage, attempt, failure.httpStatus)
    ctx.counter.record(action, performance.now() - started, false)
    if (isOperationUnavailable(failure)) ctx.counter.unavailable.set(action, failure)
    throw failure
  }
}
