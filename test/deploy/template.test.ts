import {describe, expect, it} from 'vitest'

import {builtinChecks} from '../../src/checks/index.js'
import {runChecks} from '../../src/checks/engine.js'
import {webhookTemplate} from '../../src/deploy/template/template.js'
import {Facts} from '../../src/facts/facts.js'
import {plannedSources} from '../../src/deploy/planned-facts.js'
import type {Mode, PolicyDocument} from '../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {ACCOUNT, CLIENT_SECRET_ARN, legacyParameters, QUILT_STACK_ARN, SECRET_ARN, secretsOnlyParameters} from './planned.js'

const template = webhookTemplate(profile)
const params: Record<Mode, Record<string, string>> = {legacy: legacyParameters, 'secrets-only': secretsOnlyParameters}

function factsFor(mode: Mode, overrides: Record<string, string> = {}): Facts {
  return new Facts(plannedSources({account: ACCOUNT, mode, parameters: {...params[mode], ...overrides}, region: 'us-east-1', template}, profile))
}

async function fact<K extends 'taskDefinition' | 'roles' | 'logGroup' | 'service' | 'targetGroup'>(mode: Mode, name: K, overrides: Record<string, string> = {}) {
  const result = await factsFor(mode, overrides).get(name)
  if (!result.ok) throw new Error(result.reason)
  return result.value
}

type Statement = {Sid?: string; Action: string | string[]; Resource: string | string[]}
const statements = (doc: PolicyDocument | undefined): Statement[] => (doc?.Statement as Statement[] | undefined) ?? []
async function policy(mode: Mode, kind: 'task' | 'execution', overrides: Record<string, string> = {}) {
  const roles = await fact(mode, 'roles', overrides)
  return statements(roles[kind]?.inlinePolicies[0]?.document)
}

