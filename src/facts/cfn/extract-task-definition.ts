import {UserError} from '../../errors.js'
import type {Profile} from '../../profile/types.js'
import {deployTimeToken} from '../deploy-time.js'
import {normalizeTaskDefinition} from '../normalize-task-definition.js'
import type {TaskDefinition} from '../types.js'
import {roleNamedBy} from './extract-roles.js'
import type {Resolver} from './resolve.js'
import {type CfnResource, isObject, type Json, resourcesOfType} from './template.js'

export const NO_TASK_DEFINITION = 'no AWS::ECS::TaskDefinition in the template'

export type TaskDefinitionChoice = {resource: CfnResource; note?: string} | {reason: string}

/** The container definitions of a task definition resource, intrinsics resolved. */
export function containerDefinitions(r: Resolver, resource: CfnResource): Json[] {
  const list = r.resolve(resource.properties.ContainerDefinitions)
  return Array.isArray(list) ? list.filter(isObject) : []
}

/** The profile's container by name, else the first container. */
export function mainContainer(r: Resolver, resource: CfnResource, profile: Profile): Json | undefined {
  const containers = containerDefinitions(r, resource)
  return containers.find((c) => c.Name === profile.names.container) ?? containers[0]
}

/** The profile's task definition (by container name or family), else the only one, else the first. */
export function chooseTaskDefinition(r: Resolver, profile: Profile): TaskDefinitionChoice {
  const all = resourcesOfType(r.template, 'AWS::ECS::TaskDefinition').filter((t) => r.present(t))
  if (all.length === 0) return {reason: NO_TASK_DEFINITION}
  const ours = all.filter(
    (t) => r.str(t.properties.Family) === profile.names.taskFamily || containerDefinitions(r, t).some((c) => c.Name === profile.names.container),
  )
  const ids = (list: CfnResource[]) => list.map((t) => t.id).join(', ')
  if (ours.length === 1 || (ours.length === 0 && all.length === 1)) return {resource: (ours[0] ?? all[0])!}
  if (ours.length > 1) return {note: `${ours.length} task definitions (${ids(ours)}) run ${profile.names.container}; read ${ours[0]!.id}, the first`, resource: ours[0]!}
  return {
    note: `${all.length} task definitions (${ids(all)}) and none has the container ${profile.names.container} or the family ${profile.names.taskFamily}; read ${all[0]!.id}, the first`,
    resource: all[0]!,
  }
}

export function extractTaskDefinition(r: Resolver, resource: CfnResource, origin: string): TaskDefinition {
  const props = r.resolve(resource.properties)
  if (!isObject(props)) throw new UserError(`${origin}: the task definition ${resource.id} has no Properties.`, 'Give it ContainerDefinitions.')
  if (!Array.isArray(props.ContainerDefinitions) || props.ContainerDefinitions.length === 0) {
    throw new UserError(
      `${origin}: the task definition ${resource.id} has no ContainerDefinitions${Array.isArray(props.ContainerDefinitions) ? ' (the list is empty)' : ''}: ECS needs at least one container.`,
      `Give ${resource.id} the webhook container under ContainerDefinitions, or name the webhook stack's template (cdk.out/<Stack>.template.json).`,
    )
  }

  // CloudFormation passes a YAML `Value: true` as the text "true"; the normalizer reads text only.
  for (const container of Array.isArray(props.ContainerDefinitions) ? props.ContainerDefinitions.filter(isObject) : []) {
    for (const env of Array.isArray(container.Environment) ? container.Environment.filter(isObject) : []) {
      if (typeof env.Value === 'boolean') env.Value = String(env.Value)
    }
  }

  const td = normalizeTaskDefinition(props, `${origin}: the task definition ${resource.id}`)
  // A role of the template, named by Ref (its name) or by ARN, is given as its ARN, the form
  // ECS reports and the roles fact carries, so the two compare equal.
  const roleArn = (raw: unknown, written: string | undefined) => {
    const role = roleNamedBy(r, raw)
    return role ? r.getAtt(role.id, 'Arn') : written
  }

  return {
    ...td,
    executionRoleArn: roleArn(resource.properties.ExecutionRoleArn, td.executionRoleArn),
    taskDefinitionArn: td.taskDefinitionArn ?? deployTimeToken('Ref', resource.id),
    taskRoleArn: roleArn(resource.properties.TaskRoleArn, td.taskRoleArn),
  }
}
