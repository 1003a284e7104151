import {type CloudWatchLogsClient, DescribeLogGroupsCommand, GetLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'

import {redactText} from '../../catalogue/redact.js'
import type {LogsApi} from '../clients.js'
import {awsErrorName, isNamed} from './errors.js'

export function logsApi(client: CloudWatchLogsClient): LogsApi {
  return {
    async lastLines(group, stream, limit) {
      try {
        const out = await client.send(new GetLogEventsCommand({limit, logGroupName: group, logStreamName: stream, startFromHead: false}))
        return {
          lines: (out.events ?? []).map((e) => ({
            message: redactText((e.message ?? '').replace(/\s+$/, '')),
            ...(e.timestamp === undefined ? {} : {timestamp: new Date(e.timestamp).toISOString()}),
          })),
        }
      } catch (error) {
        if (isNamed(error, 'ResourceNotFoundException')) return {lines: [], unavailable: `no log stream ${stream} in ${group} (the container may not have started)`}
        if (isNamed(error, 'AccessDeniedException')) return {lines: [], unavailable: `not allowed to read ${group} (logs:GetLogEvents)`}
        return {lines: [], unavailable: `could not read ${stream}: ${awsErrorName(error)}`}
      }
    },

    async logGroupExists(name) {
      const out = await client.send(new DescribeLogGroupsCommand({logGroupNamePrefix: name}))
      return (out.logGroups ?? []).some((g) => g.logGroupName === name)
    },
  }
}
