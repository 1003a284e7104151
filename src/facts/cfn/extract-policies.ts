import type {NamedPolicy, PolicyDocument} from '../types.js'
import type {Resolver} from './resolve.js'
import {type CfnResource, isObject, resourcesOfType} from './template.js'

// The policies a role of the template carries, wherever the template writes them: the role's own
// `Policies`, AWS::IAM::Policy / AWS::IAM::RolePolicy resources naming it (CDK's DefaultPolicy),
// AWS::IAM::ManagedPolicy resources attached through their `Roles` or the role's
// `ManagedPolicyArns`, and ARNs of policies outside the template, which have no document offline.

export function policyDocument(r: Resolver, raw: unknown): PolicyDocument | undefined {
  const doc = r.resolve(raw)
  if (!isObject(doc)) return undefined
  return {...doc, Statement: doc.Statement ?? []} as PolicyDocument
}

function namesRole(r: Resolver, raw: unknown, role: CfnResource): boolean {
  // Entries as written where they are a list, so a Ref to the role is seen as such.
  const items = Array.isArray(raw) ? raw : r.resolve(raw)
  return Array.isArray(items) && items.some((item) => r.refersTo(item, role))
}

export function inlinePolicies(r: Resolver, role: CfnResource): NamedPolicy[] {
  const own = r.resolve(role.properties.Policies)
  const out: NamedPolicy[] = (Array.isArray(own) ? own.filter(isObject) : []).map((p, i) => ({
    document: policyDocument(r, p.PolicyDocument),
    name: typeof p.PolicyName === 'string' ? p.PolicyName : `${role.id} policy #${i + 1}`,
  }))
  for (const policy of resourcesOfType(r.template, 'AWS::IAM::Policy').filter((p) => r.present(p))) {
    if (!namesRole(r, policy.properties.Roles, role)) continue
    out.push({document: policyDocument(r, policy.properties.PolicyDocument), name: r.str(policy.properties.PolicyName) ?? policy.id})
  }

  for (const policy of resourcesOfType(r.template, 'AWS::IAM::RolePolicy').filter((p) => r.present(p))) {
    if (!r.refersTo(policy.properties.RoleName, role)) continue
    out.push({document: policyDocument(r, policy.properties.PolicyDocument), name: r.str(policy.properties.PolicyName) ?? policy.id})
  }

  return out
}

function templatePolicy(r: Resolver, policy: CfnResource): NamedPolicy {
  return {
    arn: r.str({Ref: policy.id}),
    document: policyDocument(r, policy.properties.PolicyDocument),
    name: r.str(policy.properties.ManagedPolicyName) ?? policy.id,
  }
}

/** A managed policy by ARN: the template's own (with its document) or one outside it (without). */
export function managedPolicyByArn(r: Resolver, raw: unknown): NamedPolicy | undefined {
  const arn = r.str(raw)
  if (arn === undefined || arn === '') return undefined
  const own = resourcesOfType(r.template, 'AWS::IAM::ManagedPolicy').find((p) => r.refersTo(raw, p))
  if (own) return templatePolicy(r, own)
  return {arn, name: arn.split('/').pop() ?? arn}
}

export function managedPolicies(r: Resolver, role: CfnResource): NamedPolicy[] {
  const out: NamedPolicy[] = []
  const seen = new Set<string>()
  const add = (policy: NamedPolicy | undefined) => {
    const key = policy?.arn ?? policy?.name
    if (!policy || key === undefined || seen.has(key)) return
    seen.add(key)
    out.push(policy)
  }

  const arns = role.properties.ManagedPolicyArns
  const resolved = r.resolve(arns)
  // Each entry as written, so a Ref to a ManagedPolicy of the template is recognised; an entry
  // removed by AWS::NoValue or a false Fn::If is skipped by resolving it alone first.
  for (const raw of Array.isArray(arns) ? arns : Array.isArray(resolved) ? resolved : []) {
    if (r.resolve(raw) !== undefined) add(managedPolicyByArn(r, raw))
  }

  for (const policy of resourcesOfType(r.template, 'AWS::IAM::ManagedPolicy').filter((p) => r.present(p))) {
    if (namesRole(r, policy.properties.Roles, role)) add(templatePolicy(r, policy))
  }

  return out
}
