import type {Mode} from '../../facts/types.js'
import type {ResourceRef} from '../../profile/types.js'

// What the IAM simulation concluded, as a fact: the simulator is async and checks are pure, so the
// evaluation runs in a fact loader (source.ts) and the `iam` check only reads its verdicts.

export type RoleKind = 'task' | 'execution'

/**
 * How the role questions were answered: by AWS (iam:SimulatePrincipalPolicy, the role's policies
 * as IAM holds them), or by the local simulator over the policies a source gave.
 */
export const AWS_SIMULATE = 'aws-simulate-principal-policy'
export const LOCAL_SIMULATE = 'local (bwops evaluator)'
export type IamMethod = typeof AWS_SIMULATE | typeof LOCAL_SIMULATE

/**
 * - allowed / implicitly-denied / explicitly-denied: what IAM decides, as the simulator found it
 * - unknown: the answer waits on something bwops cannot see offline (a deploy-time value, a managed
 *   policy's text, another account's resource policy, a value only the Quilt stack's outputs hold)
 * - invalid: the simulator refused the input (a malformed policy, an action AWS does not know)
 * - skipped: the role exists but its policies are not known
 * - no-role: the task definition names no such role
 */
export type IamDecision = 'allowed' | 'implicitly-denied' | 'explicitly-denied' | 'unknown' | 'invalid' | 'skipped' | 'no-role'

/** The policy statement that decided a request. */
export interface PolicyRef {
  /** 'identity' (inline or managed), 'permissions-boundary', 'trust', or 'scp' (an organization's service control policy, as AWS reports it) */
  kind: 'identity' | 'permissions-boundary' | 'trust' | 'scp'
  /** the policy's name; absent for a trust policy */
  policy?: string
  /** the statement's Sid, or its 1-based position as "#2"; from AWS, where it starts: "at line 3" */
  statement?: string
}

export interface ActionVerdict {
  action: string
  decision: IamDecision
  /** the statements that allowed it */
  grantedBy?: PolicyRef[]
  /** the statement that denied it explicitly, or the policy kind that denied it implicitly */
  deniedBy?: PolicyRef[]
  /** why the decision is unknown, invalid or conditional, in words */
  reason?: string
  /** when the answer depends on how a deploy-time value is read: each reading and its decision */
  readings?: {assumption: string; decision: IamDecision}[]
  /** conditions the allow depends on, as the simulator reported them ("StringEquals aws:SourceAccount 1111...") */
  conditions?: string[]
}

export interface NeedVerdict {
  role: RoleKind
  /** the role's name or ARN as known; absent when there is no role */
  roleLabel?: string
  ref: ResourceRef
  /** the resource as users should read it, e.g. arn:aws:logs:...:log-group:/ecs/x:* (may hold deploy-time tokens) */
  resource?: string
  /** the profile's reason for the need */
  why: string
  /** the mode the need belongs to; absent for both */
  mode?: Mode
  impact: 'start' | 'runtime'
  /** the worst decision among the actions */
  decision: IamDecision
  actions: ActionVerdict[]
  /** why the whole need is unknown, skipped or has no role */
  reason?: string
}

export interface TrustVerdict {
  role: RoleKind
  roleLabel: string
  decision: IamDecision
  deniedBy?: PolicyRef[]
  reason?: string
  conditions?: string[]
}

export interface IamEvaluation {
  mode: Mode
  /** the ARN the task definition names for each role, when it names one */
  named: {task?: string; execution?: string}
  needs: NeedVerdict[]
  trust: TrustVerdict[]
  /** how the roles' permission questions were answered (the trust policy is always judged locally) */
  method: IamMethod
  /** what users should know about the method: why it fell back to local, what would allow the AWS path */
  methodNote?: string
}

declare module '../../facts/types.js' {
  interface FactMap {
    iamEvaluation: IamEvaluation
  }
}
