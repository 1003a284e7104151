import {CloudWatchLogsClient, DescribeLogStreamsCommand, FilterLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'
import {mockClient} from 'aws-sdk-client-mock'
import {describe, expect, it} from 'vitest'

import {AwsCallError} from '../../src/aws/errors.js'
import {filterLogEvents, latestLogStreams, logStreamsByPrefix} from '../../src/aws/logs-query.js'
import {awsError, ctxOf, region} from './helpers.js'

const GROUP = '/ecs/benchling-webhook'
const event = (id: string, ts: number) => ({eventId: id, ingestionTime: ts + 500, logStreamName: 'benchling-webhook/BenchlingWebhookContainer/abc', message: `line ${id}`, timestamp: ts})

function setup() {
  const logs = new CloudWatchLogsClient(region)
  return {ctx: ctxOf({logs}), mock: mockClient(logs)}
}

describe('logs query adapter: FilterLogEvents', () => {
  it('pages through empty pages until the token runs out', async () => {
    const {ctx, mock} = setup()
    mock
      .on(FilterLogEventsCommand)
      .resolvesOnce({events: [event('1', 1000)], nextToken: 't1', searchedLogStreams: []})
      .resolvesOnce({events: [], nextToken: 't2'})
      .resolvesOnce({events: [event('2', 2000)]})
    const page = await filterLogEvents(ctx, {group: GROUP, pattern: 'ERROR', startTime: 500, streamPrefix: 'benchling-webhook/'})
    expect(page).toEqual({events: [event('1', 1000), event('2', 2000)], status: 'found', truncated: false})
    const inputs = mock.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input)
    expect(inputs.map((i) => i.nextToken)).toEqual([undefined, 't1', 't2'])
    expect(inputs[0]).toMatchObject({filterPattern: 'ERROR', logGroupName: GROUP, logStreamNamePrefix: 'benchling-webhook/', startTime: 500})
    expect(inputs[0]?.logStreamNames).toBeUndefined()
    expect(ctx.counter.summary().byOperation).toEqual({'logs:FilterLogEvents': 3})
  })

  it('sends stream names instead of the prefix when both are given (the API takes one)', async () => {
    const {ctx, mock} = setup()
    mock.on(FilterLogEventsCommand).resolves({events: []})
    await filterLogEvents(ctx, {group: GROUP, streamPrefix: 'p/', streams: ['p/c/1', 'p/c/2']})
    const input = mock.commandCalls(FilterLogEventsCommand)[0]?.args[0].input
    expect(input?.logStreamNames).toEqual(['p/c/1', 'p/c/2'])
    expect(input?.logStreamNamePrefix).toBeUndefined()
  })

  it('stops at maxEvents and says the answer was cut short', async () => {
    const {ctx, mock} = setup()
    mock.on(FilterLogEventsCommand).resolvesOnce({events: [event('1', 1), event('2', 2)], nextToken: 't1'}).resolvesOnce({events: [event('3', 3)], nextToken: 't2'})
    const page = await filterLogEvents(ctx, {group: GROUP, maxEvents: 2})
    expect(page).toMatchObject({status: 'found', truncated: true})
    expect(page.status === 'found' && page.events.map((e) => e.eventId)).toEqual(['1', '2'])
    expect(mock.commandCalls(FilterLogEventsCommand)).toHaveLength(1)
  })

  it('says a missing group is not-found, and rethrows other errors as AwsCallError', async () => {
    const {ctx, mock} = setup()
    mock
      .on(FilterLogEventsCommand)
      .rejectsOnce(awsError('ResourceNotFoundException', 'The specified log group does not exist.'))
      .rejectsOnce(awsError('AccessDeniedException', 'User: arn:aws:iam::123456789012:user/ops is not authorized to perform: logs:FilterLogEvents'))
    expect(await filterLogEvents(ctx, {group: GROUP})).toEqual({status: 'not-found'})
    const error = await filterLogEvents(ctx, {group: GROUP}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).message).toMatch(/grant logs:FilterLogEvents/)
  })
})

describe('logs query adapter: DescribeLogStreams', () => {
  const stream = (name: string, last: number) => ({arn: `arn:${name}`, creationTime: last - 100, firstEventTimestamp: last - 50, lastEventTimestamp: last, lastIngestionTime: last + 1, logStreamName: name, storedBytes: 0})

  it('finds streams by prefix, paging up to the limit', async () => {
    const {ctx, mock} = setup()
    mock.on(DescribeLogStreamsCommand).resolvesOnce({logStreams: [stream('p/c/a1', 1)], nextToken: 'n'}).resolvesOnce({logStreams: [stream('p/c/a2', 2)]})
    const out = await logStreamsByPrefix(ctx, GROUP, 'p/c/a')
    expect(out.status === 'found' && out.streams.map((s) => s.logStreamName)).toEqual(['p/c/a1', 'p/c/a2'])
    expect(mock.commandCalls(DescribeLogStreamsCommand)[0]?.args[0].input).toMatchObject({limit: 50, logGroupName: GROUP, logStreamNamePrefix: 'p/c/a'})
  })

  it('lists the streams written last, newest first, without a prefix (the API forbids both)', async () => {
    const {ctx, mock} = setup()
    mock.on(DescribeLogStreamsCommand).resolves({logStreams: [stream('p/c/new', 9), stream('p/c/old', 1)], nextToken: 'more'})
    const out = await latestLogStreams(ctx, GROUP, 2)
    expect(out.status === 'found' && out.streams).toHaveLength(2)
    const input = mock.commandCalls(DescribeLogStreamsCommand)[0]?.args[0].input
    expect(input).toMatchObject({descending: true, limit: 2, orderBy: 'LastEventTime'})
    expect(input?.logStreamNamePrefix).toBeUndefined()
    expect(mock.commandCalls(DescribeLogStreamsCommand)).toHaveLength(1)
  })

  it('says a missing group is not-found', async () => {
    const {ctx, mock} = setup()
    mock.on(DescribeLogStreamsCommand).rejects(awsError('ResourceNotFoundException', 'The specified log group does not exist.'))
    expect(await logStreamsByPrefix(ctx, GROUP, 'x')).toEqual({status: 'not-found'})
  })
})
