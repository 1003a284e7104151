import {CloudFormationClient, DescribeStackEventsCommand, DescribeStacksCommand, type ResourceStatus} from '@aws-sdk/client-cloudformation'
import {CloudWatchLogsClient, DescribeLogGroupsCommand, GetLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'
import {mockClient} from 'aws-sdk-client-mock'
import {describe, expect, it} from 'vitest'

import {describeStack, stackEventsOfLastOperation} from '../../src/aws/cloudformation.js'
import {awslogsStreamName, describeLogGroup, tailLogStream} from '../../src/aws/logs.js'
import {awsError, ctxOf, region} from './helpers.js'

const ev = (id: string, status: string, type = 'AWS::CloudFormation::Stack') => ({
  EventId: `${id}-${status}`, LogicalResourceId: id, ResourceStatus: status as ResourceStatus, ResourceType: type, StackId: 'sid', StackName: 'S', Timestamp: new Date(),
})

describe('cloudformation adapter', () => {
  it('says a stack that does not exist is undefined, and rethrows other errors', async () => {
    const cloudformation = new CloudFormationClient(region)
    const mock = mockClient(cloudformation)
    mock.on(DescribeStacksCommand).rejectsOnce(awsError('ValidationError', 'Stack with id S does not exist')).rejectsOnce(awsError('ValidationError', '1 validation error detected'))
    const ctx = ctxOf({cloudformation})
    expect(await describeStack(ctx, 'S')).toBeUndefined()
    await expect(describeStack(ctx, 'S')).rejects.toMatchObject({awsName: 'ValidationError', kind: 'other'})
  })

  it('pages events back to the start of the last operation, a rollback inside it not counting', async () => {
    const cloudformation = new CloudFormationClient(region)
    const mock = mockClient(cloudformation)
    mock
      .on(DescribeStackEventsCommand)
      .resolvesOnce({NextToken: 'p2', StackEvents: [ev('S', 'UPDATE_ROLLBACK_COMPLETE'), ev('S', 'UPDATE_ROLLBACK_IN_PROGRESS')]})
      .resolvesOnce({NextToken: 'p3', StackEvents: [ev('Svc', 'UPDATE_FAILED', 'AWS::ECS::Service'), ev('S', 'UPDATE_IN_PROGRESS'), ev('S', 'CREATE_COMPLETE')]})
      .resolvesOnce({StackEvents: [ev('S', 'CREATE_IN_PROGRESS')]})
    const events = await stackEventsOfLastOperation(ctxOf({cloudformation}), 'S')
    expect(events.map((e) => e.ResourceStatus)).toEqual(['UPDATE_ROLLBACK_COMPLETE', 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_FAILED', 'UPDATE_IN_PROGRESS'])
    expect(mock.commandCalls(DescribeStackEventsCommand)).toHaveLength(2)
  })
})

describe('logs adapter', () => {
  it('names awslogs streams <prefix>/<container>/<taskId>', () => {
    expect(awslogsStreamName('benchling-webhook', 'BenchlingWebhookContainer', 'abc')).toBe('benchling-webhook/BenchlingWebhookContainer/abc')
  })

  it('reads the end of a stream in one call, and a missing stream as a value', async () => {
    const logs = new CloudWatchLogsClient(region)
    const mock = mockClient(logs)
    mock
      .on(GetLogEventsCommand)
      .resolvesOnce({events: [{ingestionTime: 1, message: 'boom', timestamp: 1}], nextBackwardToken: 'b', nextForwardToken: 'f'})
      .rejectsOnce(awsError('ResourceNotFoundException', 'The specified log stream does not exist.'))
    const ctx = ctxOf({logs})
    expect(await tailLogStream(ctx, 'g', 's', 20)).toEqual({events: [{ingestionTime: 1, message: 'boom', timestamp: 1}], status: 'found'})
    expect(mock.commandCalls(GetLogEventsCommand)[0]?.args[0].input).toEqual({limit: 20, logGroupName: 'g', logStreamName: 's', startFromHead: false})
    expect(await tailLogStream(ctx, 'g', 'gone')).toEqual({status: 'not-found'})
  })

  it('finds a log group by exact name, and stops paging once past where it would sort', async () => {
    const logs = new CloudWatchLogsClient(region)
    const mock = mockClient(logs)
    mock
      .on(DescribeLogGroupsCommand)
      .resolvesOnce({logGroups: [{logGroupName: '/ecs/app', retentionInDays: 7}, {logGroupName: '/ecs/app-a'}], nextToken: 'n'})
      .resolvesOnce({logGroups: [{logGroupName: '/ecs/app-a'}], nextToken: 'n'})
    const ctx = ctxOf({logs})
    expect(await describeLogGroup(ctx, '/ecs/app')).toEqual({logGroupName: '/ecs/app', retentionInDays: 7})
    // the prefix matched only longer names: /ecs/app is not there, and no second page is read
    expect(await describeLogGroup(ctx, '/ecs/app')).toBeUndefined()
    expect(mock.commandCalls(DescribeLogGroupsCommand)).toHaveLength(2)
  })
})
