import {type ConditionResult, decideConditions, type RequestContext} from './conditions.js'
import {actionMatches, principalMatches, resourceMatches, type Tri} from './policy-match.js'
import type {AWS_SIMULATE, PolicyRef} from './types.js'

// bwops's own evaluator of identity policies, permissions boundaries and trust policies, as IAM
// documents its logic: an explicit Deny wins, else an Allow is needed, and a permissions boundary
// must allow too. What it cannot decide (a condition on a key it has no value for, a policy
// variable) makes the answer 'unknown', never 'allowed'. Everything the checks need is returned as
// plain data: the decision, the deciding statements, and the Allow statements whose action matched
// but whose resource did not (to tell a wrong resource from a missing action).

export interface SimPolicy {
  name: string
  document: unknown
}

export interface SimRequest {
  /** the caller: a role ARN, or a service principal such as ecs-tasks.amazonaws.com */
  principal: string
  /** the caller's account, which the resource is taken to be in */
  account: string
  action: string
  resource: string
  identity: SimPolicy[]
  boundary?: SimPolicy
  /** a resource policy; a role's trust policy when the action is sts:AssumeRole */
  resourcePolicy?: unknown
}

export interface NearMiss {
  policy: string
  statement: string
  resources: string[]
}

export interface SimOutcome {
  /** unknown: allowed only if conditions hold that bwops cannot decide (listed in `conditions`) */
  decision: 'allowed' | 'implicitly-denied' | 'explicitly-denied' | 'invalid' | 'unknown'
  grantedBy: PolicyRef[]
  deniedBy: PolicyRef[]
  reason?: string
  conditions: string[]
  nearMisses: NearMiss[]
  /** AWS answered (iam:SimulatePrincipalPolicy): it read the role's policies itself, so none bwops lacks matters; absent when the local evaluator did */
  by?: typeof AWS_SIMULATE
}

interface Statement {
  ref: PolicyRef & {policy: string; statement: string}
  effect: 'Allow' | 'Deny'
  action?: string[]
  notAction?: string[]
  resource?: string[]
  notResource?: string[]
  principal?: unknown
  notPrincipal?: unknown
  condition?: unknown
}

const strings = (v: unknown): string[] | undefined => (v === undefined ? undefined : [v].flat().map(String))

function parse(policy: SimPolicy, kind: PolicyRef['kind'], errors: string[]): Statement[] {
  const where = kind === 'trust' ? 'trust policy' : `policy ${policy.name}`
  let document = policy.document
  if (typeof document === 'string') {
    try {
      document = JSON.parse(document)
    } catch {
      errors.push(`${where}: not valid JSON`)
      return []
    }
  }

  const raw = (document as {Statement?: unknown} | null)?.Statement
  if (raw === undefined || raw === null || typeof raw !== 'object') {
    errors.push(`${where}: it has no Statement`)
    return []
  }

  return [raw].flat().flatMap((s, i): Statement[] => {
    const st = (s ?? {}) as Record<string, unknown>
    const label = typeof st.Sid === 'string' && st.Sid ? st.Sid : `#${i + 1}`
    const at = `${where}: statement ${label}`
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny') errors.push(`${at}: Effect must be Allow or Deny, not ${JSON.stringify(st.Effect ?? null)}`)
    if ((st.Action === undefined) === (st.NotAction === undefined)) errors.push(`${at}: it needs exactly one of Action and NotAction`)
    if (kind !== 'trust' && (st.Resource === undefined) === (st.NotResource === undefined)) errors.push(`${at}: it needs exactly one of Resource and NotResource`)
    if (kind === 'trust' && st.Principal === undefined && st.NotPrincipal === undefined) errors.push(`${at}: a trust policy statement needs a Principal`)
    const actions = [...(strings(st.Action) ?? []), ...(strings(st.NotAction) ?? [])]
    for (const a of actions) if (a !== '*' && !/^[a-z0-9-]+:[A-Za-z0-9*?]+$/i.test(a)) errors.push(`${at}: ${JSON.stringify(a)} is not an action (service:Name)`)
    const made: Statement = {effect: st.Effect === 'Deny' ? 'Deny' : 'Allow', ref: {kind, policy: policy.name, statement: label}}
    for (const [key, field] of [['Action', 'action'], ['NotAction', 'notAction'], ['Resource', 'resource'], ['NotResource', 'notResource']] as const) {
      const list = strings(st[key])
      if (list) made[field] = list
    }
    if (st.Principal !== undefined) made.principal = st.Principal
    if (st.NotPrincipal !== undefined) made.notPrincipal = st.NotPrincipal
    if (st.Condition !== undefined) made.condition = st.Condition
    return [made]
  })
}

