import {describe, expect, it} from 'vitest'
import {evaluateIam, type EvaluationInput} from '../../../src/checks/iam/evaluate.js'
import type {IamEvaluation, NeedVerdict} from '../../../src/checks/iam/types.js'
import type {RolesFact} from '../../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../../src/profile/benchling-webhook.js'
import type {ResourceRef} from '../../../src/profile/types.js'
import * as b from './build.js'

const deployment = {account: b.ACCOUNT, region: b.REGION}
const execution = b.role('execution', [], {managedPolicies: [b.EXECUTION_MANAGED]})

function input(over: Partial<EvaluationInput> & {env?: Record<string, string>} = {}): EvaluationInput {
  const mode = over.mode ?? 'secrets-only'
  const env = over.env ?? (mode === 'legacy' ? b.LEGACY_ENV : b.SECRETS_ONLY_ENV)
  return {
    deployment,
    mode,
    profile,
    roles: {execution, task: b.role('task', [mode === 'legacy' ? b.LEGACY_TASK_POLICY : b.SECRETS_ONLY_TASK_POLICY])},
    taskDefinition: b.taskDefinition(b.container(env)),
    ...over,
  }
}

const need = (ev: IamEvaluation, role: 'task' | 'execution', ref: ResourceRef): NeedVerdict[] => ev.needs.filter((n) => n.role === role && n.ref === ref)
const one = (ev: IamEvaluation, role: 'task' | 'execution', ref: ResourceRef): NeedVerdict => {
  const found = need(ev, role, ref)
  expect(found).toHaveLength(1)
  return found[0] as NeedVerdict
}

const taskWith = (...statements: object[]): RolesFact => ({execution, task: b.role('task', [b.policy('webhook', ...statements)])})

