import {toAwsCallError} from './errors.js'

// Every AWS call bwops makes goes through call(): it is bounded by the run's limiter, timed,
// counted by IAM action, and its failure becomes an AwsCallError. Counting here rather than in an
// SDK middleware means calls answered by aws-sdk-client-mock (which replaces `send`) count too,
// so the tests and the benchmark see the same numbers as a real run. A call the SDK retried
// counts once: the SDK's own retries (standard mode, see clients.ts) are inside it.

export interface CallRecord {
  action: string
  ms: number
  ok: boolean
}

/** The report's `awsCalls` field. */
export interface AwsCallSummary {
  total: number
  byOperation: Record<string, number>
}

export class CallCounter {
  readonly records: CallRecord[] = []

  record(action: string, ms: number, ok: boolean): void {
    this.records.push({action, ms, ok})
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

    return {byOperation, total: this.total}
  }
}

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>

/** Runs at most `max` tasks at once, the others waiting in order. */
export function createLimiter(max: number): Limiter {
  if (!Number.isFinite(max)) return (task) => task()
  let active = 0
  const waiting: (() => void)[] = []
  return async (task) => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve))
    active++
    try {
      return await task()
    } finally {
      active--
      waiting.shift()?.()
    }
  }
}

/** What an adapter needs to make calls: the clients, and the run's counter and limiter. */
export interface CallContext<C> {
  clients: C
  counter: CallCounter
  limit: Limiter
}

/** Makes one AWS call, named by its IAM action (e.g. ecs:DescribeServices). */
export async function call<T>(ctx: CallContext<unknown>, action: string, send: () => Promise<T>): Promise<T> {
  return ctx.limit(async () => {
    const started = performance.now()
    try {
      const result = await send()
      ctx.counter.record(action, performance.now() - started, true)
      return result
    } catch (error) {
      ctx.counter.record(action, performance.now() - started, false)
      throw toAwsCallError(action, error)
    }
  })
}
