import type {LogStream} from '@aws-sdk/client-cloudwatch-logs'

import type {AwsContext} from '../../aws/clients.js'
import {logStreamsByPrefix} from '../../aws/logs-query.js'
import {awslogsStreamName} from '../../aws/logs.js'
import {UserError} from '../../errors.js'
import {type LogSetup, parseStreamName} from './setup.js'

// --task ID: the streams of one task, found by name (DescribeLogStreams by prefix), so a task ECS
// has forgotten (stopped over an hour ago) still has its logs, and a unique prefix of the id (as
// `bwops logs` prints it) is enough.

export interface TaskStreams {
  taskId: string
  streams: LogStream[]
}

/** The id in a task ARN (arn:aws:ecs:region:account:task/cluster/id) or the id itself. */
export function taskIdOf(arg: string): string {
  return arg.trim().split('/').pop() ?? arg.trim()
}

export async function taskStreams(ctx: AwsContext, setup: LogSetup, arg: string, missingGroup: () => Error): Promise<TaskStreams> {
  const wanted = taskIdOf(arg)
  if (!setup.prefix) {
    throw new UserError(
      `The log streams of ${setup.group} cannot be told apart by task: the task definition sets no awslogs-stream-prefix.`,
      'Drop --task, or add awslogs-stream-prefix to the container\'s logConfiguration.',
    )
  }

  const prefix = setup.prefix
  const found: LogStream[] = []
  for (const container of setup.containers) {
    const out = await logStreamsByPrefix(ctx, setup.group, awslogsStreamName(prefix, container, wanted))
    if (out.status === 'not-found') throw missingGroup()
    found.push(...out.streams)
  }

  const ids = [...new Set(found.map((s) => parseStreamName(s.logStreamName ?? '', prefix).taskId))]
  if (ids.length === 0) {
    throw new UserError(
      `No task "${wanted}" has logs in ${setup.group} (no stream ${awslogsStreamName(prefix, setup.containers[0] ?? '<container>', wanted)}...).`,
      'Run `bwops status` for the running tasks, or `bwops logs --previous` for the ones that stopped; give the id from a task ARN or a log line.',
    )
  }

  if (ids.length > 1) {
    throw new UserError(`"${wanted}" is the start of ${ids.length} task ids: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''}.`, 'Give more of the task id.')
  }

  return {streams: found, taskId: ids[0] ?? wanted}
}
