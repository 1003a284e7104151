import {describe, expect, it} from 'vitest'
import check from '../../src/checks/iam.js'
import {evaluateIam, type EvaluationInput} from '../../src/checks/iam/evaluate.js'
import type {FindingInput} from '../../src/checks/types.js'
import type {RolesFact} from '../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import * as b from './iam/build.js'

const execution = b.role('execution', [], {managedPolicies: [b.EXECUTION_MANAGED]})
const legacyRoles: RolesFact = {execution, task: b.role('task', [b.LEGACY_TASK_POLICY])}
const secretsRoles: RolesFact = {execution, task: b.role('task', [b.SECRETS_ONLY_TASK_POLICY])}

async function run(over: Partial<EvaluationInput> & {env?: Record<string, string>}): Promise<FindingInput[]> {
  const mode = over.mode ?? 'legacy'
  const input: EvaluationInput = {
    deployment: {account: b.ACCOUNT, region: b.REGION},
    mode,
    profile,
    roles: mode === 'legacy' ? legacyRoles : secretsRoles,
    taskDefinition: b.taskDefinition(b.container(over.env ?? (mode === 'legacy' ? b.LEGACY_ENV : b.SECRETS_ONLY_ENV))),
    ...over,
  }
  const iamEvaluation = await evaluateIam(input)
  return check.run({iamEvaluation, mode: {inferred: true, value: mode, why: 'test'}, roles: input.roles} as never, profile)
}

interface Expected {
  severity: FindingInput['severity']
  impact: FindingInput['impact']
  title: RegExp
  fix?: RegExp
  detail?: RegExp
}

const upstreamGrant = b.allow(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], `arn:aws:secretsmanager:${b.REGION}:${b.ACCOUNT}:secret:${b.SECRET_ARN}*`, 'ReadSecret')
const withTask = (...statements: object[]): RolesFact => ({execution, task: b.role('task', [b.policy('webhook', ...statements)])})
// secrets-only with the database, queue and bucket in the environment too, so only the case's own finding shows
const soEnv = {...b.SECRETS_ONLY_ENV, QUEUE_ARN: b.QUEUE_ARN, QUILT_DATABASE: 'quilt_db', QUILT_USER_BUCKET: 'quilt-bucket'}
const fullSecretsOnlyStatements = (b.SECRETS_ONLY_TASK_POLICY.document?.Statement as object[]) ?? []

