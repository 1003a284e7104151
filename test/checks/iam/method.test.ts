import {describe, expect, it} from 'vitest'

import check from '../../../src/checks/iam.js'
import type {IamAnswers, MethodUsed} from '../../../src/checks/iam/answers.js'
import {evaluateIam, type EvaluationInput} from '../../../src/checks/iam/evaluate.js'
import {type SimOutcome, type SimRequest, simulate} from '../../../src/checks/iam/simulate.js'
import {iamEvaluationSource} from '../../../src/checks/iam/source.js'
import type {IamEvaluation} from '../../../src/checks/iam/types.js'
import type {FindingInput} from '../../../src/checks/types.js'
import {Facts, known} from '../../../src/facts/facts.js'
import type {RolesFact} from '../../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../../src/profile/benchling-webhook.js'
import * as b from './build.js'

// The evaluation takes who answers the role questions as a parameter: what reaches that answerer,
// what stays local, and how the `iam` check says which way the verdicts were made.

const execution = b.role('execution', [], {managedPolicies: [b.EXECUTION_MANAGED]})
const roles: RolesFact = {execution, task: b.role('task', [b.SECRETS_ONLY_TASK_POLICY])}
const input = (over: Partial<EvaluationInput> = {}): EvaluationInput => ({
  deployment: {account: b.ACCOUNT, region: b.REGION},
  mode: 'secrets-only',
  profile,
  roles,
  taskDefinition: b.taskDefinition(b.container(b.SECRETS_ONLY_ENV)),
  ...over,
})

/** Stands for AWS: records every question; an organization guardrail denies reading the secret. */
function fakeAws(used: MethodUsed = {method: 'aws-simulate-principal-policy'}) {
  const asked: SimRequest[] = []
  const answers: IamAnswers = {
    async ask(request): Promise<SimOutcome> {
      asked.push(request)
      const base = {by: 'aws-simulate-principal-policy' as const, conditions: [], deniedBy: [], grantedBy: [], nearMisses: []}
      if (request.action === 'secretsmanager:GetSecretValue') return {...base, decision: 'explicitly-denied', deniedBy: [{kind: 'identity', policy: 'org-guardrail', statement: 'at line 4'}]}
      return {...base, decision: 'allowed', grantedBy: [{kind: 'identity', policy: 'webhook', statement: 'at line 2'}]}
    },
    used: () => used,
  }
  return {answers, asked}
}

const findings = (iamEvaluation: IamEvaluation, r: RolesFact = roles): FindingInput[] =>
  check.run({iamEvaluation, mode: {inferred: true, value: iamEvaluation.mode, why: 'test'}, roles: r} as never, profile)

