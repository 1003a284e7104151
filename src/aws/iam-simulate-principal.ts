import {type IAMClient, type OrganizationsDecisionDetail, type PermissionsBoundaryDecisionDetail, SimulatePrincipalPolicyCommand, type Statement} from '@aws-sdk/client-iam'

import type {SimOutcome} from '../checks/iam/simulate.js'
import {AWS_SIMULATE, type PolicyRef} from '../checks/iam/types.js'
import {call, type CallContext} from './calls.js'

// iam:SimulatePrincipalPolicy for one role: AWS evaluates the role's policies as IAM holds them
// (inline, managed, permissions boundary; SCPs too), and each answer becomes the SimOutcome the
// local simulator gives, so the `iam` check reads both alike. One call asks several actions on a
// set of resources; the answers come one EvaluationResult per action, paged by Marker.

type Ctx = CallContext<{iam: IAMClient}>

export interface PrincipalQuestion {
  /** the role's ARN (PolicySourceArn) */
  principal: string
  actions: string[]
  resources: string[]
  /** the permissions boundary's name, to tell its statements from the role's own */
  boundary?: string
}

export interface PrincipalAnswer {
  action: string
  resource: string
  outcome: SimOutcome
  /**
   * Condition keys the policies use that the simulation was not given (aws:SourceArn...). AWS
   * reads a missing key as not matching, so an implicit deny with these is not a final answer.
   */
  missingContext: string[]
}

interface Decided {
  decision?: string
  resource?: string
  matched?: Statement[]
  missing?: string[]
  boundary?: PermissionsBoundaryDecisionDetail
  organizations?: OrganizationsDecisionDetail
}

function refOf(statement: Statement, boundary: string | undefined): PolicyRef {
  const policy = statement.SourcePolicyId
  const line = statement.StartPosition?.Line
  const kind = policy !== undefined && policy === boundary ? 'permissions-boundary' : 'identity'
  return {kind, ...(policy ? {policy} : {}), ...(line === undefined ? {} : {statement: `at line ${line}`})}
}

function outcomeOf(d: Decided, boundary: string | undefined): SimOutcome | undefined {
  const refs = (d.matched ?? []).map((s) => refOf(s, boundary))
  const base: Omit<SimOutcome, 'decision'> = {by: AWS_SIMULATE, conditions: [], deniedBy: [], grantedBy: [], nearMisses: []}
  // An SCP's statements are not the role's to see: AWS says only that the organization denies it,
  // and the fix is in the SCP whether it denies explicitly or merely does not allow.
  if (d.decision !== 'allowed' && d.organizations?.AllowedByOrganizations === false) {
    return {...base, decision: 'explicitly-denied', deniedBy: [{kind: 'scp'}, ...refs]}
  }

  switch (d.decision) {
    case 'allowed':
      return {...base, decision: 'allowed', grantedBy: refs}
    case 'explicitDeny':
      // AWS lists only the Deny statement when one decides
      return {...base, decision: 'explicitly-denied', deniedBy: refs}
    case 'implicitDeny':
      return {
        ...base,
        decision: 'implicitly-denied',
        deniedBy: [d.boundary?.AllowedByPermissionsBoundary === false ? {kind: 'permissions-boundary', ...(boundary ? {policy: boundary} : {})} : {kind: 'identity'}],
      }
    default:
      return undefined
  }
}

/**
 * Asks AWS whether the role may do each action on each resource, every page. An answer AWS did not
 * give (an unknown decision) is left out, for the caller to ask otherwise. Failures reach the
 * caller as an AwsCallError (AccessDenied when the caller may not simulate).
 */
export async function simulatePrincipalPolicy(ctx: Ctx, question: PrincipalQuestion): Promise<PrincipalAnswer[]> {
  const answers: PrincipalAnswer[] = []
  let marker: string | undefined
  do {
    const out = await call(ctx, 'iam:SimulatePrincipalPolicy', () =>
      ctx.clients.iam.send(
        new SimulatePrincipalPolicyCommand({ActionNames: question.actions, Marker: marker, PolicySourceArn: question.principal, ResourceArns: question.resources}),
      ),
    )
    for (const result of out.EvaluationResults ?? []) {
      const action = result.EvalActionName
      if (!action) continue
      // Per resource when AWS gives it; the top level is the most restrictive over all resources.
      // With one resource asked, its answer is that resource's, however AWS spells the ARN back.
      const only = question.resources.length === 1 ? question.resources[0] : undefined
      const perResource: Decided[] = (result.ResourceSpecificResults ?? []).map((r) => ({
        boundary: r.PermissionsBoundaryDecisionDetail ?? result.PermissionsBoundaryDecisionDetail,
        decision: r.EvalResourceDecision,
        organizations: result.OrganizationsDecisionDetail,
        matched: r.MatchedStatements,
        missing: r.MissingContextValues,
        resource: only ?? r.EvalResourceName,
      }))
      const decided: Decided[] = perResource.length > 0
        ? perResource
        : [{boundary: result.PermissionsBoundaryDecisionDetail, decision: result.EvalDecision, organizations: result.OrganizationsDecisionDetail, matched: result.MatchedStatements, missing: result.MissingContextValues, resource: only ?? result.EvalResourceName}]
      for (const d of decided) {
        const outcome = outcomeOf(d, question.boundary)
        if (outcome && d.resource) answers.push({action, missingContext: d.missing ?? [], outcome, resource: d.resource})
      }
    }

    marker = out.IsTruncated ? out.Marker : undefined
  } while (marker)
  return answers
}
