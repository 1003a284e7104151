import {decodePolicyDocument, getAttachedPolicies, getInlinePolicies, getManagedPolicy, getRole, roleNameFromArn} from '../../aws/iam.js'
import type {RoleFact, RolesFact, TaskDefinition} from '../types.js'
import type {LiveRun} from './live-run.js'

// The task and execution roles as IAM has them. bwops evaluates these fetched policies locally
// (the iam checks use iam-simulate); it does not call iam:SimulatePrincipalPolicy, which needs a
// permission operators rarely have and answers only for the caller's own account.

export const IAM_EVALUATION = 'IAM: fetched policies, evaluated locally'

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
