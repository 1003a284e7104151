import type {SimulatePrincipalPolicyCommandInput} from '@aws-sdk/client-iam'
import {describe, expect, it} from 'vitest'

import {builtinChecks} from '../../src/checks/index.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {runDoctor} from '../../src/services/doctor.js'
import {liveDoctorSources} from '../../src/services/live-doctor.js'
import {type AccountOptions, mockAccount} from '../fixtures/aws/account.js'

// The live doctor's `iam` check: AWS answers when the caller may call iam:SimulatePrincipalPolicy,
// else the fetched policies are judged locally, and the report says which.

async function liveIam(options: AccountOptions = {}) {
  const live = await liveDoctorSources({region: 'us-east-1'}, profile, {clients: mockAccount(options).clients})
  const {facts, report} = await runDoctor({extraSources: live.sources, only: ['iam']}, {checks: builtinChecks, profile})
  const evaluation = await facts.get('iamEvaluation')
  if (!evaluation.ok) throw new Error(evaluation.reason)
  return {calls: live.calls.summary().byOperation, evaluation, report, sources: live.sources}
}

/** An account whose organization denies reading secrets outside the VPC; everything else allowed. */
function guardrail(input: SimulatePrincipalPolicyCommandInput) {
  const resource = input.ResourceArns?.[0]
  return {
    EvaluationResults: (input.ActionNames ?? []).map((EvalActionName) => {
      const deny = EvalActionName === 'secretsmanager:GetSecretValue'
      const statement = deny
        ? {EndPosition: {Column: 6, Line: 12}, SourcePolicyId: 'DenySecretsOutsideVpc', SourcePolicyType: 'user-managed' as const, StartPosition: {Column: 5, Line: 4}}
        : {EndPosition: {Column: 6, Line: 8}, SourcePolicyId: 'config', SourcePolicyType: 'role' as const, StartPosition: {Column: 5, Line: 2}}
      const decision = deny ? ('explicitDeny' as const) : ('allowed' as const)
      return {EvalActionName, EvalDecision: decision, EvalResourceName: resource, ResourceSpecificResults: [{EvalResourceDecision: decision, EvalResourceName: resource, MatchedStatements: [statement]}]}
    }),
    IsTruncated: false,
  }
}

describe('live doctor, iam check', () => {
  it('falls back to the fetched policies when the caller may not simulate, after one denied call, and says so', async () => {
    const {calls, evaluation, report, sources} = await liveIam()
    expect(calls['iam:SimulatePrincipalPolicy']).toBe(1)
    expect(evaluation.value).toMatchObject({method: 'local (bwops evaluator)', methodNote: expect.stringContaining('grant iam:SimulatePrincipalPolicy')})
    const iam = report.checks.find((c) => c.id === 'iam')
    expect(iam?.sources).toEqual(expect.arrayContaining([expect.stringMatching(/^IAM policy simulation \(local, bwops evaluator: AWS denied iam:SimulatePrincipalPolicy \(AccessDenied\)/)]))
    expect(sources[0]?.describe).toContain('(IAM: fetched policies evaluated locally (iam:SimulatePrincipalPolicy denied))')
  })

  it('asks AWS when the caller may, one call per role and resource after one probe, and reports the Deny AWS matched', async () => {
    const {calls, evaluation, report, sources} = await liveIam({simulate: guardrail})
    expect(evaluation.value.method).toBe('aws-simulate-principal-policy')
    expect(evaluation.value.methodNote).toBeUndefined()
    const asked = evaluation.value.needs.filter((n) => n.decision !== 'unknown' && n.resource !== undefined)
    // one call per role and resource the needs name, never one per action, and the one probe that
    // learnt, while the policies were read, that AWS may be asked
    expect(calls['iam:SimulatePrincipalPolicy']).toBe(new Set(asked.map((n) => `${n.role} ${n.resource}`)).size + 1)
    const denied = report.findings.filter((f) => f.severity === 'error')
    expect(denied.map((f) => f.title)).toEqual([expect.stringMatching(/^The task role benchling-webhook-task-role cannot secretsmanager:GetSecretValue on arn:aws:secretsmanager:.*: an explicit Deny in policy DenySecretsOutsideVpc \(statement at line 4\) blocks it$/)])
    expect(denied[0]?.evidence.at(-1)).toBe('decided by AWS (iam:SimulatePrincipalPolicy on the role)')
    expect(report.checks.find((c) => c.id === 'iam')?.sources).toEqual(expect.arrayContaining([expect.stringMatching(/^IAM policy simulation by AWS \(iam:SimulatePrincipalPolicy; trust policies locally\)/)]))
    expect(sources[0]?.describe).toContain('(IAM: evaluated by AWS (iam:SimulatePrincipalPolicy))')
  })

  it('secrets-only: judges the queue and database the Quilt stack\'s outputs name, not "cannot tell"', async () => {
    const {evaluation, report} = await liveIam()
    const resources = evaluation.value.needs.filter((v) => v.role === 'task').map((v) => v.resource)
    expect(resources).toEqual(expect.arrayContaining([expect.stringMatching(/^arn:aws:sqs:us-east-1:\d{12}:/), expect.stringMatching(/^arn:aws:glue:us-east-1:\d{12}:database\/userdb$/)]))
    // only the bucket stays unknown: the app takes it from the secret's user_bucket, a value bwops never reads
    const unknownOn = report.findings.filter((f) => f.title.startsWith('bwops cannot tell')).map((f) => f.title.split(' on ').pop())
    expect(unknownOn).toEqual(['arn:aws:s3:::<bucket>', 'arn:aws:s3:::<bucket>/*'])
  })
})

describe('live doctor, release', () => {
  it('judges by the contract of the running task definition\'s image, as offline', async () => {
    const {report} = await liveIam()
    // test/fixtures/aws/data.ts: revision 2 runs quiltdata/benchling:0.7.10 in secrets-only mode
    expect(report.target.release).toMatchObject({from: 'image tag', line: 'v0.6-v0.7', version: '0.7.10'})
    expect(report.target.mode).toMatchObject({value: 'secrets-only'})
  })

  it('a legacy deployment of v0.5.x is judged by v0.5\'s rules', async () => {
    const {report} = await liveIam({mode: 'legacy'})
    expect(report.target.release).toMatchObject({line: 'v0.5', version: '0.5.5'})
    expect(report.target.mode).toMatchObject({value: 'legacy'})
  })
})
