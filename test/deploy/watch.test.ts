import {CloudFormationClient, DescribeStackEventsCommand, DescribeStacksCommand} from '@aws-sdk/client-cloudformation'
import {DescribeServicesCommand, DescribeTasksCommand, ECSClient, ListTasksCommand} from '@aws-sdk/client-ecs'
import {mockClient} from 'aws-sdk-client-mock'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'

import {sdkDeployClients} from '../../src/deploy/aws/index.js'
import {awsObserver, systemClock, watchRollout} from '../../src/deploy/watch.js'
import type {Progress} from '../../src/deploy/watch-state.js'
import {deployment, event, NEW_DEPLOYMENT, OLD_DEPLOYMENT, service, stack, stoppedTask} from './scripted.js'

const cfn = mockClient(CloudFormationClient)
const ecs = mockClient(ECSClient)
const T0 = new Date('2025-03-01T12:00:00Z')
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000)
const target = {cluster: 'benchling-webhook-cluster', service: 'benchling-webhook-service', stackName: 'BenchlingWebhookStack'}

beforeEach(() => {
  vi.useFakeTimers({now: T0})
  cfn.reset()
  ecs.reset()
  ecs.on(ListTasksCommand).resolves({taskArns: []})
})

afterEach(() => {
  vi.useRealTimers()
})

async function watch(timeoutSeconds = 600, signal?: AbortSignal) {
  const clients = await sdkDeployClients({region: 'us-east-1'})
  const progress: Progress[] = []
  const running = watchRollout(
    {baseline: [OLD_DEPLOYMENT], pollMs: 5000, startedAt: Date.now(), timeoutMs: timeoutSeconds * 1000},
    {clock: systemClock, observe: awsObserver(clients, target, T0, () => Date.now()), onProgress: (p) => progress.push(p), ...(signal ? {signal} : {})},
  )
  await vi.runAllTimersAsync()
  const result = await running
  return {...result, elapsed: Date.now() - T0.getTime(), progress, texts: progress.map((p) => p.text)}
}

