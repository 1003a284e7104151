import type {Profile} from '../../profile/types.js'
import type {LogGroupFact} from '../types.js'
import {containerDefinitions} from './extract-task-definition.js'
import type {Resolver} from './resolve.js'
import {type CfnResource, isObject, resourcesOfType} from './template.js'

// The log group the container writes to (its awslogs-group option), matched to a LogGroup
// resource of the template by Ref or by name. Its DeletionPolicy matters: a group removed with the
// stack takes the logs of a failed first deploy with it when the stack rolls back.

export type LogGroupResult = {value: LogGroupFact; note: string} | {reason: string}

function fromResource(r: Resolver, group: CfnResource, name: string): {value: LogGroupFact; note: string} {
  const written = r.str(group.deletionPolicy)
  const value: LogGroupFact = {
    deletionPolicy: written ?? 'Delete',
    name,
    presence: 'stack',
    retentionInDays: r.num(group.properties.RetentionInDays),
    updateReplacePolicy: r.str(group.updateReplacePolicy),
  }
  const why = written === undefined ? ", which has no DeletionPolicy: CloudFormation's default, Delete, applies" : ''
  return {note: `log group resource ${group.id}${why}`, value}
}

/** The container's awslogs-group, or why there is none. */
function awslogsGroup(r: Resolver, td: CfnResource, profile: Profile): {raw: unknown; container: string} | {reason: string} {
  const resolved = containerDefinitions(r, td)
  const index = Math.max(0, resolved.findIndex((c) => c.Name === profile.names.container))
  const container = String(resolved[index]?.Name ?? `#${index + 1}`)
  // Resolved values compare like the originals: a Ref to the group resolves to the group's Ref.
  const source = resolved[index]
  const config = isObject(source?.LogConfiguration) ? source.LogConfiguration : undefined
  const driver = config ? r.str(config.LogDriver) : undefined
  const options = config && isObject(config.Options) ? config.Options : undefined
  if (driver !== 'awslogs' || !options || options['awslogs-group'] === undefined) {
    return {reason: `the container ${container} of ${td.id} does not send its logs to CloudWatch Logs (no awslogs log driver with an awslogs-group option)`}
  }

  return {container, raw: options['awslogs-group']}
}

export function extractLogGroup(r: Resolver, td: CfnResource | undefined, profile: Profile): LogGroupResult {
  const groups = resourcesOfType(r.template, 'AWS::Logs::LogGroup').filter((g) => r.present(g))
  if (!td) {
    // No task definition to say which group: the profile's group by name, else the only one.
    const named = groups.find((g) => r.str({Ref: g.id}) === profile.names.logGroup)
    const group = named ?? (groups.length === 1 ? groups[0] : undefined)
    if (!group) return {reason: `no AWS::ECS::TaskDefinition in the template to say which log group the container writes to, and no single AWS::Logs::LogGroup to assume`}
    return fromResource(r, group, r.str({Ref: group.id}) ?? group.id)
  }

  const option = awslogsGroup(r, td, profile)
  if ('reason' in option) return option
  const name = r.str(option.raw)
  if (name === undefined) return {reason: `the awslogs-group option of the container ${option.container} could not be read`}
  const group = groups.find((g) => r.refersTo(option.raw, g))
  if (group) return fromResource(r, group, name)
  return {note: `the container's awslogs-group; the template does not create the group`, value: {name, presence: 'unknown'}}
}