describe('evaluateIam', () => {
  it('allows everything a complete secrets-only setup needs, and names the granting statement', async () => {
    const ev = await evaluateIam(input())
    for (const ref of ['quilt-stack', 'benchling-secret', 'athena-workgroup'] as const) expect(one(ev, 'task', ref).decision).toBe('allowed')
    for (const ref of ['*', 'image-repository', 'log-group'] as const) expect(one(ev, 'execution', ref).decision).toBe('allowed')
    expect(one(ev, 'task', 'quilt-stack').actions[0]?.grantedBy).toEqual([{kind: 'identity', policy: 'webhook', statement: 'ReadQuiltStack'}])
    expect(one(ev, 'execution', 'log-group').actions[0]?.grantedBy?.[0]?.policy).toBe('AmazonECSTaskExecutionRolePolicy')
    expect(ev.trust.map((t) => t.decision)).toEqual(['allowed', 'allowed'])
  })

  it('filters needs by mode: legacy has no stack or secret need, and judges bucket, objects and queue', async () => {
    const ev = await evaluateIam(input({mode: 'legacy'}))
    expect(need(ev, 'task', 'quilt-stack')).toHaveLength(0)
    expect(need(ev, 'task', 'benchling-secret')).toHaveLength(0)
    expect(one(ev, 'task', 'bucket')).toMatchObject({decision: 'allowed', resource: 'arn:aws:s3:::quilt-bucket'})
    expect(one(ev, 'task', 'bucket-objects')).toMatchObject({decision: 'allowed', resource: 'arn:aws:s3:::quilt-bucket/*'})
    expect(one(ev, 'task', 'queue')).toMatchObject({decision: 'allowed', resource: b.QUEUE_ARN})
  })

  it('in secrets-only mode the queue and bucket are known only from the stack outputs: unknown', async () => {
    const ev = await evaluateIam(input())
    const queue = need(ev, 'task', 'queue')
    expect(queue.map((q) => q.decision)).toEqual(['unknown', 'unknown'])
    expect(queue[0]?.reason).toContain('QuiltStackARN')
    expect(queue[0]?.resource).toBe(`arn:aws:sqs:${b.REGION}:${b.ACCOUNT}:<queue name>`)
    expect(one(ev, 'task', 'bucket').decision).toBe('unknown')
  })

  it.each([
    ['a missing action', [b.allow('secretsmanager:GetSecretValue', b.SECRET_ARN)], b.SECRET_ARN, {DescribeSecret: 'implicitly-denied', GetSecretValue: 'allowed'}],
    ['upstream secret:<name>* built from a secret ARN', [b.allow(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], `arn:aws:secretsmanager:${b.REGION}:${b.ACCOUNT}:secret:${b.SECRET_ARN}*`)], b.SECRET_ARN, {DescribeSecret: 'implicitly-denied', GetSecretValue: 'implicitly-denied'}],
    ['secret:<name>* with the secret given by ARN', [b.allow('secretsmanager:*', `arn:aws:secretsmanager:${b.REGION}:${b.ACCOUNT}:secret:benchling-webhook*`)], b.SECRET_ARN, {DescribeSecret: 'allowed', GetSecretValue: 'allowed'}],
    ['secret:<name>* with the secret given by name', [b.allow('secretsmanager:*', `arn:aws:secretsmanager:${b.REGION}:${b.ACCOUNT}:secret:benchling-webhook*`)], 'benchling-webhook', {DescribeSecret: 'allowed', GetSecretValue: 'allowed'}],
    ['secret:<name> without the suffix wildcard', [b.allow('secretsmanager:*', `arn:aws:secretsmanager:${b.REGION}:${b.ACCOUNT}:secret:benchling-webhook`)], 'benchling-webhook', {DescribeSecret: 'implicitly-denied', GetSecretValue: 'implicitly-denied'}],
  ])('judges the Benchling secret: %s', async (_name, statements, secretId, expected) => {
    const ev = await evaluateIam(input({env: {...b.SECRETS_ONLY_ENV, BenchlingSecret: secretId}, roles: taskWith(...statements)}))
    const verdict = one(ev, 'task', 'benchling-secret')
    expect(Object.fromEntries(verdict.actions.map((a) => [a.action.split(':')[1], a.decision]))).toEqual(expected)
  })

  it('says which statement allowed the action elsewhere when the resource is wrong', async () => {
    const ev = await evaluateIam(input({roles: taskWith(b.allow('secretsmanager:*', `arn:aws:secretsmanager:${b.REGION}:${b.ACCOUNT}:secret:${b.SECRET_ARN}*`, 'UpstreamGrant'))}))
    expect(one(ev, 'task', 'benchling-secret').actions[0]?.reason).toContain('webhook (statement UpstreamGrant) allows it only on')
  })

  it('an explicit Deny wins, and names its policy and statement', async () => {
    const roles = {execution, task: b.role('task', [b.SECRETS_ONLY_TASK_POLICY, b.policy('guardrail', b.deny('secretsmanager:*', '*', 'NoSecrets'))])}
    const verdict = one(await evaluateIam(input({roles})), 'task', 'benchling-secret')
    expect(verdict.decision).toBe('explicitly-denied')
    expect(verdict.actions[0]?.deniedBy).toEqual([{kind: 'identity', policy: 'guardrail', statement: 'NoSecrets'}])
  })

  it('a permissions boundary that does not allow the action blocks it', async () => {
    const roles = {execution, task: b.role('task', [b.SECRETS_ONLY_TASK_POLICY], {permissionsBoundary: b.policy('DataOnly', b.allow(['s3:*', 'athena:*'], '*'))})}
    const ev = await evaluateIam(input({roles}))
    expect(one(ev, 'task', 'athena-workgroup').decision).toBe('allowed')
    const stack = one(ev, 'task', 'quilt-stack')
    expect(stack.decision).toBe('implicitly-denied')
    expect(stack.actions[0]?.deniedBy).toEqual([{kind: 'permissions-boundary', policy: 'DataOnly'}])
  })

  it.each([
    ['another service', b.doc({Action: 'sts:AssumeRole', Effect: 'Allow', Principal: {Service: 'ec2.amazonaws.com'}}), 'implicitly-denied'],
    ['an explicit deny', b.doc({Action: 'sts:AssumeRole', Effect: 'Allow', Principal: {Service: 'ecs-tasks.amazonaws.com'}}, {Action: 'sts:AssumeRole', Effect: 'Deny', Principal: '*'}), 'explicitly-denied'],
    ['a list of services', b.doc({Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: {Service: ['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com']}}), 'allowed'],
    ['a source-account condition', b.doc({Action: 'sts:AssumeRole', Condition: {StringEquals: {'aws:SourceAccount': b.ACCOUNT}}, Effect: 'Allow', Principal: {Service: 'ecs-tasks.amazonaws.com'}}), 'allowed'],
    ['a malformed statement', b.doc({Action: 'sts:AssumeRole', Effect: 'Alow', Principal: {Service: 'ecs-tasks.amazonaws.com'}}), 'invalid'],
  ])('judges a trust policy with %s', async (_name, trustPolicy, decision) => {
    const roles = {execution, task: b.role('task', [b.SECRETS_ONLY_TASK_POLICY], {trustPolicy})}
    const trust = (await evaluateIam(input({roles}))).trust.find((t) => t.role === 'task')
    expect(trust?.decision).toBe(decision)
  })

  it.each([
    ['the same parameter in policy and need', '{{Ref:QuiltStackARN}}', b.allow('cloudformation:DescribeStacks', '{{Ref:QuiltStackARN}}'), 'allowed'],
    ['a deploy-time need against a concrete policy resource', '{{Ref:QuiltStackARN}}', b.allow('cloudformation:DescribeStacks', b.STACK_ARN), 'unknown'],
    ['a deploy-time need against *', '{{Ref:QuiltStackARN}}', b.allow('cloudformation:DescribeStacks', '*'), 'allowed'],
    ['a deploy-time need no statement grants', '{{Ref:QuiltStackARN}}', b.allow('s3:GetObject', '*'), 'implicitly-denied'],
    ['a concrete need against another parameter', b.STACK_ARN, b.allow('cloudformation:DescribeStacks', '{{Ref:OtherStack}}'), 'unknown'],
    ['a different parameter in policy and need', '{{Ref:QuiltStackARN}}', b.allow('cloudformation:DescribeStacks', '{{Ref:OtherStack}}'), 'unknown'],
  ])('deploy-time values: %s', async (_name, stack, statement, decision) => {
    const ev = await evaluateIam(input({env: {...b.SECRETS_ONLY_ENV, QuiltStackARN: stack}, roles: taskWith(statement)}))
    expect(one(ev, 'task', 'quilt-stack').decision).toBe(decision)
  })

  it('a deploy-time secret granted as secret:<value>*: allowed for a name, denied for an ARN, so unknown with both readings', async () => {
    const grant = b.allow('secretsmanager:*', 'arn:aws:secretsmanager:{{Ref:AWS::Region}}:{{Ref:AWS::AccountId}}:secret:{{Ref:BenchlingSecret}}*')
    const ev = await evaluateIam(input({env: {...b.SECRETS_ONLY_ENV, BenchlingSecret: '{{Ref:BenchlingSecret}}'}, roles: taskWith(grant)}))
    const action = one(ev, 'task', 'benchling-secret').actions[0]
    expect(action?.decision).toBe('unknown')
    expect(action?.readings).toEqual([
      {assumption: 'BenchlingSecret is a secret name', decision: 'allowed'},
      {assumption: 'BenchlingSecret is a secret ARN', decision: 'implicitly-denied'},
    ])
  })

  it('athena in an unknown region and account: a concrete grant is unknown, a wildcard one allowed', async () => {
    const concrete = await evaluateIam(input({deployment: {}, roles: taskWith(b.allow('athena:*', `arn:aws:athena:${b.REGION}:${b.ACCOUNT}:workgroup/primary`))}))
    expect(one(concrete, 'task', 'athena-workgroup').decision).toBe('unknown')
    const wildcard = await evaluateIam(input({deployment: {}, roles: taskWith(b.allow('athena:*', 'arn:aws:athena:*:*:workgroup/primary'))}))
    expect(one(wildcard, 'task', 'athena-workgroup').decision).toBe('allowed')
  })

  it('no task role: every task need is no-role; a named role the roles fact lacks is skipped', async () => {
    const none = await evaluateIam(input({roles: {execution}, taskDefinition: b.taskDefinition(b.container(b.SECRETS_ONLY_ENV), {taskRoleArn: undefined})}))
    expect(new Set(none.needs.filter((n) => n.role === 'task').map((n) => n.decision))).toEqual(new Set(['no-role']))
    const named = await evaluateIam(input({roles: {execution}}))
    const task = named.needs.filter((n) => n.role === 'task')
    expect(new Set(task.map((n) => n.decision))).toEqual(new Set(['skipped']))
    expect(task[0]?.reason).toContain('BenchlingTaskRole')
  })

  it('a managed policy whose text is not known makes an implicit deny unknown', async () => {
    const roles = {execution, task: b.role('task', [], {managedPolicies: [{arn: `arn:aws:iam::${b.ACCOUNT}:policy/QuiltAccess`, name: 'QuiltAccess'}]})}
    const verdict = one(await evaluateIam(input({roles})), 'task', 'quilt-stack')
    expect(verdict.decision).toBe('unknown')
    expect(verdict.actions[0]?.reason).toContain('QuiltAccess')
  })

  it('execution role: reads every referenced secret on its ARN without the json-key suffix, and SSM parameters with ssm:GetParameters', async () => {
    const c = b.container(b.LEGACY_ENV, {secrets: [
      {name: 'BENCHLING_CLIENT_SECRET', valueFrom: `${b.SECRET_ARN}:client_secret::`},
      {name: 'BENCHLING_TENANT', valueFrom: '/benchling/tenant'},
    ]})
    const roles = {execution: b.role('execution', [b.policy('secrets', b.allow('secretsmanager:GetSecretValue', b.SECRET_ARN))], {managedPolicies: [b.EXECUTION_MANAGED]}), task: b.role('task', [b.LEGACY_TASK_POLICY])}
    const ev = await evaluateIam(input({mode: 'legacy', roles, taskDefinition: b.taskDefinition(c)}))
    const secrets = need(ev, 'execution', 'referenced-secrets')
    expect(secrets.map((s) => [s.resource, s.actions.map((a) => a.action), s.decision])).toEqual([
      [b.SECRET_ARN, ['secretsmanager:GetSecretValue'], 'allowed'],
      [`arn:aws:ssm:${b.REGION}:${b.ACCOUNT}:parameter/benchling/tenant`, ['ssm:GetParameters'], 'implicitly-denied'],
    ])
  })

  it.each([
    ['public.ecr.aws/quiltdata/benchling:0.5.3', 0],
    ['quiltdata/benchling:latest', 0],
    [b.IMAGE, 1],
  ])('the image %s needs %i ECR repository permission', async (image, count) => {
    const ev = await evaluateIam(input({taskDefinition: b.taskDefinition(b.container(b.SECRETS_ONLY_ENV, {image}))}))
    expect(need(ev, 'execution', 'image-repository')).toHaveLength(count)
    expect(need(ev, 'execution', '*')).toHaveLength(count)
  })

  it('an image in another account needs that repository\'s policy too: unknown', async () => {
    const image = '712023778557.dkr.ecr.us-east-1.amazonaws.com/quiltdata/benchling:0.5.3'
    const ev = await evaluateIam(input({taskDefinition: b.taskDefinition(b.container(b.SECRETS_ONLY_ENV, {image}))}))
    const repo = one(ev, 'execution', 'image-repository')
    expect(repo.resource).toBe('arn:aws:ecr:us-east-1:712023778557:repository/quiltdata/benchling')
    expect(repo.decision).toBe('unknown')
    expect(repo.actions[0]?.reason).toContain('712023778557')
  })

  it('a malformed policy is reported as invalid, naming the policy', async () => {
    const roles = {execution, task: b.role('task', [{document: b.doc({Action: '*', Effect: 'Alow', Resource: '*'}), name: 'broken'}])}
    const verdict = one(await evaluateIam(input({roles})), 'task', 'quilt-stack')
    expect(verdict.decision).toBe('invalid')
    expect(verdict.actions[0]?.reason).toContain('policy broken')
  })

  it('names a role the template creates by its logical id, and still judges it', async () => {
    const task = b.role('task', [b.SECRETS_ONLY_TASK_POLICY], {arn: '{{GetAtt:TaskRole.Arn}}', name: '{{Ref:TaskRole}}'})
    const verdict = one(await evaluateIam(input({roles: {execution, task}})), 'task', 'quilt-stack')
    expect(verdict).toMatchObject({decision: 'allowed', roleLabel: 'TaskRole (created by the template)'})
  })
})