describe('the webhook template', () => {
  it('has the resources of the stack', () => {
    const types = Object.fromEntries(Object.entries(template.Resources).map(([id, r]) => [id, r.Type]))
    expect(types).toEqual({
      Cluster: 'AWS::ECS::Cluster',
      ExecutionRole: 'AWS::IAM::Role',
      Listener: 'AWS::ElasticLoadBalancingV2::Listener',
      LoadBalancer: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      LoadBalancerSecurityGroup: 'AWS::EC2::SecurityGroup',
      LogGroup: 'AWS::Logs::LogGroup',
      Service: 'AWS::ECS::Service',
      ServiceSecurityGroup: 'AWS::EC2::SecurityGroup',
      TargetGroup: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      TaskDefinition: 'AWS::ECS::TaskDefinition',
      TaskRole: 'AWS::IAM::Role',
    })
    expect(template.Resources.LoadBalancer?.Properties?.Scheme).toBe('internet-facing')
  })

  it('keeps the log group through a rollback and a replacement', () => {
    expect(template.Resources.LogGroup).toMatchObject({DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain'})
  })

  it('takes the mode, the VPC and every value as parameters', () => {
    expect(template.Parameters.Mode?.AllowedValues).toEqual(['legacy', 'secrets-only'])
    expect(template.Parameters.Mode?.Default).toBeUndefined()
    expect(template.Parameters.VpcId?.Type).toBe('AWS::EC2::VPC::Id')
    expect(template.Parameters.SubnetIds?.Type).toBe('List<AWS::EC2::Subnet::Id>')
    for (const name of ['QuiltStackARN', 'BenchlingSecret', 'QuiltCatalog', 'BenchlingClientSecretArn', 'ImageUri']) expect(template.Parameters).toHaveProperty(name)
    // a credential never travels as a parameter value
    expect(Object.keys(template.Parameters).filter((n) => /ClientSecret$|Password|Token/i.test(n))).toEqual([])
  })

  it('decides the mode with conditions on the Mode parameter, at deploy time', () => {
    expect(template.Conditions.IsLegacy).toEqual({'Fn::Equals': [{Ref: 'Mode'}, 'legacy']})
    expect(template.Conditions.IsSecretsOnly).toEqual({'Fn::Equals': [{Ref: 'Mode'}, 'secrets-only']})
    expect(template.Rules.LegacyValues?.Assertions.map((a) => a.AssertDescription)).toContain('BenchlingClientSecretArn is required in legacy mode')
  })

  it('runs a Fargate service with the circuit breaker, rollback and a grace period', async () => {
    const service = await fact('legacy', 'service')
    expect(service.circuitBreaker).toEqual({enable: true, rollback: true})
    expect(service.healthCheckGracePeriodSeconds).toBeGreaterThanOrEqual(profile.health.minGracePeriodSeconds)
    const group = await fact('legacy', 'targetGroup')
    expect(group).toMatchObject({healthCheckPath: '/health', port: profile.names.port})
  })

  it.each<[Mode, string[], string[]]>([
    ['secrets-only', ['QuiltStackARN', 'BenchlingSecret'], ['QUILT_CATALOG', 'BENCHLING_TENANT', 'BENCHLING_CLIENT_SECRET']],
    ['legacy', ['QUILT_CATALOG', 'QUILT_DATABASE', 'QUILT_USER_BUCKET', 'QUEUE_ARN', 'BENCHLING_TENANT', 'BENCHLING_CLIENT_ID', 'BENCHLING_APP_DEFINITION_ID', 'PKG_PREFIX', 'PKG_KEY'], ['QuiltStackARN', 'BenchlingSecret']],
  ])('gives the %s container its own environment and no other', async (mode, present, absent) => {
    const td = await fact(mode, 'taskDefinition')
    const container = td.containers[0]
    expect(container?.name).toBe(profile.names.container)
    const names = [...(container?.environment ?? []), ...(container?.secrets ?? [])].map((e) => e.name)
    for (const name of present) expect(names).toContain(name)
    for (const name of absent) expect(names).not.toContain(name)
    expect(container?.portMappings[0]?.containerPort).toBe(profile.names.port)
    expect(container?.healthCheck?.command.join(' ')).toContain(`localhost:${profile.names.port}/health`)
    expect(container?.logConfiguration?.options['awslogs-stream-prefix']).toBe(profile.names.logStreamPrefix)
  })

  it('passes the legacy client secret only by reference, as a JSON key', async () => {
    const td = await fact('legacy', 'taskDefinition')
    expect(td.containers[0]?.secrets).toEqual([{name: 'BENCHLING_CLIENT_SECRET', valueFrom: `${CLIENT_SECRET_ARN}:client_secret::`}])
    expect(td.containers[0]?.environment.map((e) => e.name)).not.toContain('BENCHLING_CLIENT_SECRET')
    expect((await fact('secrets-only', 'taskDefinition')).containers[0]?.secrets).toEqual([])
  })

  it('grants the secrets-only task role the Quilt stack and the secret by ARN, and nothing of legacy', async () => {
    const task = await policy('secrets-only', 'task')
    expect(task.find((s) => s.Sid === 'ReadQuiltStack')?.Resource).toBe(QUILT_STACK_ARN)
    expect(task.find((s) => s.Sid === 'ReadBenchlingSecret')).toMatchObject({Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: SECRET_ARN})
    expect(task.find((s) => s.Sid === 'SendToPackager')?.Action).toEqual(['sqs:SendMessage', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'])
    const execution = await policy('secrets-only', 'execution')
    expect(execution.map((s) => s.Sid)).toEqual(['WriteLogs'])
  })

  it('grants the legacy execution role the client secret, and the task role nothing of secrets-only', async () => {
    const execution = await policy('legacy', 'execution')
    expect(execution.find((s) => s.Sid === 'InjectClientSecret')).toMatchObject({Action: ['secretsmanager:GetSecretValue'], Resource: CLIENT_SECRET_ARN})
    const task = await policy('legacy', 'task')
    expect(task.map((s) => s.Sid)).not.toContain('ReadQuiltStack')
    expect(task.map((s) => s.Sid)).not.toContain('ReadBenchlingSecret')
    expect(task.find((s) => s.Sid === 'SendToPackager')?.Action).toEqual(['sqs:SendMessage'])
  })

  it('lets the execution role pull from an ECR repository and decrypt a customer key only when given', async () => {
    const repo = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/quiltdata/benchling`
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`
    const execution = await policy('legacy', 'execution', {ImageRepositoryArn: repo, SecretKmsKeyArn: key})
    expect(execution.find((s) => s.Sid === 'PullImage')?.Resource).toBe(repo)
    expect(execution.find((s) => s.Sid === 'DecryptSecret')?.Resource).toBe(key)
    expect((await policy('secrets-only', 'task', {SecretKmsKeyArn: key})).find((s) => s.Sid === 'DecryptSecret')?.Resource).toBe(key)
    expect((await policy('secrets-only', 'execution', {SecretKmsKeyArn: key})).map((s) => s.Sid)).not.toContain('DecryptSecret')
  })

  it('reuses an existing log group instead of making one', async () => {
    const made = await fact('legacy', 'logGroup')
    expect(made).toMatchObject({deletionPolicy: 'Retain', name: profile.names.logGroup})
    const reused = await fact('legacy', 'logGroup', {CreateLogGroup: 'false'})
    expect(reused.name).toBe(profile.names.logGroup)
    expect(reused.presence).not.toBe('stack')
  })

  it('fits in a CloudFormation TemplateBody (51,200 bytes)', () => {
    expect(JSON.stringify(template).length).toBeLessThan(51_200)
  })

  it.each<Mode>(['legacy', 'secrets-only'])('passes the offline doctor in %s mode with no error finding', async (mode) => {
    const results = await runChecks(builtinChecks, factsFor(mode), profile)
    const errors = results.flatMap((r) => r.findings).filter((f) => f.severity === 'error')
    expect(errors.map((f) => `${f.check}: ${f.title}`)).toEqual([])
    expect(results.filter((r) => r.status === 'crashed').map((r) => `${r.id}: ${r.reason}`)).toEqual([])
    // the planned facts reach the checks that judge a template: they ran, not skipped
    expect(results.filter((r) => r.status !== 'skipped').map((r) => r.id)).toEqual(expect.arrayContaining(['env-complete', 'health-check', 'iam', 'log-group', 'plaintext-credentials']))
  })

  it('fails the offline doctor when a legacy value is missing (the check has teeth)', async () => {
    const results = await runChecks(builtinChecks, factsFor('legacy', {BenchlingTenant: ''}), profile)
    expect(results.flatMap((r) => r.findings).filter((f) => f.severity === 'error').map((f) => f.check)).toContain('env-complete')
  })
})
