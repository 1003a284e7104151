import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  type IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  type Role,
} from '@aws-sdk/client-iam'

import type {NamedPolicy, PolicyDocument} from '../facts/types.js'
import {call, type CallContext} from './calls.js'
import {isAwsNotFound} from './errors.js'

// IAM reads for one role: the role (trust policy, boundary), its inline policies, its attached
// managed policies at their default version. IAM returns policy documents URL-encoded.

type Ctx = CallContext<{iam: IAMClient}>

/** The role name from its ARN, whatever its path: arn:aws:iam::1:role/path/name -> name. */
export function roleNameFromArn(arn: string): string {
  return arn.split(':').slice(5).join(':').replace(/^role\//, '').split('/').pop() ?? arn
}

/** A policy document as IAM returns it (URL-encoded JSON); undefined when it cannot be read. */
export function decodePolicyDocument(text: string | undefined): PolicyDocument | undefined {
  if (!text) return undefined
  for (const candidate of [safeDecode(text), text]) {
    try {
      const parsed = JSON.parse(candidate) as unknown
      if (parsed && typeof parsed === 'object' && 'Statement' in parsed) return parsed as PolicyDocument
    } catch {
      // try the next reading
    }
  }

  return undefined
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** GetRole; undefined when the role does not exist. */
export async function getRole(ctx: Ctx, roleName: string): Promise<Role | undefined> {
  try {
    const out = await call(ctx, 'iam:GetRole', () => ctx.clients.iam.send(new GetRoleCommand({RoleName: roleName})))
    return out.Role
  } catch (error) {
    if (isAwsNotFound(error)) return undefined
    throw error
  }
}

/** ListRolePolicies (every page) and GetRolePolicy for each, in parallel. */
export async function getInlinePolicies(ctx: Ctx, roleName: string): Promise<NamedPolicy[]> {
  const names: string[] = []
  let marker: string | undefined
  do {
    const out = await call(ctx, 'iam:ListRolePolicies', () =>
      ctx.clients.iam.send(new ListRolePoliciesCommand({Marker: marker, RoleName: roleName})),
    )
    names.push(...(out.PolicyNames ?? []))
    marker = out.IsTruncated ? out.Marker : undefined
  } while (marker)
  return Promise.all(
    names.map(async (name) => {
      const out = await call(ctx, 'iam:GetRolePolicy', () =>
        ctx.clients.iam.send(new GetRolePolicyCommand({PolicyName: name, RoleName: roleName})),
      )
      const document = decodePolicyDocument(out.PolicyDocument)
      return document ? {document, name} : {name}
    }),
  )
}

/** ListAttachedRolePolicies (every page), then each policy's default version. */
export async function getAttachedPolicies(ctx: Ctx, roleName: string): Promise<NamedPolicy[]> {
  const attached: {arn: string; name: string}[] = []
  let marker: string | undefined
  do {
    const out = await call(ctx, 'iam:ListAttachedRolePolicies', () =>
      ctx.clients.iam.send(new ListAttachedRolePoliciesCommand({Marker: marker, RoleName: roleName})),
    )
    for (const p of out.AttachedPolicies ?? []) if (p.PolicyArn) attached.push({arn: p.PolicyArn, name: p.PolicyName ?? p.PolicyArn})
    marker = out.IsTruncated ? out.Marker : undefined
  } while (marker)
  return Promise.all(attached.map((p) => getManagedPolicy(ctx, p.arn, p.name)))
}

/** GetPolicy then GetPolicyVersion of its default version; without a document when it is gone. */
export async function getManagedPolicy(ctx: Ctx, arn: string, name?: string): Promise<NamedPolicy> {
  const fallbackName = name ?? arn.split('/').pop() ?? arn
  try {
    const policy = await call(ctx, 'iam:GetPolicy', () => ctx.clients.iam.send(new GetPolicyCommand({PolicyArn: arn})))
    const versionId = policy.Policy?.DefaultVersionId
    const policyName = policy.Policy?.PolicyName ?? fallbackName
    if (!versionId) return {arn, name: policyName}
    const version = await call(ctx, 'iam:GetPolicyVersion', () =>
      ctx.clients.iam.send(new GetPolicyVersionCommand({PolicyArn: arn, VersionId: versionId})),
    )
    const document = decodePolicyDocument(version.PolicyVersion?.Document)
    return document ? {arn, document, name: policyName} : {arn, name: policyName}
  } catch (error) {
    if (isAwsNotFound(error)) return {arn, name: fallbackName}
    throw error
  }
}
