import {DescribeServicesCommand, DescribeTaskDefinitionCommand, DescribeTasksCommand, ECSClient, ListTasksCommand} from '@aws-sdk/client-ecs'
import {mockClient} from 'aws-sdk-client-mock'
import {describe, expect, it} from 'vitest'

import {describeService, describeTaskDefinition, describeTasks, listTaskArns} from '../../src/aws/ecs.js'
import {AwsCallError} from '../../src/aws/errors.js'
import {awsError, ctxOf, region} from './helpers.js'

function setup() {
  const ecs = new ECSClient(region)
  return {ctx: ctxOf({ecs}), mock: mockClient(ecs)}
}

describe('ecs adapter', () => {
  it('describes one service with its tags', async () => {
    const {ctx, mock} = setup()
    mock.on(DescribeServicesCommand, {cluster: 'c', include: ['TAGS'], services: ['s']}).resolves({failures: [], services: [{serviceName: 's', status: 'ACTIVE'}]})
    expect(await describeService(ctx, 'c', 's')).toEqual({service: {serviceName: 's', status: 'ACTIVE'}, status: 'found'})
  })

  it.each([
    ['a MISSING service', () => ({failures: [{arn: 'arn:aws:ecs:us-east-1:1:service/s', reason: 'MISSING'}], services: []}), {reason: 'MISSING', status: 'service-not-found'}],
  ])('turns %s into a value', async (_n, answer, expected) => {
    const {ctx, mock} = setup()
    mock.on(DescribeServicesCommand).resolves(answer())
    expect(await describeService(ctx, 'c', 's')).toEqual(expected)
  })

  it('turns ClusterNotFoundException into a value and rethrows other errors typed', async () => {
    const {ctx, mock} = setup()
    mock.on(DescribeServicesCommand).rejectsOnce(awsError('ClusterNotFoundException', 'Cluster not found.')).rejectsOnce(awsError('AccessDeniedException', 'no'))
    expect(await describeService(ctx, 'c', 's')).toEqual({status: 'cluster-not-found'})
    const error = await describeService(ctx, 'c', 's').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect(error).toMatchObject({action: 'ecs:DescribeServices', awsName: 'AccessDeniedException', kind: 'denied'})
  })

  it('pages ListTasks until nextToken runs out', async () => {
    const {ctx, mock} = setup()
    mock
      .on(ListTasksCommand)
      .resolvesOnce({nextToken: 't1', taskArns: ['a', 'b']})
      .resolvesOnce({nextToken: 't2', taskArns: ['c']})
      .resolvesOnce({taskArns: ['d']})
    expect(await listTaskArns(ctx, 'c', 's', 'STOPPED')).toEqual(['a', 'b', 'c', 'd'])
    expect(mock.commandCalls(ListTasksCommand).map((c) => c.args[0].input)).toEqual([
      {cluster: 'c', desiredStatus: 'STOPPED', maxResults: 100, nextToken: undefined, serviceName: 's'},
      {cluster: 'c', desiredStatus: 'STOPPED', maxResults: 100, nextToken: 't1', serviceName: 's'},
      {cluster: 'c', desiredStatus: 'STOPPED', maxResults: 100, nextToken: 't2', serviceName: 's'},
    ])
    expect(ctx.counter.summary()).toEqual({byOperation: {'ecs:ListTasks': 3}, total: 3})
  })

  it('stops listing at the cap', async () => {
    const {ctx, mock} = setup()
    mock.on(ListTasksCommand).resolves({nextToken: 'more', taskArns: ['a', 'b', 'c']})
    expect(await listTaskArns(ctx, 'c', 's', 'RUNNING', 5)).toHaveLength(5)
    expect(mock.commandCalls(ListTasksCommand)).toHaveLength(2)
  })

  it('describes tasks in batches of 100', async () => {
    const {ctx, mock} = setup()
    mock.on(DescribeTasksCommand).callsFake((input: {tasks: string[]}) => ({failures: [], tasks: input.tasks.map((taskArn) => ({taskArn}))}))
    const arns = Array.from({length: 250}, (_, i) => `arn:aws:ecs:us-east-1:1:task/c/${i}`)
    const tasks = await describeTasks(ctx, 'c', arns)
    expect(tasks.map((t) => t.taskArn)).toEqual(arns)
    expect(mock.commandCalls(DescribeTasksCommand).map((c) => c.args[0].input.tasks?.length)).toEqual([100, 100, 50])
    expect(await describeTasks(ctx, 'c', [])).toEqual([])
  })

  it('says a task definition ECS does not know is undefined', async () => {
    const {ctx, mock} = setup()
    mock.on(DescribeTaskDefinitionCommand).rejectsOnce(awsError('ClientException', 'Unable to describe task definition.')).resolvesOnce({taskDefinition: {family: 'f', revision: 3}})
    expect(await describeTaskDefinition(ctx, 'f:9')).toBeUndefined()
    expect(await describeTaskDefinition(ctx, 'f:3')).toEqual({family: 'f', revision: 3})
  })

  it('reads a null list entry (an emulator\'s AWS::NoValue) as AWS registers it: dropped', async () => {
    const {ctx, mock} = setup()
    const environment = [{name: 'AWS_REGION', value: 'us-east-1'}, null, {name: 'LOG_LEVEL', value: 'INFO'}] as unknown as {name: string; value: string}[]
    mock.on(DescribeTaskDefinitionCommand).resolves({taskDefinition: {containerDefinitions: [{environment, name: 'app', secrets: [null] as unknown as []}], family: 'f', revision: 1}})
    expect(await describeTaskDefinition(ctx, 'f:1')).toEqual({
      containerDefinitions: [{environment: [{name: 'AWS_REGION', value: 'us-east-1'}, {name: 'LOG_LEVEL', value: 'INFO'}], name: 'app', secrets: []}],
      family: 'f',
      revision: 1,
    })
  })
})