describe('watching a rollout', () => {
  it('succeeds when the stack completes', async () => {
    cfn.on(DescribeStacksCommand).resolvesOnce(stack('UPDATE_IN_PROGRESS')).resolvesOnce(stack('UPDATE_IN_PROGRESS')).resolves(stack('UPDATE_COMPLETE'))
    cfn.on(DescribeStackEventsCommand)
      .resolvesOnce({StackEvents: [event(at(1), 'TaskDefinition', 'AWS::ECS::TaskDefinition', 'UPDATE_COMPLETE')]})
      .resolves({StackEvents: [event(at(8), 'BenchlingWebhookStack', 'AWS::CloudFormation::Stack', 'UPDATE_COMPLETE'), event(at(1), 'TaskDefinition', 'AWS::ECS::TaskDefinition', 'UPDATE_COMPLETE')]})
    ecs.on(DescribeServicesCommand)
      .resolvesOnce(service([deployment(NEW_DEPLOYMENT, at(1)), deployment(OLD_DEPLOYMENT, at(-3600), {rolloutState: 'COMPLETED', runningCount: 2, status: 'ACTIVE'})]))
      .resolves(service([deployment(NEW_DEPLOYMENT, at(1), {rolloutState: 'COMPLETED', runningCount: 2})], [{at: at(7), message: '(service benchling-webhook-service) has reached a steady state.'}]))
    const {outcome, elapsed, texts} = await watch()
    expect(outcome).toEqual({kind: 'succeeded', stackStatus: 'UPDATE_COMPLETE'})
    expect(elapsed).toBe(10_000)
    expect(texts).toContain('TaskDefinition UPDATE_COMPLETE')
    expect(texts).toContain(`deployment ${NEW_DEPLOYMENT} COMPLETED running 2/2, pending 0, failed 0`)
    expect(texts).toContain('(service benchling-webhook-service) has reached a steady state.')
  })

  it('stops at the first crashed task of the new deployment, ignoring the old one\'s', async () => {
    cfn.on(DescribeStacksCommand).resolves(stack('UPDATE_IN_PROGRESS'))
    cfn.on(DescribeStackEventsCommand).resolves({StackEvents: []})
    ecs.on(DescribeServicesCommand).resolves(service([deployment(NEW_DEPLOYMENT, at(1), {pendingCount: 2}), deployment(OLD_DEPLOYMENT, at(-3600), {status: 'ACTIVE'})]))
    const old = stoppedTask('old0', OLD_DEPLOYMENT, at(2), {stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/2222222222222222222)'})
    const crashed = stoppedTask('new1', NEW_DEPLOYMENT, at(12))
    ecs.on(ListTasksCommand).resolvesOnce({taskArns: []}).resolvesOnce({taskArns: [old.taskArn!]}).resolves({taskArns: [old.taskArn!, crashed.taskArn!]})
    ecs.on(DescribeTasksCommand).resolvesOnce({tasks: [old]}).resolves({tasks: [crashed]})
    const {outcome, elapsed, texts} = await watch()
    expect(outcome.kind).toBe('failed')
    if (outcome.kind !== 'failed' || outcome.reason !== 'task-stopped') throw new Error(`unexpected ${JSON.stringify(outcome)}`)
    expect(outcome.task.taskId).toBe('new1')
    expect(outcome.stop).toMatchObject({failure: true, id: 'essential-container-exited', known: true})
    expect(elapsed).toBe(10_000)
    expect(texts.some((t) => t.startsWith('task new1 stopped'))).toBe(true)
    expect(texts.some((t) => t.startsWith('task old0'))).toBe(false)
    // the tasks already seen are not described again
    expect(ecs.commandCalls(DescribeTasksCommand).at(-1)?.args[0].input.tasks).toEqual([crashed.taskArn])
  })

  it('fails when the circuit breaker trips, even with no task seen', async () => {
    cfn.on(DescribeStacksCommand).resolves(stack('UPDATE_IN_PROGRESS'))
    cfn.on(DescribeStackEventsCommand).resolves({StackEvents: []})
    ecs.on(DescribeServicesCommand)
      .resolvesOnce(service([deployment(NEW_DEPLOYMENT, at(1))]))
      .resolves(service([deployment(NEW_DEPLOYMENT, at(1), {failedTasks: 3, rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.', status: 'ACTIVE'}), deployment('ecs-svc/3333', at(40))]))
    const {outcome} = await watch()
    expect(outcome).toMatchObject({deployment: {id: NEW_DEPLOYMENT, rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.'}, kind: 'failed', reason: 'circuit-breaker'})
  })

  it('fails when the stack rolls back, naming the first failed resource, not the cancelled ones', async () => {
    cfn.on(DescribeStacksCommand).resolvesOnce(stack('CREATE_IN_PROGRESS')).resolves(stack('ROLLBACK_IN_PROGRESS', {}, {}))
    cfn.on(DescribeStackEventsCommand)
      .resolvesOnce({StackEvents: [event(at(1), 'Cluster', 'AWS::ECS::Cluster', 'CREATE_IN_PROGRESS')]})
      .resolves({
        StackEvents: [
          event(at(9), 'BenchlingWebhookStack', 'AWS::CloudFormation::Stack', 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [LoadBalancer, TaskRole].'),
          event(at(8), 'TaskRole', 'AWS::IAM::Role', 'CREATE_FAILED', 'Resource creation cancelled'),
          event(at(7), 'LoadBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'CREATE_FAILED', 'At least two subnets in two different Availability Zones must be specified'),
          event(at(1), 'Cluster', 'AWS::ECS::Cluster', 'CREATE_IN_PROGRESS'),
        ],
      })
    ecs.on(DescribeServicesCommand).rejects(Object.assign(new Error('Cluster not found.'), {name: 'ClusterNotFoundException'}))
    const {outcome, texts} = await watch()
    expect(outcome).toMatchObject({kind: 'failed', reason: 'stack-rollback', rootEvent: {logicalResourceId: 'LoadBalancer'}, stackStatus: 'ROLLBACK_IN_PROGRESS'})
    expect(texts.filter((t) => t.startsWith('Cluster'))).toHaveLength(1)
  })

  it('gives up watching at the timeout', async () => {
    cfn.on(DescribeStacksCommand).resolves(stack('UPDATE_IN_PROGRESS'))
    cfn.on(DescribeStackEventsCommand).resolves({StackEvents: []})
    ecs.on(DescribeServicesCommand).resolves(service([deployment(NEW_DEPLOYMENT, at(1))]))
    const {outcome, elapsed} = await watch(60)
    expect(outcome).toEqual({kind: 'timed-out', stackStatus: 'UPDATE_IN_PROGRESS'})
    expect(elapsed).toBe(60_000)
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(13)
  })

  it('stops watching on Ctrl-C without waiting for the poll interval', async () => {
    cfn.on(DescribeStacksCommand).resolves(stack('UPDATE_IN_PROGRESS'))
    cfn.on(DescribeStackEventsCommand).resolves({StackEvents: []})
    ecs.on(DescribeServicesCommand).resolves(service([deployment(NEW_DEPLOYMENT, at(1))]))
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 7000)
    const {outcome, elapsed} = await watch(600, controller.signal)
    expect(outcome).toEqual({kind: 'interrupted'})
    expect(elapsed).toBe(7000)
  })
})
