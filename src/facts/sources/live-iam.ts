import {decodePolicyDocument, getAttachedPolicies, getInlinePolicies, getManagedPolicy, getRole, roleNameFromArn} from '../../aws/iam.js'
import type {RoleFact, RolesFact, TaskDefinition} from '../types.js'
import type {LiveRun} from './live-run.js'

// The task and execution roles as IAM has them. The `iam` check's questions go to AWS first
// (iam:SimulatePrincipalPolicy, live-iam-simulate.ts); these fetched policies are what the local
// simulator judges when AWS may not be asked, and what the trust check always reads.

export const ROLES_SOURCE = 'IAM roles (iam:GetRole, the roles\' inline and attached policies)'

async function roleFact(run: LiveRun, kind: RoleFact['kind'], arn: string): Promise<RoleFact> {
  const name = roleNameFromArn(arn)
  const role = await getRole(run.ctx, name)
  if (!role) return {arn, inlinePolicies: [], kind, managedPolicies: [], name}
  const boundaryArn = role.PermissionsBoundary?.PermissionsBoundaryArn
  const [inlinePolicies, managedPolicies, permissionsBoundary] = await Promise.all([
    getInlinePolicies(run.ctx, name),
    getAttachedPolicies(run.ctx, name),
    boundaryArn ? run.once(`iam:GetPolicy ${boundaryArn}`, () => getManagedPolicy(run.ctx, boundaryArn)) : undefined,
  ])
  const trustPolicy = decodePolicyDocument(role.AssumeRolePolicyDocument)
  return {
    arn: role.Arn ?? arn,
    inlinePolicies,
    kind,
    managedPolicies,
    name: role.RoleName ?? name,
    ...(permissionsBoundary ? {permissionsBoundary} : {}),
    ...(trustPolicy ? {trustPolicy} : {}),
  }
}

/** Both roles in parallel; a role the task definition does not name is absent. */
export async function rolesFact(run: LiveRun, td: TaskDefinition): Promise<RolesFact> {
  const [task, execution] = await Promise.all([
    td.taskRoleArn ? roleFact(run, 'task', td.taskRoleArn) : undefined,
    td.executionRoleArn ? roleFact(run, 'execution', td.executionRoleArn) : undefined,
  ])
  return {...(task ? {task} : {}), ...(execution ? {execution} : {})}
}
