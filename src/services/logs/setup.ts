import type {TaskDefinition as EcsTaskDefinition} from '@aws-sdk/client-ecs'

import {normalizeTaskDefinition} from '../../facts/normalize-task-definition.js'
import type {LiveTarget} from '../../facts/sources/live-run.js'
import type {Profile} from '../../profile/types.js'

// Where a service's container logs are: the awslogs group and stream prefix its task definition
// gives (what the containers really write to), else the stack's EcsLogGroup output and the
// profile's names. Streams are named `<prefix>/<container>/<taskId>` by the awslogs driver.

export interface LogSetup {
  group: string
  /** where the group's name came from, for messages */
  from: string
  prefix?: string
  /** the containers that log to the group */
  containers: string[]
}

/** The setup a task definition gives, or undefined when none of its containers uses awslogs. */
export function setupFromTaskDefinition(raw: EcsTaskDefinition | undefined, profile: Profile): LogSetup | undefined {
  if (!raw?.containerDefinitions?.length) return undefined
  const td = normalizeTaskDefinition(raw, `task definition ${raw.taskDefinitionArn ?? ''}`)
  const logging = td.containers.filter((c) => c.logConfiguration?.logDriver === 'awslogs' && c.logConfiguration.options['awslogs-group'])
  const main = logging.find((c) => c.name === profile.names.container) ?? logging[0]
  const options = main?.logConfiguration?.options
  const group = options?.['awslogs-group']
  if (!main || !group) return undefined
  const prefix = options['awslogs-stream-prefix']
  return {
    containers: logging.filter((c) => c.logConfiguration?.options['awslogs-group'] === group).map((c) => c.name),
    from: `the awslogs-group of ${td.family ?? 'the task definition'}${td.revision ? `:${td.revision}` : ''}`,
    group,
    ...(prefix ? {prefix} : {}),
  }
}

/** The task definition's setup, else the stack's EcsLogGroup output with the profile's stream names. */
export function logSetup(raw: EcsTaskDefinition | undefined, target: LiveTarget, profile: Profile): LogSetup | undefined {
  const fromTd = setupFromTaskDefinition(raw, profile)
  if (fromTd) return fromTd
  if (!target.logGroup) return undefined
  return {containers: [profile.names.container], from: 'the stack output EcsLogGroup', group: target.logGroup, prefix: profile.names.logStreamPrefix}
}

/** Container and task id from an awslogs stream name; the prefix may itself hold slashes. */
export function parseStreamName(stream: string, prefix?: string): {container: string; taskId: string} {
  const rest = prefix && stream.startsWith(`${prefix}/`) ? stream.slice(prefix.length + 1) : stream
  const parts = rest.split('/')
  const taskId = parts.pop() ?? rest
  return {container: parts.pop() ?? '', taskId}
}
