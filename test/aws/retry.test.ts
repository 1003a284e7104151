import {describe, expect, it} from 'vitest'

import {call, CallCounter, createLimiter} from '../../src/aws/calls.js'
import {AwsCallError} from '../../src/aws/errors.js'
import {retryDelay, retryPolicy, shouldRetry} from '../../src/aws/retry.js'
import {awsError} from './helpers.js'

// call()'s retry policy and its fallback-once memory; no timing is asserted, only what was sent.

const fast = {baseMs: 0, capMs: 0, maxAttempts: 5}

function ctx(max = Number.POSITIVE_INFINITY) {
  return {clients: {}, counter: new CallCounter(), limit: createLimiter(max), retry: fast}
}

function withStatus(name: string, status: number, message = 'it broke') {
  return Object.assign(awsError(name, message), {$metadata: {attempts: 1, httpStatusCode: status}})
}

/** A send that fails with the given errors in turn, then answers 'ok'. */
function failing(...errors: unknown[]) {
  let sent = 0
  const send = async () => {
    const error = errors[sent++]
    if (error) throw error
    return 'ok'
  }

  return {send, sent: () => sent}
}

describe('call() retries', () => {
  it('retries a throttled call and counts it once', async () => {
    const c = ctx()
    const op = failing(awsError('ThrottlingException', 'Rate exceeded'), awsError('Throttling', 'Rate exceeded'))
    await expect(call(c, 'ecs:DescribeServices', op.send)).resolves.toBe('ok')
    expect(op.sent()).toBe(3)
    expect(c.counter.records).toMatchObject([{action: 'ecs:DescribeServices', ok: true}])
  })

  it('gives up after maxAttempts and says how many attempts were made', async () => {
    const c = ctx()
    const op = failing(...Array.from({length: 9}, () => awsError('ThrottlingException', 'Rate exceeded')))
    const error = (await call(c, 'ecs:ListTasks', op.send).catch((e: unknown) => e)) as AwsCallError
    expect(op.sent()).toBe(5)
    expect(error.kind).toBe('throttled')
    expect(error.attempts).toBe(5)
  })

  it('holds no concurrency slot while waiting to retry', async () => {
    const c = {...ctx(1), retry: {baseMs: 40, capMs: 40, maxAttempts: 2}}
    const order: string[] = []
    const throttled = failing(awsError('ThrottlingException', 'Rate exceeded'))
    const first = call(c, 'a:Throttled', async () => {
      order.push('throttled sent')
      return throttled.send()
    })
    // queued behind the first on the single slot; it must run during the first's backoff
    const second = call(c, 'b:Other', async () => {
      order.push('other sent')
      return 'other'
    })
    await Promise.all([first, second])
    expect(order).toEqual(['throttled sent', 'other sent', 'throttled sent'])
  })

  it.each([
    ['ThrottlingException', undefined, true],
    ['ServiceUnavailable', 503, true],
    ['TimeoutError', undefined, true],
    ['InternalFailure', 500, false],
    ['NotImplemented', 501, false],
    ['AccessDeniedException', 403, false],
    ['ValidationError', 400, false],
  ])('%s (HTTP %s) is retried: %s', (name, status, retried) => {
    expect(shouldRetry(new AwsCallError('x:Y', name, '', 1, status))).toBe(retried)
  })

  it('backs off exponentially from 25 ms, capped at 1 s, never instantly', () => {
    const policy = retryPolicy({})
    expect(policy.maxAttempts).toBe(5)
    expect([1, 2, 3].map((n) => retryDelay(policy, n, () => 0))).toEqual([12.5, 25, 50])
    expect(retryDelay(policy, 3, () => 1)).toBe(100)
    expect(retryDelay(policy, 20, () => 1)).toBe(1000)
    expect(retryPolicy({AWS_MAX_ATTEMPTS: '2'}).maxAttempts).toBe(2)
  })
})

describe('call() fallback once', () => {
  it.each([
    ['a server error', withStatus('InternalFailure', 500)],
    ['"not implemented"', withStatus('NotImplemented', 501, 'The action is not yet implemented')],
  ])('does not send again an operation that failed with %s', async (_, failure) => {
    const c = ctx()
    const op = failing(failure, failure, failure)
    const first = await call(c, 'iam:SimulatePrincipalPolicy', op.send).catch((e: unknown) => e)
    const second = await call(c, 'iam:SimulatePrincipalPolicy', op.send).catch((e: unknown) => e)
    expect(op.sent()).toBe(1)
    expect(second).toBe(first)
    expect(c.counter.summary()).toEqual({byOperation: {'iam:SimulatePrincipalPolicy': 1}, total: 1, unavailable: {'iam:SimulatePrincipalPolicy': (first as Error).message}})
    expect([...c.counter.unavailable.keys()]).toEqual(['iam:SimulatePrincipalPolicy'])
    // other operations are still sent
    await expect(call(c, 'ecs:DescribeServices', async () => 'ok')).resolves.toBe('ok')
  })

  it('sends again an operation that was denied or not found (the answer depends on the resource)', async () => {
    const c = ctx()
    const op = failing(awsError('AccessDeniedException', 'no'), awsError('ResourceNotFoundException', 'gone'))
    await call(c, 'secretsmanager:GetSecretValue', op.send).catch(() => undefined)
    await call(c, 'secretsmanager:GetSecretValue', op.send).catch(() => undefined)
    await call(c, 'secretsmanager:GetSecretValue', op.send)
    expect(op.sent()).toBe(3)
    expect(c.counter.unavailable.size).toBe(0)
  })
})

describe('a run that is over', () => {
  it('sends no call and no retry once its counter is closed: a read begun ahead that nobody awaits stops', async () => {
    const c = ctx()
    const throttled = failing(awsError('ThrottlingException', 'Rate exceeded'), awsError('ThrottlingException', 'Rate exceeded'))
    const pending = call(c, 'iam:GetRole', async () => {
      const answer = throttled.send()
      c.counter.close() // the report is made while the first attempt is in flight
      return answer
    })
    await expect(pending).rejects.toMatchObject({action: 'iam:GetRole', awsName: 'RunEnded'})
    expect(throttled.sent()).toBe(1)
    const never = failing()
    await expect(call(c, 'ecs:ListTasks', never.send)).rejects.toBeInstanceOf(AwsCallError)
    expect(never.sent()).toBe(0)
  })
})
