import type {AwsContext} from '../../aws/clients.js'
import {describeLogGroup} from '../../aws/logs.js'
import {UserError} from '../../errors.js'
import type {LiveTarget} from '../../facts/sources/live-run.js'
import type {LogSetup} from './setup.js'

// A log group that does not exist is the usual sight after a failed first deploy: the rollback
// deleted the group with everything the tasks wrote. Said plainly, with where to look instead.

export function missingGroupError(setup: LogSetup, target: LiveTarget): UserError {
  const stack = target.seen.stack
  const status = stack?.StackStatus ?? ''
  const rolledBack = /ROLLBACK/.test(status)
  const why = rolledBack
    ? `: the stack ${stack?.StackName ?? target.stackName} is ${status}, and the rollback deleted the group with the tasks' logs`
    : ` (named by ${setup.from}): it was deleted, or never created`
  return new UserError(
    `The log group ${setup.group} does not exist in ${target.region}${why}.`,
    rolledBack
      ? 'Run `bwops doctor`: it explains the failure from the stopped tasks\' reasons and the stack\'s events, which outlive the logs.'
      : 'Run `bwops doctor` to check the log configuration, and check the task definition\'s awslogs-group.',
  )
}

/** After a not-found from a query naming streams: the group is missing (an error), or only the streams are (nothing to show). */
export async function groupExists(ctx: AwsContext, group: string): Promise<boolean> {
  return Boolean(await describeLogGroup(ctx, group))
}

export function noLogGroupError(target: LiveTarget): UserError {
  return new UserError(
    `bwops cannot tell where ${target.service}'s logs are: its task definition has no awslogs log configuration and the stack no EcsLogGroup output.`,
    'Add the awslogs log driver to the container (awslogs-group, awslogs-stream-prefix), or give --stack-name for the stack with the EcsLogGroup output.',
  )
}
