import {IAMClient, SimulatePrincipalPolicyCommand, type SimulatePrincipalPolicyCommandInput} from '@aws-sdk/client-iam'
import {mockClient} from 'aws-sdk-client-mock'
import {describe, expect, it} from 'vitest'

import type {SimRequest} from '../../src/checks/iam/simulate.js'
import {LiveIamAnswers} from '../../src/facts/sources/live-iam-simulate.js'
import {awsError, ctxOf, region} from '../aws/helpers.js'

const ACCOUNT = '123456789012'
const TASK = `arn:aws:iam::${ACCOUNT}:role/benchling-webhook-task-role`
const EXEC = `arn:aws:iam::${ACCOUNT}:role/service-role/benchling-webhook-exec-role`
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:benchling-webhook-AbC123`
const LOGS = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/benchling-webhook:log-stream:task-id`

// The fetched policies the local simulator falls back to: the task role may read the secret's
// value (only from its VPC) but not describe it; the execution role may write logs.
const readSecret = {document: {Statement: [{Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: SECRET}], Version: '2012-10-17'}, name: 'config'}
const logs = {document: {Statement: [{Action: 'logs:CreateLogStream', Effect: 'Allow', Resource: '*'}], Version: '2012-10-17'}, name: 'logs'}
const q = (principal: string, action: string, resource: string, identity = principal === TASK ? [readSecret] : [logs]): SimRequest => ({account: ACCOUNT, action, identity, principal, resource})

type Answer = (input: SimulatePrincipalPolicyCommandInput) => object

function setup(answer: Answer) {
  const iam = new IAMClient(region)
  const mock = mockClient(iam)
  mock.on(SimulatePrincipalPolicyCommand).callsFake(async (input: SimulatePrincipalPolicyCommandInput) => answer(input))
  const ctx = ctxOf({iam})
  return {answers: new LiveIamAnswers(ctx), calls: () => mock.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input), ctx}
}

/** AWS allows every action asked, naming one statement of a policy only IAM holds (an SCP-free account). */
const allowAll: Answer = (input) => ({
  EvaluationResults: (input.ActionNames ?? []).map((EvalActionName) => ({
    EvalActionName,
    EvalDecision: 'allowed',
    EvalResourceName: input.ResourceArns?.[0],
    MatchedStatements: [{EndPosition: {Column: 6, Line: 9}, SourcePolicyId: 'managed-by-platform', SourcePolicyType: 'user-managed', StartPosition: {Column: 5, Line: 3}}],
    MissingContextValues: [],
  })),
  IsTruncated: false,
})

const denied = () => {
  throw awsError('AccessDenied', `User: arn:aws:iam::${ACCOUNT}:user/ops is not authorized to perform: iam:SimulatePrincipalPolicy on resource: role benchling-webhook-task-role`)
}

