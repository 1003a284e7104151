import {hasDeployTimeValue} from '../../facts/deploy-time.js'
import type {RoleFact, RolesFact} from '../../facts/types.js'
import type {PermissionNeed} from '../../profile/types.js'
import {arnAccount, partitionOf} from '../lib/arn.js'
import {type IamAnswers, localAnswers} from './answers.js'
import {documentOf} from './aws-managed.js'
import {judge} from './judge.js'
import {Substitution} from './placeholders.js'
import {type Reading, type ResourceContext, type Target, targetsFor} from './resources.js'
import {type SimPolicy, simulate} from './simulate.js'
import type {ActionVerdict, IamDecision, IamEvaluation, NeedVerdict, RoleKind, TrustVerdict} from './types.js'

// Runs every question the profile's permission needs ask of this deployment's roles.

export interface EvaluationInput extends ResourceContext {
  roles: RolesFact
}

const SEVERITY: IamDecision[] = ['explicitly-denied', 'implicitly-denied', 'no-role', 'invalid', 'unknown', 'skipped', 'allowed']

export function worst(decisions: IamDecision[]): IamDecision {
  return SEVERITY.find((d) => decisions.includes(d)) ?? 'allowed'
}

/** When a missing permission bites. A profile may say; else the execution role's all bite before start. */
export function impactOf(kind: RoleKind, need: PermissionNeed): 'start' | 'runtime' {
  const declared = (need as PermissionNeed & {impact?: 'start' | 'runtime'}).impact
  if (declared) return declared
  // A mode's own needs are how the app configures itself in that mode, at start-up.
  return kind === 'execution' || need.mode ? 'start' : 'runtime'
}

