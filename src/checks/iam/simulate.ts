import {createRequire} from 'node:module'

import type {AllowedConditionExpression, RequestAnalysis, SimulationErrors} from '@cloud-copilot/iam-simulate'
import type {AWS_SIMULATE, PolicyRef} from './types.js'

// The one place bwops asks @cloud-copilot/iam-simulate. Everything the checks need from its answer
// is turned into plain data here: the decision, the deciding statements, and the Allow statements
// whose action matched but whose resource did not (to tell a wrong resource from a missing action).

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
  decision: 'allowed' | 'implicitly-denied' | 'explicitly-denied' | 'invalid'
  grantedBy: PolicyRef[]
  deniedBy: PolicyRef[]
  reason?: string
  conditions: string[]
  nearMisses: NearMiss[]
  /** AWS answered (iam:SimulatePrincipalPolicy): it read the role's policies itself, so none bwops lacks matters; absent when the local simulator did */
  by?: typeof AWS_SIMULATE
}

type Simulator = typeof import('@cloud-copilot/iam-simulate')

// Loaded on the first question only, and as its CommonJS build: its ESM build is many small
// modules, which Node 20 loads about three times slower, a noticeable share of a cold start.
const requireLazily = createRequire(import.meta.url)
let simulator: Simulator | undefined
const loadSimulator = async () => (simulator ??= requireLazily('@cloud-copilot/iam-simulate') as Simulator)

const statementLabel = (sid: string | undefined, index: number) => sid ?? `#${index}`

function kindOf(policyType: string, resourceIsTrust: boolean): PolicyRef['kind'] {
  if (policyType === 'pb') return 'permissions-boundary'
  if (policyType === 'resource' && resourceIsTrust) return 'trust'
  return 'identity'
}

function describeConditions(expression: AllowedConditionExpression | undefined): string[] {
  if (!expression) return []
  switch (expression.conditionType) {
    case 'condition':
      return [`${expression.inverted ? 'not ' : ''}${expression.op} ${expression.key} ${expression.values.join(', ')}`]
    case 'group':
      return expression.conditions.flatMap(describeConditions)
    case 'sessionName':
      return [`session name ${expression.sessionName.join(', ')}`]
    default:
      return []
  }
}

function describeErrors(errors: SimulationErrors): string {
  const byPolicy = {...errors.identityPolicyErrors, ...errors.permissionBoundaryErrors}
  const policyErrors = Object.entries(byPolicy).flatMap(([name, list]) => list.map((e) => `policy ${name}: ${e.path}: ${e.message}`))
  const resourceErrors = (errors.resourcePolicyErrors ?? []).map((e) => `trust policy: ${e.path}: ${e.message}`)
  const all = [...policyErrors, ...resourceErrors]
  if (all.length > 0) return all.join('; ')
  if (errors.message === 'invalid.action') return 'AWS has no such action'
  if (errors.message === 'no.resource.types') return 'the resource is not one this action applies to'
  return errors.message
}

function nearMisses(analysis: RequestAnalysis): NearMiss[] {
  const statements = [...(analysis.identityAnalysis?.unmatchedStatements ?? []), ...(analysis.permissionBoundaryAnalysis?.unmatchedStatements ?? [])]
  return statements
    .filter((s) => s.actionMatch && !s.resourceMatch && s.statement.effect() === 'Allow')
    .map((s) => {
      const explained = s.explain.resources === undefined ? [] : [s.explain.resources].flat()
      return {policy: s.policyId, resources: explained.map((r) => r.resource), statement: statementLabel(s.statement.sid(), s.statement.index())}
    })
}

function outcomeOf(lib: Simulator, result: string, analysis: RequestAnalysis | undefined, trust: boolean, boundary?: string): SimOutcome {
  const grants = analysis ? lib.getGrantReasons(analysis) : []
  const denials = analysis ? lib.getDenialReasons(analysis) : []
  const decision = result === 'Allowed' ? 'allowed' : result === 'ExplicitlyDenied' ? 'explicitly-denied' : 'implicitly-denied'
  const explicit = denials.filter((d) => d.denialType === 'Explicit')
  const blocking = denials.filter((d) => d.blocking)
  const core = denials.filter((d) => d.policyType === (trust ? 'resource' : 'identity'))
  const relevant = decision === 'explicitly-denied' ? explicit : blocking.length > 0 ? blocking : core
  return {
    conditions: decision === 'allowed' ? describeConditions(analysis?.conditions) : [],
    decision,
    deniedBy: relevant.map((d) => {
      const kind = kindOf(d.policyType, trust)
      const policy = d.denialType === 'Explicit' ? d.policyIdentifier : kind === 'permissions-boundary' ? boundary : undefined
      const statement = d.denialType === 'Explicit' ? statementLabel(d.statementId, d.statementIndex) : undefined
      return {kind, ...(policy ? {policy} : {}), ...(statement ? {statement} : {})}
    }),
    grantedBy: grants.map((g) => ({
      kind: kindOf(g.policyType, trust),
      ...('policyIdentifier' in g ? {policy: g.policyIdentifier} : {}),
      statement: statementLabel(g.statementId, g.statementIndex),
    })),
    nearMisses: analysis ? nearMisses(analysis) : [],
  }
}

/**
 * Asks the simulator one question. Discovery mode: a condition on a key bwops cannot know (the
 * source ARN ECS sends, a resource tag) makes the answer "allowed, if ..." rather than a denial.
 */
export async function simulate(request: SimRequest): Promise<SimOutcome> {
  const lib = await loadSimulator()
  const response = await lib.runSimulation(
    {
      identityPolicies: request.identity.map((p) => ({name: p.name, policy: p.document})),
      ...(request.boundary ? {permissionBoundaryPolicies: [{name: request.boundary.name, policy: request.boundary.document}]} : {}),
      request: {
        action: request.action,
        contextVariables: {},
        principal: request.principal,
        resource: {accountId: request.account, resource: request.resource},
      },
      ...(request.resourcePolicy === undefined ? {} : {resourcePolicy: request.resourcePolicy}),
      resourceControlPolicies: [],
      serviceControlPolicies: [],
    },
    {simulationMode: 'Discovery'},
  )
  const trust = request.resourcePolicy !== undefined
  if (response.resultType === 'error') {
    return {conditions: [], decision: 'invalid', deniedBy: [], grantedBy: [], nearMisses: [], reason: describeErrors(response.errors)}
  }

  if (response.resultType === 'single') return outcomeOf(lib, response.overallResult, response.result.analysis, trust, request.boundary?.name)
  const decisive = response.results.find((r) => r.analysis.result === response.overallResult) ?? response.results[0]
  return outcomeOf(lib, response.overallResult, decisive?.analysis, trust, request.boundary?.name)
}