describe('live IAM answers', () => {
  it('asks AWS, one call per role and resource with every action in it, and says AWS answered', async () => {
    const {answers, calls, ctx} = setup(allowAll)
    const outcomes = await Promise.all([q(TASK, 'secretsmanager:GetSecretValue', SECRET), q(TASK, 'secretsmanager:DescribeSecret', SECRET), q(EXEC, 'logs:CreateLogStream', LOGS)].map((r) => answers.ask(r)))
    // DescribeSecret is allowed by a policy the fetched ones lack: the answer is AWS's, not the local one
    expect(outcomes.map((o) => [o.decision, o.by])).toEqual([
      ['allowed', 'aws-simulate-principal-policy'],
      ['allowed', 'aws-simulate-principal-policy'],
      ['allowed', 'aws-simulate-principal-policy'],
    ])
    expect(outcomes[1]?.grantedBy).toEqual([{kind: 'identity', policy: 'managed-by-platform', statement: 'at line 3'}])
    expect(calls()).toEqual([
      {ActionNames: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], PolicySourceArn: TASK, ResourceArns: [SECRET]},
      {ActionNames: ['logs:CreateLogStream'], PolicySourceArn: EXEC, ResourceArns: [LOGS]},
    ])
    expect(ctx.counter.summary()).toEqual({byOperation: {'iam:SimulatePrincipalPolicy': 2}, total: 2})
    expect(answers.used()).toEqual({method: 'aws-simulate-principal-policy'})
    expect(answers.describe()).toBe('IAM: evaluated by AWS (iam:SimulatePrincipalPolicy)')
  })

  it('switches the run to local on the first denied call: one call, local answers, and the note names the permission', async () => {
    const {answers, ctx} = setup(denied)
    const first = await Promise.all([q(TASK, 'secretsmanager:GetSecretValue', SECRET), q(TASK, 'secretsmanager:DescribeSecret', SECRET), q(EXEC, 'logs:CreateLogStream', LOGS)].map((r) => answers.ask(r)))
    const later = await answers.ask(q(TASK, 'secretsmanager:GetSecretValue', SECRET))
    expect([...first, later].map((o) => [o.decision, o.by])).toEqual([
      ['allowed', undefined],
      ['implicitly-denied', undefined],
      ['allowed', undefined],
      ['allowed', undefined],
    ])
    expect(ctx.counter.summary()).toEqual({byOperation: {'iam:SimulatePrincipalPolicy': 1}, total: 1})
    const used = answers.used()
    expect(used.method).toBe('local (bwops evaluator)')
    expect(used.note).toMatch(/^AWS denied iam:SimulatePrincipalPolicy \(AccessDenied\), so bwops evaluated the fetched policies locally; .*grant iam:SimulatePrincipalPolicy on the task and execution roles/)
    expect(answers.describe()).toBe('IAM: fetched policies evaluated locally (iam:SimulatePrincipalPolicy denied)')
  })

  it('switches to local when AWS denies a later call (the permission granted on one role only), and says so', async () => {
    const {answers, ctx} = setup((input) => (input.PolicySourceArn === EXEC ? denied() : allowAll(input)))
    const [task, exec] = await Promise.all([answers.ask(q(TASK, 'secretsmanager:DescribeSecret', SECRET)), answers.ask(q(EXEC, 'logs:CreateLogStream', LOGS))])
    const after = await answers.ask(q(TASK, 'secretsmanager:GetSecretValue', SECRET))
    expect([task, exec, after].map((o) => o.by)).toEqual(['aws-simulate-principal-policy', undefined, undefined])
    expect(ctx.counter.total).toBe(2)
    expect(answers.used()).toEqual({
      method: 'aws-simulate-principal-policy',
      note: '2 questions evaluated locally: AWS denied iam:SimulatePrincipalPolicy (AccessDenied); to have AWS answer them all, grant iam:SimulatePrincipalPolicy on the task and execution roles to the identity bwops runs as',
    })
  })

  it.each([
    ['a server error (HTTP 500, as moto answers)', Object.assign(new Error('Internal Server Error'), {$fault: 'server', $metadata: {attempts: 5, httpStatusCode: 500}, name: 'Error'}), 'Error (HTTP 500)'],
    ['an operation the endpoint does not implement', awsError('NotImplemented', 'The SimulatePrincipalPolicy action has not been implemented'), 'NotImplemented (HTTP 400)'],
  ])('after %s, asks AWS no more in this run and says so once', async (_name, failure, said) => {
    const {answers, calls} = setup(() => {
      throw failure
    })
    const first = await Promise.all([answers.ask(q(TASK, 'secretsmanager:GetSecretValue', SECRET)), answers.ask(q(EXEC, 'logs:CreateLogStream', LOGS))])
    const later = await answers.ask(q(TASK, 'secretsmanager:DescribeSecret', SECRET))
    expect([...first, later].map((o) => [o.decision, o.by])).toEqual([['allowed', undefined], ['allowed', undefined], ['implicitly-denied', undefined]])
    expect(calls()).toHaveLength(1)
    expect(answers.used()).toEqual({method: 'local (bwops evaluator)', note: `3 questions evaluated locally: ${said} calling iam:SimulatePrincipalPolicy, so the rest of the run asks it no more`})
  })

  it('answers locally an implicit deny that waits on condition keys AWS was not given', async () => {
    const fromVpc = {document: {Statement: [{Action: 'secretsmanager:GetSecretValue', Condition: {StringEquals: {'aws:SourceVpc': 'vpc-1'}}, Effect: 'Allow', Resource: SECRET}], Version: '2012-10-17'}, name: 'config'}
    const {answers} = setup((input) => ({
      EvaluationResults: [{EvalActionName: input.ActionNames?.[0], EvalDecision: 'implicitDeny', ResourceSpecificResults: [{EvalResourceDecision: 'implicitDeny', EvalResourceName: SECRET, MatchedStatements: [], MissingContextValues: ['aws:SourceVpc']}]}],
    }))
    const outcome = await answers.ask(q(TASK, 'secretsmanager:GetSecretValue', SECRET, [fromVpc]))
    expect(outcome).toMatchObject({conditions: ['StringEquals aws:SourceVpc vpc-1'], decision: 'unknown'})
    expect(outcome.by).toBeUndefined()
    expect(answers.used()).toEqual({method: 'local (bwops evaluator)', note: '1 question evaluated locally: their answer depends on condition keys AWS was not given (aws:SourceVpc)'})
  })

  it.each([
    ['a role IAM does not know', awsError('NoSuchEntity', 'The role with name benchling-webhook-exec-role cannot be found.'), 'NoSuchEntity calling iam:SimulatePrincipalPolicy'],
    ['a throttled call', awsError('Throttling', 'Rate exceeded'), 'Throttling calling iam:SimulatePrincipalPolicy'],
  ])('answers locally the questions of %s, and still asks AWS the others', async (_name, error, why) => {
    const {answers, ctx} = setup((input) => {
      if (input.PolicySourceArn === EXEC) throw error
      return allowAll(input)
    })
    const [task, exec] = await Promise.all([answers.ask(q(TASK, 'secretsmanager:DescribeSecret', SECRET)), answers.ask(q(EXEC, 'logs:CreateLogStream', LOGS))])
    expect(task).toMatchObject({by: 'aws-simulate-principal-policy', decision: 'allowed'})
    expect(exec?.by).toBeUndefined()
    expect(exec?.decision).toBe('allowed')
    expect(answers.used()).toEqual({method: 'aws-simulate-principal-policy', note: `1 question evaluated locally: ${why}`})
    expect(ctx.counter.total).toBe(2)
  })
})