const cases: {name: string; input: Partial<EvaluationInput> & {env?: Record<string, string>}; expected: Expected[]}[] = [
  {expected: [], input: {}, name: 'legacy roles that allow everything'},
  {
    // upstream grants exactly these three Glue actions; the app never calls glue:GetTables
    expected: [],
    input: {roles: withTask(...(b.LEGACY_TASK_POLICY.document?.Statement as object[]).filter((st) => !JSON.stringify(st).includes('glue')), b.allow(['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'], `arn:aws:glue:${b.REGION}:${b.ACCOUNT}:*`))},
    name: 'legacy: upstream\'s Glue grant (no glue:GetTables) is enough',
  },
  {
    expected: [{fix: /"Action":"sqs:SendMessage","Effect":"Allow","Resource":"arn:aws:sqs:us-east-1:111122223333:quilt-prod-PackagerQueue"/, impact: 'runtime', severity: 'error', title: /task role BenchlingTaskRole cannot sqs:SendMessage on arn:aws:sqs:.*no policy of the role allows it/}],
    input: {roles: {execution, task: b.role('task', [b.policy('webhook', ...(b.LEGACY_TASK_POLICY.document?.Statement as object[]).filter((s) => !JSON.stringify(s).includes('sqs')))])}},
    name: 'legacy: a missing action',
  },
  {
    expected: [{fix: /aws iam put-role-policy --role-name BenchlingTaskRole .*"Resource":"arn:aws:s3:::quilt-bucket\/\*"/, impact: 'runtime', severity: 'error', title: /cannot s3:GetObject, s3:PutObject on arn:aws:s3:::quilt-bucket\/\*/}],
    input: {roles: withTask(...(b.LEGACY_TASK_POLICY.document?.Statement as object[]).filter((st) => !JSON.stringify(st).includes('s3:GetObject')), b.allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::other-bucket/*'))},
    name: 'legacy: objects granted on the wrong bucket',
  },
  {
    expected: [{fix: new RegExp(`"Resource":"arn:aws:glue:us-east-1:${b.ACCOUNT}:catalog"`), impact: 'runtime', severity: 'error', title: /task role BenchlingTaskRole cannot glue:GetDatabase, glue:GetTable, glue:GetPartitions on arn:aws:glue:us-east-1:111122223333:catalog/}],
    input: {roles: withTask(...(b.LEGACY_TASK_POLICY.document?.Statement as object[]).filter((st) => !JSON.stringify(st).includes('glue')), b.allow(b.GLUE_READ, [`arn:aws:glue:${b.REGION}:${b.ACCOUNT}:database/quilt_db`, `arn:aws:glue:${b.REGION}:${b.ACCOUNT}:table/quilt_db/*`]))},
    name: 'legacy: Glue granted on the database and tables but not the catalog',
  },
  {
    expected: [
      {detail: /at start-up/, fix: new RegExp(`"Resource":"${b.SECRET_ARN}"`), impact: 'start', severity: 'error', title: /task role BenchlingTaskRole cannot secretsmanager:GetSecretValue, secretsmanager:DescribeSecret on arn:aws:secretsmanager:.*benchling-webhook-AbC123/},
    ],
    input: {env: soEnv, mode: 'secrets-only', roles: withTask(...fullSecretsOnlyStatements.filter((s) => !JSON.stringify(s).includes('ReadSecret')), upstreamGrant)},
    name: 'secrets-only: upstream secret:<name>* built from the full ARN misses the secret',
  },
  {
    expected: [{fix: /Narrow the Deny in policy guardrail \(statement NoSecrets\)/, impact: 'start', severity: 'error', title: /explicit Deny in policy guardrail \(statement NoSecrets\) blocks it/}],
    input: {env: soEnv, mode: 'secrets-only', roles: {execution, task: b.role('task', [b.SECRETS_ONLY_TASK_POLICY, b.policy('guardrail', b.deny('secretsmanager:*', '*', 'NoSecrets'))])}},
    name: 'secrets-only: an explicit deny',
  },
  {
    expected: [{fix: /permissions boundary DataOnly does not: add .*cloudformation:DescribeStacks/, impact: 'start', severity: 'error', title: /cannot cloudformation:DescribeStacks on arn:aws:cloudformation:.*permissions boundary does not allow it/}],
    input: {env: soEnv, mode: 'secrets-only', roles: {execution, task: b.role('task', [b.SECRETS_ONLY_TASK_POLICY], {permissionsBoundary: b.policy('DataOnly', b.allow(['s3:*', 'athena:*', 'glue:*', 'sqs:*', 'secretsmanager:*'], '*'))})}},
    name: 'secrets-only: a boundary that blocks the stack read',
  },
  {
    expected: [{fix: /aws iam update-assume-role-policy --role-name BenchlingTaskRole .*ecs-tasks.amazonaws.com/, impact: 'start', severity: 'error', title: /ECS cannot assume the task role BenchlingTaskRole: its trust policy does not allow ecs-tasks.amazonaws.com/}],
    input: {roles: {execution, task: b.role('task', [b.LEGACY_TASK_POLICY], {trustPolicy: b.doc({Action: 'sts:AssumeRole', Effect: 'Allow', Principal: {Service: 'ec2.amazonaws.com'}})})}},
    name: 'a trust policy for another service',
  },
  {
    expected: [{detail: /ResourceInitializationError: unable to pull secrets or registry auth/, fix: new RegExp(`"Action":"secretsmanager:GetSecretValue","Effect":"Allow","Resource":"${b.SECRET_ARN}"`), impact: 'start', severity: 'error', title: /execution role BenchlingExecutionRole cannot secretsmanager:GetSecretValue on arn:aws:secretsmanager/}],
    input: {taskDefinition: b.taskDefinition(b.container(b.LEGACY_ENV, {secrets: [{name: 'BENCHLING_CLIENT_SECRET', valueFrom: `${b.SECRET_ARN}:client_secret::`}]}))},
    name: 'the execution role cannot read a referenced secret',
  },
  {
    expected: [{detail: /CannotPullContainerError/, impact: 'start', severity: 'error', title: /execution role BenchlingExecutionRole cannot ecr:BatchGetImage.*repository\/quiltdata\/benchling/}],
    input: {roles: {execution: b.role('execution', [b.policy('exec', b.allow(['ecr:GetAuthorizationToken', 'logs:*'], '*'))]), task: legacyRoles.task}},
    name: 'the execution role cannot pull from ECR',
  },
  {
    expected: [{fix: /set the task definition's taskRoleArn/, impact: 'runtime', severity: 'error', title: /no task role, and legacy mode needs one/}],
    input: {roles: {execution}, taskDefinition: b.taskDefinition(b.container(b.LEGACY_ENV), {taskRoleArn: undefined})},
    name: 'legacy without a task role: runtime',
  },
  {
    expected: [{impact: 'start', severity: 'error', title: /no task role, and secrets-only mode needs one/}],
    input: {mode: 'secrets-only', roles: {execution}, taskDefinition: b.taskDefinition(b.container(b.SECRETS_ONLY_ENV), {taskRoleArn: undefined})},
    name: 'secrets-only without a task role: start',
  },
  {
    expected: [{impact: 'runtime', severity: 'info', title: /task role arn:aws:iam::111122223333:role\/BenchlingTaskRole is named but its policies are not known/}],
    input: {roles: {execution}},
    name: 'a named task role the roles fact lacks',
  },
  {
    expected: [
      {impact: 'runtime', severity: 'info', title: /cannot tell whether the task role BenchlingTaskRole may glue:GetDatabase, glue:GetTable, glue:GetPartitions on arn:aws:glue:us-east-1:111122223333:database\/<database>/},
      {impact: 'runtime', severity: 'info', title: /s3:ListBucket on arn:aws:s3:::<bucket>/},
      {impact: 'runtime', severity: 'info', title: /s3:GetObject, s3:PutObject on arn:aws:s3:::<bucket>\/\*/},
      {impact: 'start', severity: 'info', title: /cannot tell whether the task role BenchlingTaskRole may sqs:SendMessage, sqs:GetQueueUrl, sqs:GetQueueAttributes on arn:aws:sqs:us-east-1:111122223333:<queue name>/},
    ],
    input: {mode: 'secrets-only'},
    name: 'secrets-only: database, queue and bucket known only from the stack outputs',
  },
  {
    expected: [{impact: 'start', severity: 'info', title: /cannot tell whether the task role BenchlingTaskRole may cloudformation:DescribeStacks on \{\{Ref:QuiltStackARN\}\}/}],
    input: {env: {...soEnv, QuiltStackARN: '{{Ref:QuiltStackARN}}'}, mode: 'secrets-only'},
    name: 'secrets-only: a deploy-time stack ARN against a concrete grant',
  },
  {
    expected: [{impact: 'start', severity: 'warning', title: /may be denied secretsmanager:GetSecretValue, secretsmanager:DescribeSecret on \{\{Ref:BenchlingSecret\}\}/}],
    input: {
      env: {...soEnv, BenchlingSecret: '{{Ref:BenchlingSecret}}'},
      mode: 'secrets-only',
      roles: withTask(...fullSecretsOnlyStatements.filter((s) => !JSON.stringify(s).includes('ReadSecret')), b.allow(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], `arn:aws:secretsmanager:${b.REGION}:${b.ACCOUNT}:secret:{{Ref:BenchlingSecret}}*`)),
    },
    name: 'secrets-only: a deploy-time secret granted as secret:<value>*',
  },
]

describe('iam check', () => {
  it.each(cases)('$name', async ({expected, input}) => {
    const findings = await run(input)
    expect(findings.map((f) => ({impact: f.impact, severity: f.severity, title: f.title}))).toEqual(expected.map((e) => ({impact: e.impact, severity: e.severity, title: expect.stringMatching(e.title)})))
    expected.forEach((e, i) => {
      if (e.fix) expect(findings[i]?.fix).toMatch(e.fix)
      if (e.detail) expect(findings[i]?.detail).toMatch(e.detail)
    })
  })

  it('never shows the value of a secret, only its ARN', async () => {
    const findings = await run({taskDefinition: b.taskDefinition(b.container(b.LEGACY_ENV, {secrets: [{name: 'BENCHLING_CLIENT_SECRET', valueFrom: `${b.SECRET_ARN}:client_secret::`}]}))})
    expect(JSON.stringify(findings)).not.toContain(':client_secret::')
  })
})
