import {IAMClient, SimulatePrincipalPolicyCommand, type SimulatePrincipalPolicyCommandOutput} from '@aws-sdk/client-iam'
import {mockClient} from 'aws-sdk-client-mock'
import {describe, expect, it} from 'vitest'

import {AwsCallError} from '../../src/aws/errors.js'
import {simulatePrincipalPolicy} from '../../src/aws/iam-simulate-principal.js'
import {awsError, ctxOf, region} from './helpers.js'

// Responses shaped as the IAM API reference documents SimulatePrincipalPolicy's EvaluationResults:
// EvalDecision allowed | explicitDeny | implicitDeny, MatchedStatements (SourcePolicyId,
// SourcePolicyType, StartPosition/EndPosition), PermissionsBoundaryDecisionDetail,
// MissingContextValues, ResourceSpecificResults, IsTruncated/Marker.

const ROLE = 'arn:aws:iam::123456789012:role/benchling-webhook-task-role'
const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:benchling-webhook-AbC123'
const at = (Line: number) => ({EndPosition: {Column: 10, Line: Line + 6}, StartPosition: {Column: 9, Line}})

type Result = NonNullable<SimulatePrincipalPolicyCommandOutput['EvaluationResults']>[number]

function setup(...pages: {EvaluationResults: Result[]; IsTruncated?: boolean; Marker?: string}[]) {
  const iam = new IAMClient(region)
  const mock = mockClient(iam)
  let chain = mock.on(SimulatePrincipalPolicyCommand)
  for (const page of pages) chain = chain.resolvesOnce({IsTruncated: false, ...page})
  return {ctx: ctxOf({iam}), mock}
}

const ask = (ctx: ReturnType<typeof setup>['ctx'], actions = ['secretsmanager:GetSecretValue'], boundary?: string) =>
  simulatePrincipalPolicy(ctx, {actions, principal: ROLE, resources: [SECRET], ...(boundary ? {boundary} : {})})

