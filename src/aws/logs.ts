import {
  type CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  GetLogEventsCommand,
  type LogGroup,
  type OutputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs'

import {call, type CallContext} from './calls.js'
import {isAwsNotFound} from './errors.js'

type Ctx = CallContext<{logs: CloudWatchLogsClient}>

/** The awslogs driver's stream name: `<prefix>/<container>/<taskId>`. */
export function awslogsStreamName(prefix: string, container: string, taskId: string): string {
  return `${prefix}/${container}/${taskId}`
}

export type LogTail = {status: 'found'; events: OutputLogEvent[]} | {status: 'not-found'}

/**
 * The last `limit` events of one stream, oldest first, in one call: startFromHead false reads from
 * the end, so a crash's last lines come without paging through the whole stream.
 */
export async function tailLogStream(ctx: Ctx, group: string, stream: string, limit = 50): Promise<LogTail> {
  try {
    const out = await call(ctx, 'logs:GetLogEvents', () =>
      ctx.clients.logs.send(new GetLogEventsCommand({limit, logGroupName: group, logStreamName: stream, startFromHead: false})),
    )
    return {events: out.events ?? [], status: 'found'}
  } catch (error) {
    if (isAwsNotFound(error)) return {status: 'not-found'}
    throw error
  }
}

/** DescribeLogGroups by prefix, paging until the exact name shows (names sort, so it comes early). */
export async function describeLogGroup(ctx: Ctx, name: string): Promise<LogGroup | undefined> {
  let nextToken: string | undefined
  let pages = 0
  do {
    const out = await call(ctx, 'logs:DescribeLogGroups', () =>
      ctx.clients.logs.send(new DescribeLogGroupsCommand({logGroupNamePrefix: name, nextToken})),
    )
    const found = out.logGroups?.find((g) => g.logGroupName === name)
    if (found) return found
    // sorted by name: once a page holds a name after ours, ours is not there
    if (out.logGroups?.some((g) => (g.logGroupName ?? '') > name)) return undefined
    nextToken = out.nextToken
  } while (nextToken && ++pages < 10)
  return undefined
}
