import {describe, expect, it} from 'vitest'

import {call, CallCounter, createLimiter} from '../../src/aws/calls.js'
import {AwsCallError, awsErrorKind} from '../../src/aws/errors.js'
import {awsError, ctxOf} from './helpers.js'

describe('AWS calls', () => {
  it.each([
    ['AccessDeniedException', '', 'denied'],
    ['ClientException', 'User: x is not authorized to perform: ecs:ListTasks', 'denied'],
    ['ThrottlingException', '', 'throttled'],
    ['Throttling', 'Rate exceeded', 'throttled'],
    ['CredentialsProviderError', '', 'credentials'],
    ['ExpiredToken', '', 'credentials'],
    ['ValidationError', 'Stack with id X does not exist', 'not-found'],
    ['ValidationError', 'Template format error', 'other'],
    ['ResourceNotFoundException', '', 'not-found'],
    ['InternalFailure', '', 'other'],
  ])('sorts %s (%s) as %s', (name, message, kind) => expect(awsErrorKind(name, message)).toBe(kind))

  it.each([
    ['AccessDeniedException', 'AccessDeniedException calling ecs:DescribeTasks: grant ecs:DescribeTasks to the identity bwops runs as'],
    ['ThrottlingException', 'ThrottlingException calling ecs:DescribeTasks: AWS throttled the call 5 times; run again in a minute, or raise AWS_MAX_ATTEMPTS'],
    ['ServerException', 'ServerException calling ecs:DescribeTasks: it broke'],
  ])('counts a failed call and says what %s means', async (name, message) => {
    const ctx = ctxOf({})
    const error = await call(ctx, 'ecs:DescribeTasks', () => Promise.reject(awsError(name, 'it broke'))).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as Error).message).toBe(message)
    expect(ctx.counter.records).toMatchObject([{action: 'ecs:DescribeTasks', ok: false}])
  })

  it('counts calls by operation and adds up their time', async () => {
    const ctx = ctxOf({})
    await call(ctx, 'b:Two', async () => 1)
    await call(ctx, 'a:One', async () => 1)
    await call(ctx, 'b:Two', () => new Promise((r) => setTimeout(r, 20)))
    expect(ctx.counter.summary()).toEqual({byOperation: {'a:One': 1, 'b:Two': 2}, total: 3})
    expect(Object.keys(ctx.counter.summary().byOperation)).toEqual(['a:One', 'b:Two'])
    expect(ctx.counter.latencySum).toBeGreaterThanOrEqual(15)
  })

  it('keeps at most the limit in flight', async () => {
    const limit = createLimiter(3)
    let active = 0
    let peak = 0
    const task = () =>
      limit(async () => {
        peak = Math.max(peak, ++active)
        await new Promise((r) => setTimeout(r, 5))
        active--
      })
    await Promise.all(Array.from({length: 10}, task))
    expect(peak).toBe(3)
    expect(new CallCounter().total).toBe(0)
  })

  it('keeps the limit per lane (an AWS service): a full lane holds back no other', async () => {
    const limit = createLimiter(2)
    const peaks = new Map<string, number>()
    const active = new Map<string, number>()
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const task = (lane: string, wait: Promise<void>) =>
      limit(async () => {
        active.set(lane, (active.get(lane) ?? 0) + 1)
        peaks.set(lane, Math.max(peaks.get(lane) ?? 0, active.get(lane)!))
        await wait
        active.set(lane, active.get(lane)! - 1)
      }, lane)
    const logs = Array.from({length: 5}, () => task('logs', held))
    // the logs lane is full and held: iam's calls still run, and finish, meanwhile
    await Promise.all(Array.from({length: 4}, () => task('iam', Promise.resolve())))
    expect(active.get('logs')).toBe(2)
    release()
    await Promise.all(logs)
    expect(Object.fromEntries(peaks)).toEqual({iam: 2, logs: 2})
  })
})
