import type {AwsCallError} from './errors.js'

// How call() retries. The SDK's standard mode waits up to 20 s between attempts (100 ms base,
// doubling, full jitter) and holds its caller meanwhile; a diagnosis is a burst of cheap reads, so
// a throttled one is asked again soon (25 ms base, doubling, capped at 1 s, equal jitter so no
// retry is instant) and the burst spreads out on its own. A server error or an unimplemented
// operation is not retried (the run remembers it instead, see calls.ts), except the gateway
// answers 502-504 and network resets, which are transient by nature.

export interface RetryPolicy {
  /** attempts in all, the first included */
  maxAttempts: number
  baseMs: number
  capMs: number
}

/** AWS_MAX_ATTEMPTS, as the SDK and the aws CLI read it, else 5 attempts. */
export function retryPolicy(env: NodeJS.ProcessEnv = process.env): RetryPolicy {
  const configured = Number.parseInt(env.AWS_MAX_ATTEMPTS ?? '', 10)
  return {baseMs: 25, capMs: 1000, maxAttempts: Number.isFinite(configured) && configured >= 1 ? configured : 5}
}

const TRANSIENT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'PriorRequestNotComplete', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'])

export function shouldRetry(error: AwsCallError): boolean {
  if (error.kind === 'throttled') return true
  if (error.kind !== 'other') return false
  return TRANSIENT.has(error.awsName) || (error.httpStatus !== undefined && error.httpStatus >= 502 && error.httpStatus <= 504)
}

/** The wait before attempt `attempt + 1`: half the exponential step, plus up to as much again at random. */
export function retryDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1))
  return step / 2 + random() * (step / 2)
}