/** How users know the role: its name or ARN, or for a role a template creates, its logical id. */
export function roleLabel(role: RoleFact | undefined, named?: string): string {
  const concrete = [role?.name, role?.arn, named].find((v) => v && !hasDeployTimeValue(v))
  if (concrete) return concrete
  const logicalId = /\{\{(?:Ref|GetAtt):([^.}]+)/.exec(role?.name ?? role?.arn ?? named ?? '')?.[1]
  return logicalId ? `${logicalId} (created by the template)` : 'the role'
}

interface PreparedRole {
  label: string
  principal: string
  /** the principal is the role's own ARN, not one made up from a deploy-time name */
  real: boolean
  identity: SimPolicy[]
  boundary?: SimPolicy
  missingPolicies: string[]
  missingBoundary?: string
  trustPolicy?: unknown
}

function prepare(role: RoleFact, input: EvaluationInput): PreparedRole {
  const concrete = role.arn && !hasDeployTimeValue(role.arn) ? role.arn : undefined
  const name = role.name && !hasDeployTimeValue(role.name) ? role.name : `deploy-time-${role.kind}-role`
  const attached = [...role.inlinePolicies, ...role.managedPolicies]
  const identity = attached.flatMap((p) => {
    const document = documentOf(p)
    return document ? [{document, name: p.name}] : []
  })
  const boundaryDoc = role.permissionsBoundary && documentOf(role.permissionsBoundary)
  return {
    identity,
    label: roleLabel(role),
    missingPolicies: attached.filter((p) => !documentOf(p)).map((p) => p.name),
    principal: concrete ?? `arn:${partitionOf(input.deployment?.region)}:iam::${input.deployment?.account ?? '{{Ref:AWS::AccountId}}'}:role/${name}`,
    real: concrete !== undefined,
    ...(role.permissionsBoundary && boundaryDoc ? {boundary: {document: boundaryDoc, name: role.permissionsBoundary.name}} : {}),
    ...(role.permissionsBoundary && !boundaryDoc ? {missingBoundary: role.permissionsBoundary.name} : {}),
    ...(role.trustPolicy ? {trustPolicy: role.trustPolicy} : {}),
  }
}

async function askReading(role: PreparedRole, action: string, reading: Reading, input: EvaluationInput, answers: IamAnswers): Promise<ActionVerdict> {
  // The stack deploys in the role's account, so that account stands for {{Ref:AWS::AccountId}}.
  const account = input.deployment?.account ?? arnAccount(role.principal)
  const substitution = new Substitution({...input.deployment, ...(account ? {account} : {})}, reading.whole)
  const principal = substitution.apply(role.principal)
  const principalAccount = arnAccount(principal) ?? '000000000000'
  const request = substitution.apply(reading.request)
  const identity = role.identity.map((p) => ({document: substitution.applyDeep(p.document), name: p.name}))
  const boundary = role.boundary && {document: substitution.applyDeep(role.boundary.document), name: role.boundary.name}
  const question = {account: principalAccount, action, identity, principal, resource: request, ...(boundary ? {boundary} : {})}
  // A deploy-time value names no real role or resource, so only the local simulator can answer it.
  const concrete = role.real && !hasDeployTimeValue(reading.request)
  const outcome = concrete ? await answers.ask(question) : await simulate(question)
  // AWS read the role's policies itself: a policy whose text bwops lacks does not leave it unsure.
  const missing = outcome.by ? {missingPolicies: []} : {missingPolicies: role.missingPolicies, ...(role.missingBoundary ? {missingBoundary: role.missingBoundary} : {})}
  const resourceAccount = arnAccount(reading.request)
  return judge(outcome, {action, principalAccount, request, substitution, ...missing, ...(resourceAccount ? {resourceAccount} : {})})
}

async function askAction(role: PreparedRole, action: string, target: Extract<Target, {kind: 'arn'}>, input: EvaluationInput, answers: IamAnswers): Promise<ActionVerdict> {
  const verdicts = await Promise.all(target.readings.map((r) => askReading(role, action, r, input, answers)))
  const first = verdicts[0] ?? {action, decision: 'unknown', reason: 'no reading of the resource'}
  const split = verdicts.some((v) => v.decision !== first.decision)
  if (!split) return first
  const readings = verdicts.map((v, i) => ({assumption: target.readings[i]?.assumption ?? 'read otherwise', decision: v.decision}))
  const said = readings.map((r) => `${r.decision.replace('-', ' ')} if ${r.assumption}`)
  const denied = verdicts.find((v) => v.decision !== 'allowed')
  return {
    action,
    decision: 'unknown',
    readings,
    reason: `the answer depends on a deploy-time value: ${said.join('; ')}${denied?.reason ? ` (${denied.reason})` : ''}`,
    ...(denied?.deniedBy ? {deniedBy: denied.deniedBy} : {}),
  }
}

/** Always local: SimulatePrincipalPolicy answers what a role may do, not who may assume it. */
async function trustVerdict(kind: RoleKind, role: PreparedRole, input: EvaluationInput): Promise<TrustVerdict> {
  const base = {role: kind, roleLabel: role.label}
  if (!role.trustPolicy) return {...base, decision: 'unknown', reason: 'the role\'s trust policy is not known'}
  const substitution = new Substitution(input.deployment ?? {})
  const resource = substitution.apply(role.principal)
  const outcome = await simulate({
    account: arnAccount(resource) ?? '000000000000',
    action: 'sts:AssumeRole',
    identity: [],
    principal: 'ecs-tasks.amazonaws.com',
    resource,
    resourcePolicy: substitution.applyDeep(role.trustPolicy),
  })
  if (outcome.decision === 'invalid') return {...base, decision: 'invalid', reason: outcome.reason ?? 'the trust policy is not valid'}
  if (outcome.decision === 'allowed') return {...base, decision: 'allowed'}
  if (outcome.decision === 'unknown') return {...base, conditions: outcome.conditions, decision: 'unknown', reason: `ECS may assume it only if ${outcome.conditions.join('; ') || 'a policy variable matches'}, which bwops cannot decide`}
  return {...base, decision: outcome.decision, deniedBy: outcome.deniedBy}
}

async function roleVerdicts(kind: RoleKind, input: EvaluationInput, answers: IamAnswers): Promise<{needs: NeedVerdict[]; trust?: TrustVerdict}> {
  const named = kind === 'task' ? input.taskDefinition.taskRoleArn : input.taskDefinition.executionRoleArn
  const fact = input.roles[kind]
  const role = fact && prepare(fact, input)
  const needs = input.profile.permissions[kind].filter((n) => !n.mode || n.mode === input.mode)
  const verdicts = await Promise.all(
    needs.flatMap((need) =>
      targetsFor(need, input).map(async (target): Promise<NeedVerdict> => {
        const base = {impact: impactOf(kind, need), ref: need.resource, role: kind, why: need.why, ...(need.mode ? {mode: need.mode} : {}), ...(target.display ? {resource: target.display} : {})}
        const all = (decision: IamDecision, reason: string): NeedVerdict => ({...base, actions: target.actions.map((action) => ({action, decision})), decision, reason, ...(named || role ? {roleLabel: roleLabel(fact, named)} : {})})
        if (!role && named) return all('skipped', `the task definition names ${named}, but that role's policies are not known`)
        if (!role) return all('no-role', `the task definition has no ${kind} role`)
        if (target.kind === 'unknown') return {...all('unknown', target.reason), roleLabel: role.label}
        const actions = await Promise.all(target.actions.map((action) => askAction(role, action, target, input, answers)))
        return {...base, actions, decision: worst(actions.map((a) => a.decision)), roleLabel: role.label}
      }),
    ),
  )
  return {needs: verdicts, ...(role ? {trust: await trustVerdict(kind, role, input)} : {})}
}

/** `answers`: who answers the questions about the roles' own permissions (default: the local simulator). */
export async function evaluateIam(input: EvaluationInput, answers: IamAnswers = localAnswers): Promise<IamEvaluation> {
  const [task, execution] = await Promise.all([roleVerdicts('task', input, answers), roleVerdicts('execution', input, answers)])
  const {taskRoleArn, executionRoleArn} = input.taskDefinition
  const {method, note} = answers.used()
  return {
    method,
    ...(note ? {methodNote: note} : {}),
    mode: input.mode,
    named: {...(taskRoleArn ? {task: taskRoleArn} : {}), ...(executionRoleArn ? {execution: executionRoleArn} : {})},
    needs: [...task.needs, ...execution.needs],
    trust: [task.trust, execution.trust].filter((t): t is TrustVerdict => t !== undefined),
  }
}