describe('IAM evaluation method', () => {
  it('offline, the local simulator answers and nothing new is said', async () => {
    const ev = await evaluateIam(input({roles: {execution, task: b.role('task', [b.policy('webhook', b.allow('cloudformation:DescribeStacks', b.STACK_ARN))])}}))
    expect(ev.method).toBe('local (bwops evaluator)')
    expect(ev.methodNote).toBeUndefined()
    const evidence = findings(ev).flatMap((f) => f.evidence ?? [])
    expect(evidence.length).toBeGreaterThan(0)
    expect(evidence.filter((e) => e.startsWith('decided'))).toEqual([])
  })

  it('uses the answerer\'s verdicts, says AWS decided, and names the Deny AWS matched', async () => {
    const {answers} = fakeAws()
    const ev = await evaluateIam(input(), answers)
    expect(ev.method).toBe('aws-simulate-principal-policy')
    // the queue and bucket wait on the Quilt stack's outputs (info); the one error is the Deny
    const [secret, ...others] = findings(ev).filter((f) => f.severity === 'error')
    expect(others).toEqual([])
    expect(secret).toMatchObject({severity: 'error', title: expect.stringContaining('an explicit Deny in policy org-guardrail (statement at line 4) blocks it')})
    expect(secret?.evidence?.at(-1)).toBe('decided by AWS (iam:SimulatePrincipalPolicy on the role)')
  })

  it('keeps the trust policy local: no sts:AssumeRole question reaches AWS', async () => {
    const {answers, asked} = fakeAws()
    const ev = await evaluateIam(input(), answers)
    expect(asked.length).toBeGreaterThan(0)
    expect(asked.filter((r) => r.action === 'sts:AssumeRole' || r.principal === 'ecs-tasks.amazonaws.com')).toEqual([])
    expect(new Set(asked.map((r) => r.principal))).toEqual(new Set([roles.task?.arn, execution.arn]))
    expect(ev.trust.map((t) => t.decision)).toEqual(['allowed', 'allowed'])
  })

  it('keeps deploy-time values local: a role the template creates never reaches AWS', async () => {
    const {answers, asked} = fakeAws()
    const task = b.role('task', [b.SECRETS_ONLY_TASK_POLICY], {arn: '{{GetAtt:TaskRole.Arn}}', name: '{{Ref:TaskRole}}'})
    const ev = await evaluateIam(input({roles: {execution, task}}), answers)
    expect(asked.every((r) => r.principal === execution.arn)).toBe(true)
    expect(ev.needs.find((n) => n.role === 'task' && n.ref === 'benchling-secret')?.decision).toBe('allowed')
  })

  it('an AWS answer is final where a policy\'s text is missing locally', async () => {
    const unread = {execution, task: b.role('task', [], {managedPolicies: [{arn: `arn:aws:iam::${b.ACCOUNT}:policy/QuiltAccess`, name: 'QuiltAccess'}]})}
    const local = await evaluateIam(input({roles: unread}))
    expect(local.needs.find((n) => n.ref === 'quilt-stack')?.decision).toBe('unknown')
    const aws = await evaluateIam(input({roles: unread}), {ask: async (r) => ({...(await simulate(r)), by: 'aws-simulate-principal-policy', decision: 'allowed'}), used: () => ({method: 'aws-simulate-principal-policy'})})
    expect(aws.needs.find((n) => n.ref === 'quilt-stack')?.decision).toBe('allowed')
  })

  it('after a fallback, says it was local, why, and the permission that allows the AWS path', async () => {
    const note = 'AWS denied iam:SimulatePrincipalPolicy (AccessDenied), so bwops evaluated the fetched policies locally; to have AWS evaluate the roles\' policies itself, grant iam:SimulatePrincipalPolicy on the task and execution roles to the identity bwops runs as'
    const fellBack: IamAnswers = {ask: simulate, used: () => ({method: 'local (bwops evaluator)', note})}
    const denyingRoles = {execution, task: b.role('task', [b.policy('webhook', b.allow('cloudformation:DescribeStacks', b.STACK_ARN))])}
    const given = {
      describe: 'test facts',
      loaders: {
        deployment: async () => known({account: b.ACCOUNT, region: b.REGION}, 'test'),
        mode: async () => known({inferred: false, value: 'secrets-only' as const, why: 'test'}, 'test'),
        roles: async () => known(denyingRoles, 'AWS us-east-1 IAM roles'),
        taskDefinition: async () => known(b.taskDefinition(b.container(b.SECRETS_ONLY_ENV)), 'test'),
      },
    }
    const result = await new Facts([given, iamEvaluationSource(profile, fellBack)]).get('iamEvaluation')
    if (!result.ok) throw new Error(result.reason)
    expect(result.source).toBe(`IAM policy simulation (local, bwops evaluator: ${note}) of AWS us-east-1 IAM roles`)
    expect(result.value).toMatchObject({method: 'local (bwops evaluator)', methodNote: note})
    const evidence = findings(result.value, denyingRoles).map((f) => f.evidence?.at(-1))
    expect(evidence.length).toBeGreaterThan(0)
    for (const line of evidence) expect(line).toBe(`decided locally (bwops evaluator) from the fetched policies: ${note}`)
  })

  it('names AWS in the fact\'s source when it answered', async () => {
    const given = {
      describe: 'test facts',
      loaders: {
        mode: async () => known({inferred: false, value: 'secrets-only' as const, why: 'test'}, 'test'),
        roles: async () => known(roles, 'AWS us-east-1 IAM roles'),
        taskDefinition: async () => known(b.taskDefinition(b.container(b.SECRETS_ONLY_ENV)), 'test'),
      },
    }
    const result = await new Facts([given, iamEvaluationSource(profile, fakeAws().answers)]).get('iamEvaluation')
    expect(result.ok && result.source).toBe('IAM policy simulation by AWS (iam:SimulatePrincipalPolicy; trust policies locally) of AWS us-east-1 IAM roles')
  })
})
