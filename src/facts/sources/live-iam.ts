import type {Role} from '@aws-sdk/client-iam'

import {decodePolicyDocument, getAttachedPolicies, getInlinePolicies, getManagedPolicy, getRole, roleNameFromArn} from '../../aws/iam.js'
import type {NamedPolicy, RoleFact, RolesFact, TaskDefinition} from '../types.js'
import type {LiveReads} from './live-run.js'

// The task and execution roles as IAM has them. The `iam` check's questions go to AWS first
// (iam:SimulatePrincipalPolicy, live-iam-simulate.ts); these fetched policies are what the local
// simulator judges when AWS may not be asked, and what the trust check always reads.

export const ROLES_SOURCE = 'IAM roles (iam:GetRole, the roles\' inline and attached policies)'

/** A role's three reads, each made once a run, all begun together: none needs another's answer. */
export function roleReads(reads: LiveReads, name: string): {role: Promise<Role | undefined>; inline: Promise<NamedPolicy[]>; attached: Promise<NamedPolicy[]>} {
  return {
    attached: reads.once(`iam:ListAttachedRolePolicies ${name}`, () => getAttachedPolicies(reads.ctx, name)),
    inline: reads.once(`iam:ListRolePolicies ${name}`, () => getInlinePolicies(reads.ctx, name)),
    role: reads.once(`iam:GetRole ${name}`, () => getRole(reads.ctx, name)),
  }
}

/** Begins reading roles (by name) before anyone asks: live-prefetch.ts, from the stack's template. */
export function startRoleReads(reads: LiveReads, name: string): void {
  for (const read of Object.values(roleReads(reads, name))) reads.start(read)
}

async function roleFact(reads: LiveReads, kind: RoleFact['kind'], arn: string): Promise<RoleFact> {
  const name = roleNameFromArn(arn)
  const pending = roleReads(reads, name)
  const [role, inline, attached] = await Promise.allSettled([pending.role, pending.inline, pending.attached])
  if (role.status === 'rejected') throw role.reason
  // a role that does not exist has no policies to list: those calls' NoSuchEntity says nothing more
  if (!role.value) return {arn, inlinePolicies: [], kind, managedPolicies: [], name}
  if (inline.status === 'rejected') throw inline.reason
  if (attached.status === 'rejected') throw attached.reason
  const boundaryArn = role.value.PermissionsBoundary?.PermissionsBoundaryArn
  const permissionsBoundary = boundaryArn ? await reads.once(`iam:GetPolicy ${boundaryArn}`, () => getManagedPolicy(reads.ctx, boundaryArn)) : undefined
  const trustPolicy = decodePolicyDocument(role.value.AssumeRolePolicyDocument)
  return {
    arn: role.value.Arn ?? arn,
    inlinePolicies: inline.value,
    kind,
    managedPolicies: attached.value,
    name: role.value.RoleName ?? name,
    ...(permissionsBoundary ? {permissionsBoundary} : {}),
    ...(trustPolicy ? {trustPolicy} : {}),
  }
}

/** Both roles in parallel; a role the task definition does not name is absent. */
export async function rolesFact(reads: LiveReads, td: TaskDefinition): Promise<RolesFact> {
  const [task, execution] = await Promise.all([
    td.taskRoleArn ? roleFact(reads, 'task', td.taskRoleArn) : undefined,
    td.executionRoleArn ? roleFact(reads, 'execution', td.executionRoleArn) : undefined,
  ])
  return {...(task ? {task} : {}), ...(execution ? {execution} : {})}
}