describe('iam:SimulatePrincipalPolicy adapter', () => {
  const cases: {name: string; result: Result; boundary?: string; expected: object}[] = [
    {
      expected: {decision: 'allowed', deniedBy: [], grantedBy: [{kind: 'identity', policy: 'config', statement: 'at line 3'}]},
      name: 'allowed, naming the granting statement',
      result: {EvalActionName: 'secretsmanager:GetSecretValue', EvalDecision: 'allowed', EvalResourceName: SECRET, MatchedStatements: [{SourcePolicyId: 'config', SourcePolicyType: 'role', ...at(3)}], MissingContextValues: []},
    },
    {
      expected: {decision: 'explicitly-denied', deniedBy: [{kind: 'identity', policy: 'deny-secrets', statement: 'at line 12'}], grantedBy: []},
      name: 'explicit deny, naming the Deny statement',
      result: {EvalActionName: 'secretsmanager:GetSecretValue', EvalDecision: 'explicitDeny', EvalResourceName: SECRET, MatchedStatements: [{SourcePolicyId: 'deny-secrets', SourcePolicyType: 'user-managed', ...at(12)}], MissingContextValues: []},
    },
    {
      boundary: 'webhook-boundary',
      expected: {decision: 'explicitly-denied', deniedBy: [{kind: 'permissions-boundary', policy: 'webhook-boundary', statement: 'at line 4'}]},
      name: 'explicit deny in the permissions boundary',
      result: {EvalActionName: 'secretsmanager:GetSecretValue', EvalDecision: 'explicitDeny', MatchedStatements: [{SourcePolicyId: 'webhook-boundary', SourcePolicyType: 'user-managed', ...at(4)}], PermissionsBoundaryDecisionDetail: {AllowedByPermissionsBoundary: false}},
    },
    {
      expected: {decision: 'implicitly-denied', deniedBy: [{kind: 'identity'}], grantedBy: []},
      name: 'implicit deny: no statement allows it',
      result: {EvalActionName: 'secretsmanager:GetSecretValue', EvalDecision: 'implicitDeny', EvalResourceName: SECRET, MatchedStatements: [], MissingContextValues: []},
    },
    {
      boundary: 'webhook-boundary',
      expected: {decision: 'implicitly-denied', deniedBy: [{kind: 'permissions-boundary', policy: 'webhook-boundary'}]},
      name: 'boundary denial: the role allows it, its boundary does not',
      result: {EvalActionName: 'secretsmanager:GetSecretValue', EvalDecision: 'implicitDeny', EvalResourceName: SECRET, MatchedStatements: [{SourcePolicyId: 'config', SourcePolicyType: 'role', ...at(3)}], PermissionsBoundaryDecisionDetail: {AllowedByPermissionsBoundary: false}},
    },
    {
      expected: {decision: 'explicitly-denied', deniedBy: [{kind: 'scp'}]},
      name: 'a denial by the organization\'s SCPs, whose statements AWS does not show',
      result: {EvalActionName: 'secretsmanager:GetSecretValue', EvalDecision: 'implicitDeny', EvalResourceName: SECRET, MatchedStatements: [], OrganizationsDecisionDetail: {AllowedByOrganizations: false}},
    },
    {
      expected: {decision: 'allowed', grantedBy: [{kind: 'identity', policy: 'config', statement: 'at line 3'}]},
      name: 'the decision per resource when AWS gives ResourceSpecificResults',
      result: {
        EvalActionName: 'secretsmanager:GetSecretValue',
        EvalDecision: 'allowed',
        ResourceSpecificResults: [{EvalResourceDecision: 'allowed', EvalResourceName: SECRET, MatchedStatements: [{SourcePolicyId: 'config', SourcePolicyType: 'role', ...at(3)}]}],
      },
    },
  ]
  it.each(cases)('maps $name', async ({boundary, expected, result}) => {
    const {ctx, mock} = setup({EvaluationResults: [result]})
    const [answer, ...rest] = await ask(ctx, ['secretsmanager:GetSecretValue'], boundary)
    expect(rest).toEqual([])
    expect(answer).toMatchObject({action: 'secretsmanager:GetSecretValue', missingContext: [], resource: SECRET})
    expect(answer?.outcome).toMatchObject({...expected, by: 'aws-simulate-principal-policy', conditions: [], nearMisses: []})
    expect(mock.commandCalls(SimulatePrincipalPolicyCommand)[0]?.args[0].input).toEqual({ActionNames: ['secretsmanager:GetSecretValue'], PolicySourceArn: ROLE, ResourceArns: [SECRET]})
  })

  it('passes on the condition keys AWS was not given, with its implicit deny', async () => {
    const {ctx} = setup({
      EvaluationResults: [
        {
          EvalActionName: 'secretsmanager:GetSecretValue',
          EvalDecision: 'implicitDeny',
          ResourceSpecificResults: [{EvalResourceDecision: 'implicitDeny', EvalResourceName: SECRET, MatchedStatements: [], MissingContextValues: ['aws:SourceVpc']}],
        },
      ],
    })
    expect(await ask(ctx)).toMatchObject([{missingContext: ['aws:SourceVpc'], outcome: {decision: 'implicitly-denied'}}])
  })

  it('pages by Marker until IsTruncated is false, counting each page as a call', async () => {
    const allowed = (EvalActionName: string): Result => ({EvalActionName, EvalDecision: 'allowed', EvalResourceName: SECRET, MatchedStatements: [{SourcePolicyId: 'config', SourcePolicyType: 'role', ...at(3)}]})
    const {ctx, mock} = setup(
      {EvaluationResults: [allowed('secretsmanager:GetSecretValue')], IsTruncated: true, Marker: 'page-2'},
      {EvaluationResults: [{EvalActionName: 'secretsmanager:DescribeSecret', EvalDecision: 'implicitDeny', EvalResourceName: SECRET}]},
    )
    const answers = await ask(ctx, ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'])
    expect(answers.map((a) => [a.action, a.outcome.decision])).toEqual([
      ['secretsmanager:GetSecretValue', 'allowed'],
      ['secretsmanager:DescribeSecret', 'implicitly-denied'],
    ])
    const inputs = mock.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input)
    expect(inputs.map((i) => i.Marker)).toEqual([undefined, 'page-2'])
    expect(ctx.counter.summary()).toEqual({byOperation: {'iam:SimulatePrincipalPolicy': 2}, total: 2})
  })

  it('leaves out an answer without a decision it knows, for the caller to ask otherwise', async () => {
    const {ctx} = setup({EvaluationResults: [{EvalActionName: 'secretsmanager:GetSecretValue', EvalDecision: undefined}]})
    expect(await ask(ctx)).toEqual([])
  })

  it('throws a denied call as an AwsCallError naming the permission, and counts it', async () => {
    const iam = new IAMClient(region)
    mockClient(iam).on(SimulatePrincipalPolicyCommand).rejects(awsError('AccessDenied', 'User: arn:aws:iam::123456789012:user/ops is not authorized to perform: iam:SimulatePrincipalPolicy'))
    const ctx = ctxOf({iam})
    const error = await ask(ctx).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect(error).toMatchObject({action: 'iam:SimulatePrincipalPolicy', awsName: 'AccessDenied', kind: 'denied'})
    expect(ctx.counter.records).toMatchObject([{action: 'iam:SimulatePrincipalPolicy', ok: false}])
  })
})
