import {CloudWatchLogsClient, GetLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'
import {DescribeTaskDefinitionCommand, ECSClient} from '@aws-sdk/client-ecs'
import {mockClient} from 'aws-sdk-client-mock'
import {describe, expect, test} from 'vitest'

import type {AwsContext} from '../../../src/aws/clients.js'
import type {TaskFact} from '../../../src/facts/live-types.js'
import {containerLogsFact} from '../../../src/facts/sources/live-logs.js'
import {LiveRun, type LiveTarget} from '../../../src/facts/sources/live-run.js'
import {benchlingWebhookProfile as profile} from '../../../src/profile/benchling-webhook.js'
import {awsError, ctxOf, region} from '../../aws/helpers.js'

// The live doctor reads a stopped task's log whenever its container may have run; a task that
// failed to start with no exit code costs no call.
const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/benchling-webhook-task:7'
const taskDefinition = {
  containerDefinitions: [{essential: true, logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': '/ecs/benchling-webhook', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'benchling-webhook'}}, name: 'BenchlingWebhookContainer'}],
  family: 'benchling-webhook-task',
  revision: 7,
  taskDefinitionArn: TD,
}
const task = (taskId: string, over: Partial<TaskFact>): TaskFact => ({containers: [{name: 'BenchlingWebhookContainer'}], taskArn: `arn:task/${taskId}`, taskDefinitionArn: TD, taskId, ...over})

describe('containerLogsFact: which tasks are read', () => {
  test.each<{name: string; task: TaskFact; read: boolean; unavailable?: RegExp}>([
    {name: 'startedAt and an exit code', read: true, task: task('t1', {containers: [{exitCode: 1, name: 'BenchlingWebhookContainer'}], startedAt: '2026-11-30T08:12:00Z', stopCode: 'EssentialContainerExited'})},
    {name: 'an exit code and no startedAt (crashed before RUNNING)', read: true, task: task('t2', {containers: [{exitCode: 1, name: 'BenchlingWebhookContainer'}], stopCode: 'EssentialContainerExited'})},
    {name: 'no startedAt, no exit code, not TaskFailedToStart: tried once', read: true, task: task('t3', {stopCode: 'UserInitiated'}), unavailable: /does not exist/},
    {name: 'TaskFailedToStart with no exit code: no call', read: false, task: task('t4', {stopCode: 'TaskFailedToStart'}), unavailable: /failed to start \(TaskFailedToStart\) before its container ran/},
  ])('$name', async ({read, task: t, unavailable}) => {
    const logs = new CloudWatchLogsClient(region)
    const ecs = new ECSClient(region)
    const logsMock = mockClient(logs)
    logsMock.on(GetLogEventsCommand).callsFake((input: {logStreamName: string}) => {
      if (input.logStreamName.endsWith('t3')) throw awsError('ResourceNotFoundException', 'The specified log stream does not exist.')
      return {events: [{message: 'ERROR Failed to initialize application', timestamp: 0}]}
    })
    mockClient(ecs).on(DescribeTaskDefinitionCommand).resolves({taskDefinition: taskDefinition as never})
    const ctx = ctxOf({ecs, logs}) as unknown as AwsContext
    const run = new LiveRun(ctx, {cluster: 'c', region: 'us-east-1', seen: {service: {}}, service: 's'} as LiveTarget, profile)
    const fact = await containerLogsFact(run, {running: [], stopped: [t]})
    expect(logsMock.commandCalls(GetLogEventsCommand)).toHaveLength(read ? 1 : 0)
    const [stream] = fact.streams
    if (unavailable) expect(stream?.unavailable).toMatch(unavailable)
    else expect(stream?.lines.map((l) => l.message)).toEqual(['ERROR Failed to initialize application'])
  })
})
