import {
  type CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  type FilteredLogEvent,
  type LogStream,
} from '@aws-sdk/client-cloudwatch-logs'

import {call, type CallContext} from './calls.js'
import {isAwsNotFound} from './errors.js'

// The CloudWatch Logs queries behind `bwops logs`: events across streams (FilterLogEvents) and the
// streams themselves (DescribeLogStreams). A missing group (or stream) is a value; every other
// failure is an AwsCallError from call().

type Ctx = CallContext<{logs: CloudWatchLogsClient}>

/** FilterLogEvents takes at most 100 stream names per call. */
export const MAX_STREAM_NAMES = 100

export interface EventQuery {
  group: string
  /** exact stream names (at most 100); exclusive with streamPrefix, as the API requires */
  streams?: string[]
  streamPrefix?: string
  /** epoch milliseconds, inclusive */
  startTime?: number
  endTime?: number
  /** a CloudWatch Logs filter pattern */
  pattern?: string
  /** stop paging once this many events are in hand; the rest are for the next query */
  maxEvents?: number
}

export type EventPage =
  | {status: 'found'; events: FilteredLogEvent[]; /** more matched than maxEvents allowed */ truncated: boolean}
  | {status: 'not-found'}

/**
 * FilterLogEvents, every page: the API may answer a page with no events and a token while it
 * searches further, so paging stops only when the token runs out (or maxEvents is reached).
 */
export async function filterLogEvents(ctx: Ctx, query: EventQuery): Promise<EventPage> {
  const events: FilteredLogEvent[] = []
  const max = query.maxEvents ?? Number.POSITIVE_INFINITY
  let nextToken: string | undefined
  try {
    do {
      const out = await call(ctx, 'logs:FilterLogEvents', () =>
        ctx.clients.logs.send(
          new FilterLogEventsCommand({
            endTime: query.endTime,
            filterPattern: query.pattern,
            logGroupName: query.group,
            logStreamNamePrefix: query.streams ? undefined : query.streamPrefix,
            logStreamNames: query.streams,
            nextToken,
            startTime: query.startTime,
          }),
        ),
      )
      events.push(...(out.events ?? []))
      nextToken = out.nextToken
    } while (nextToken && events.length < max)
  } catch (error) {
    if (isAwsNotFound(error)) return {status: 'not-found'}
    throw error
  }

  return {events: events.slice(0, max), status: 'found', truncated: Boolean(nextToken) || events.length > max}
}

export type StreamList = {status: 'found'; streams: LogStream[]} | {status: 'not-found'}

/** DescribeLogStreams by name prefix (a task id's stream, or a prefix of one), up to `max` streams. */
export async function logStreamsByPrefix(ctx: Ctx, group: string, prefix: string, max = 50): Promise<StreamList> {
  return describeStreams(ctx, {logGroupName: group, logStreamNamePrefix: prefix}, max)
}

/**
 * The streams written last, newest first: the API orders by last event time only without a
 * prefix, so callers filter the names themselves.
 */
export async function latestLogStreams(ctx: Ctx, group: string, max = 50): Promise<StreamList> {
  return describeStreams(ctx, {descending: true, logGroupName: group, orderBy: 'LastEventTime'}, max)
}

async function describeStreams(
  ctx: Ctx,
  input: {logGroupName: string; logStreamNamePrefix?: string; orderBy?: 'LastEventTime'; descending?: boolean},
  max: number,
): Promise<StreamList> {
  const streams: LogStream[] = []
  let nextToken: string | undefined
  try {
    do {
      const out = await call(ctx, 'logs:DescribeLogStreams', () =>
        ctx.clients.logs.send(new DescribeLogStreamsCommand({...input, limit: Math.min(50, max), nextToken})),
      )
      streams.push(...(out.logStreams ?? []))
      nextToken = out.nextToken
    } while (nextToken && streams.length < max)
  } catch (error) {
    if (isAwsNotFound(error)) return {status: 'not-found'}
    throw error
  }

  return {status: 'found', streams: streams.slice(0, max)}
}
