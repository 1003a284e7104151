import {DescribeTasksCommand, ECSClient, ListTasksCommand} from '@aws-sdk/client-ecs'
import {mockClient} from 'aws-sdk-client-mock'
import {describe, expect, test} from 'vitest'

import type {AwsContext} from '../../src/aws/clients.js'
import type {LiveTarget} from '../../src/facts/sources/live-run.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {describeChoice, previousStreams} from '../../src/services/logs/previous.js'
import {ctxOf, region} from '../aws/helpers.js'

// --previous reads a stopped task's logs whenever its container may have run: startedAt, an exit
// code (ECS leaves startedAt unset when the container exits before the task is RUNNING), a status
// past PENDING, or nothing known (try once). A task that failed to start with no exit code ran none.
const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/benchling-webhook-task:7'
const task = (id: string, over: object) => ({
  containers: [{name: 'BenchlingWebhookContainer', ...('container' in over ? (over.container as object) : {})}],
  lastStatus: 'STOPPED',
  stoppedAt: new Date(`2026-11-30T08:1${id}:00Z`),
  taskArn: `arn:aws:ecs:us-east-1:123456789012:task/c/${id.repeat(32)}`,
  taskDefinitionArn: TD,
  ...over,
})

describe('logs --previous: which stopped tasks have logs to read', () => {
  test('with and without startedAt, with and without an exit code, TaskFailedToStart', async () => {
    const ecs = new ECSClient(region)
    const tasks = [
      task('1', {container: {exitCode: 1, lastStatus: 'STOPPED'}, stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited'}),
      task('2', {container: {lastStatus: 'STOPPED'}, stopCode: 'TaskFailedToStart', stoppedReason: 'ResourceInitializationError: unable to pull secrets'}),
      task('3', {container: {exitCode: 1}, startedAt: new Date('2026-11-30T08:12:00Z'), stopCode: 'EssentialContainerExited'}),
    ]
    mockClient(ecs).on(ListTasksCommand).resolves({taskArns: tasks.map((t) => t.taskArn)}).on(DescribeTasksCommand).resolves({tasks: tasks as never})
    const ctx = ctxOf({ecs}) as unknown as AwsContext
    const target = {cluster: 'c', region: 'us-east-1', seen: {service: {}}, service: 's'} as LiveTarget
    const setup = {containers: ['BenchlingWebhookContainer'], group: '/ecs/benchling-webhook', prefix: 'benchling-webhook'}
    const choice = await previousStreams(ctx, target, setup as never, profile, async () => undefined, async () => new Set())
    expect(choice.streams.map((s) => s.taskId)).toEqual(['3'.repeat(32), '1'.repeat(32)])
    expect(choice.silent.map((t) => t.taskId)).toEqual(['2'.repeat(32)])
    // the task that crashed before RUNNING is read from ten minutes before its stop
    expect(choice.streams[1]?.from).toBe(Date.parse('2026-11-30T08:11:00Z') - 600_000)
    const notes = describeChoice(choice)
    expect(notes.find((n) => n.includes('2'.repeat(8)))).toMatch(/It failed to start, so it ran no container and wrote no logs/)
    expect(notes.some((n) => n.includes('1'.repeat(8)) && /never started|no logs/.test(n))).toBe(false)
  })
})
