import type {RoleFact, RolesFact} from '../types.js'
import {inlinePolicies, managedPolicies, managedPolicyByArn, policyDocument} from './extract-policies.js'
import type {Resolver} from './resolve.js'
import {type CfnResource, resourcesOfType} from './template.js'

// The task and execution roles the chosen task definition names. A role the template creates is
// read in full; a role it only names by ARN has its policies elsewhere, so the fact is unknown
// rather than a role that looks empty.

export type RolesResult = {value: RolesFact} | {reason: string}

function roleFact(r: Resolver, role: CfnResource, kind: RoleFact['kind']): RoleFact {
  const p = role.properties
  const boundary = p.PermissionsBoundary === undefined ? undefined : managedPolicyByArn(r, p.PermissionsBoundary)
  return {
    arn: r.getAtt(role.id, 'Arn'),
    inlinePolicies: inlinePolicies(r, role),
    kind,
    managedPolicies: managedPolicies(r, role),
    name: r.str({Ref: role.id}),
    ...(boundary ? {permissionsBoundary: boundary} : {}),
    ...(p.AssumeRolePolicyDocument === undefined ? {} : {trustPolicy: policyDocument(r, p.AssumeRolePolicyDocument)}),
  }
}

/** The template's role that `raw` (a TaskRoleArn or ExecutionRoleArn as written) names, if any. */
export function roleNamedBy(r: Resolver, raw: unknown): CfnResource | undefined {
  const roles = resourcesOfType(r.template, 'AWS::IAM::Role')
  const direct = roles.find((role) => r.refersTo(raw, role))
  if (direct) return direct
  // A literal ARN of a role the template names explicitly: the account in it cannot be checked offline.
  const arn = r.str(raw) ?? ''
  return roles.find((role) => {
    const name = r.str(role.properties.RoleName)
    return name !== undefined && /^arn:aws[a-z-]*:iam::\d{12}:role\//.test(arn) && arn.endsWith(`/${name}`)
  })
}

export function extractRoles(r: Resolver, taskDefinition: CfnResource): RolesResult {
  const value: RolesFact = {}
  const outside: string[] = []
  const wanted = [
    ['task', taskDefinition.properties.TaskRoleArn],
    ['execution', taskDefinition.properties.ExecutionRoleArn],
  ] as const
  for (const [kind, raw] of wanted) {
    const arn = r.str(raw)
    if (arn === undefined || arn === '') continue
    const role = roleNamedBy(r, raw)
    if (role) value[kind] = roleFact(r, role, kind)
    else outside.push(`the ${kind} role ${arn}`)
  }

  if (outside.length > 0) {
    return {
      reason: `the task definition ${taskDefinition.id} names ${outside.join(' and ')}, which the template does not create, so the role's policies are not in it (use a live target or a bundle to read them)`,
    }
  }

  return {value}
}