const anyOf = (tris: Tri[]): Tri => (tris.includes('yes') ? 'yes' : tris.includes('maybe') ? 'maybe' : 'no')
const not = (t: Tri): Tri => (t === 'yes' ? 'no' : t === 'no' ? 'yes' : 'maybe')
const and = (tris: Tri[]): Tri => (tris.includes('no') ? 'no' : tris.includes('maybe') ? 'maybe' : 'yes')

interface Match {
  statement: Statement
  actionMatch: boolean
  resourceMatch: Tri
  applies: Tri
  conditions: ConditionResult
}

function match(st: Statement, request: SimRequest, context: RequestContext): Match {
  const actionMatch = st.action ? st.action.some((p) => actionMatches(p, request.action)) : !(st.notAction ?? []).some((p) => actionMatches(p, request.action))
  const resourceMatch = st.resource
    ? anyOf(st.resource.map((p) => resourceMatches(p, request.resource)))
    : st.notResource
      ? not(anyOf(st.notResource.map((p) => resourceMatches(p, request.resource))))
      : 'yes'
  const principal: Tri = st.principal !== undefined ? (principalMatches(st.principal, request.principal) ? 'yes' : 'no') : st.notPrincipal !== undefined ? (principalMatches(st.notPrincipal, request.principal) ? 'no' : 'yes') : 'yes'
  const conditions = decideConditions(st.condition, context)
  return {actionMatch, applies: and([actionMatch ? 'yes' : 'no', resourceMatch, principal, conditions.holds]), conditions, resourceMatch, statement: st}
}

function contextOf(request: SimRequest, trust: boolean): RequestContext {
  // ECS passes the task's account as aws:SourceAccount when it assumes a task role.
  if (trust) return {'aws:SourceAccount': request.account}
  const region = request.resource.split(':')[3]
  return {'aws:PrincipalAccount': request.account, 'aws:PrincipalArn': request.principal, ...(region ? {'aws:RequestedRegion': region} : {})}
}

const refOf = (m: Match): PolicyRef => m.statement.ref
const undecided = (ms: Match[]) => [...new Set(ms.flatMap((m) => m.conditions.undecided))]

/** Answers one question: may `principal` do `action` on `resource` under these policies? */
export async function simulate(request: SimRequest): Promise<SimOutcome> {
  const trust = request.resourcePolicy !== undefined
  const errors: string[] = []
  const identity = request.identity.flatMap((p) => parse(p, 'identity', errors))
  const boundary = request.boundary ? parse(request.boundary, 'permissions-boundary', errors) : undefined
  const resource = trust ? parse({document: request.resourcePolicy, name: 'trust'}, 'trust', errors) : []
  const empty = {conditions: [], deniedBy: [], grantedBy: [], nearMisses: []}
  if (errors.length > 0) return {...empty, decision: 'invalid', reason: errors.join('; ')}

  const context = contextOf(request, trust)
  const judged = (list: Statement[]) => list.map((s) => match(s, request, context))
  const grants = judged(trust ? resource : identity)
  const fences = boundary ? judged(boundary) : []
  const all = [...grants, ...fences]

  const denies = all.filter((m) => m.statement.effect === 'Deny')
  const sureDenies = denies.filter((m) => m.applies === 'yes')
  if (sureDenies.length > 0) return {...empty, decision: 'explicitly-denied', deniedBy: sureDenies.map(refOf)}

  const allowsOf = (ms: Match[]) => ms.filter((m) => m.statement.effect === 'Allow' && m.applies !== 'no')
  const granting = allowsOf(grants)
  const granted = anyOf(granting.map((m) => m.applies))
  const fenced = boundary ? anyOf(allowsOf(fences).map((m) => m.applies)) : 'yes'
  const nearMisses = all
    .filter((m) => m.statement.effect === 'Allow' && m.actionMatch && m.resourceMatch === 'no')
    .map((m) => ({policy: m.statement.ref.policy, resources: m.statement.resource ?? [], statement: m.statement.ref.statement}))

  if (granted === 'no') return {...empty, decision: 'implicitly-denied', deniedBy: [{kind: trust ? 'trust' : 'identity'}], nearMisses}
  if (fenced === 'no') return {...empty, decision: 'implicitly-denied', deniedBy: [{kind: 'permissions-boundary', policy: request.boundary?.name ?? 'the boundary'}], nearMisses}

  const sure = granting.filter((m) => m.applies === 'yes')
  const maybeDenies = denies.filter((m) => m.applies === 'maybe')
  if (granted === 'yes' && fenced === 'yes' && maybeDenies.length === 0) return {...empty, decision: 'allowed', grantedBy: sure.map(refOf)}

  const open = undecided([...granting, ...allowsOf(fences), ...maybeDenies])
  const why = open.length > 0 ? `it depends on conditions bwops cannot decide: ${open.join('; ')}` : 'it depends on a policy variable bwops cannot fill in'
  return {...empty, conditions: open, decision: 'unknown', grantedBy: (sure.length > 0 ? sure : granting).map(refOf), reason: why}
}
