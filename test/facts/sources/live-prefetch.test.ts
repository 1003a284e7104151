import {DescribeStackResourcesCommand, DescribeStacksCommand, GetTemplateCommand, type StackResource} from '@aws-sdk/client-cloudformation'
import {GetLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'
import {DescribeServicesCommand} from '@aws-sdk/client-ecs'
import {GetSecretValueCommand} from '@aws-sdk/client-secrets-manager'
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts'
import {describe, expect, it} from 'vitest'

import {Facts} from '../../../src/facts/facts.js'
import {type StackParts, taskDefinitionRoleNames} from '../../../src/facts/sources/live-prefetch.js'
import type {FactName} from '../../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../../src/profile/benchling-webhook.js'
import {LIVE_FACTS} from '../../../src/services/bundle.js'
import {doctorSources} from '../../../src/services/doctor.js'
import {liveDoctorSources} from '../../../src/services/live-doctor.js'
import {type AccountOptions, mockAccount} from '../../fixtures/aws/account.js'
import {caller, stackResources, templateBody} from '../../fixtures/aws/data.js'

// The live doctor's speculative reads (src/facts/sources/live-prefetch.ts), on the mocked account
// (a v0.7.9 -> v0.7.10 secrets-only deployment whose failed update was rolled back to revision 1).

const settle = async () => {
  for (let i = 0; i < 30; i++) await new Promise((resolve) => setImmediate(resolve))
}

async function live(options: AccountOptions = {}, setup?: (account: ReturnType<typeof mockAccount>) => void, wanted?: ReadonlySet<FactName>) {
  const account = mockAccount({pageSize: 100, ...options})
  setup?.(account)
  const sources = await liveDoctorSources({region: 'us-east-1'}, profile, {clients: account.clients, ...(wanted ? {wanted} : {})})
  const facts = new Facts(await doctorSources({extraSources: sources.sources}, profile))
  return {calls: () => sources.calls.summary().byOperation, facts}
}

const parts = (template: unknown, parameters: Record<string, string> = {}): StackParts => ({
  parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ParameterKey, ParameterValue})),
  resources: [
    {LogicalResourceId: 'TaskRole1A2B', PhysicalResourceId: 'stack-TaskRole1A2B-XYZ', ResourceStatus: 'CREATE_COMPLETE', ResourceType: 'AWS::IAM::Role', Timestamp: new Date(0)},
    {LogicalResourceId: 'ExecRole3C4D', PhysicalResourceId: 'stack-ExecRole3C4D-XYZ', ResourceStatus: 'CREATE_COMPLETE', ResourceType: 'AWS::IAM::Role', Timestamp: new Date(0)},
  ],
  template: typeof template === 'string' ? template : JSON.stringify(template),
})
const td = (properties: object) => ({Resources: {TD: {Properties: properties, Type: 'AWS::ECS::TaskDefinition'}}})

describe('the roles a stack\'s template gives its task definition', () => {
  it.each([
    ['Fn::GetAtt as a list', td({ExecutionRoleArn: {'Fn::GetAtt': ['ExecRole3C4D', 'Arn']}, TaskRoleArn: {'Fn::GetAtt': ['TaskRole1A2B', 'Arn']}}), {}, ['stack-TaskRole1A2B-XYZ', 'stack-ExecRole3C4D-XYZ']],
    ['Fn::GetAtt as a string', td({TaskRoleArn: {'Fn::GetAtt': 'TaskRole1A2B.Arn'}}), {}, ['stack-TaskRole1A2B-XYZ']],
    ['Ref to a role of the stack (its name)', td({TaskRoleArn: {Ref: 'TaskRole1A2B'}}), {}, ['stack-TaskRole1A2B-XYZ']],
    ['a parameter holding a role ARN with a path', td({ExecutionRoleArn: {Ref: 'ExecRoleArn'}}), {ExecRoleArn: 'arn:aws:iam::123456789012:role/service-role/shared-exec'}, ['shared-exec']],
    ['a literal ARN', td({TaskRoleArn: 'arn:aws-us-gov:iam::123456789012:role/app-task'}), {}, ['app-task']],
    ['a role the stack does not hold', td({TaskRoleArn: {'Fn::GetAtt': ['Elsewhere', 'Arn']}}), {}, []],
    ['no task definition', {Resources: {Q: {Type: 'AWS::SQS::Queue'}}}, {}, []],
    ['a YAML template (not read)', 'Resources:\n  TD:\n    Type: AWS::ECS::TaskDefinition\n', {}, []],
  ])('%s', (_, template, parameters, names) => {
    expect(taskDefinitionRoleNames(parts(template, parameters))).toEqual(names)
  })
})

describe('reads begun from the stack while the service is looked up', () => {
  it('has the roles, the tasks, the stack\'s events, the secret and the Quilt stack read before any fact is asked', async () => {
    const {calls, facts} = await live()
    await settle()
    const early = calls()
    expect(early).toMatchObject({
      'cloudformation:DescribeStackEvents': 2, // back to the start of the last operation
      'cloudformation:DescribeStacks': 2, // the webhook stack, and the Quilt stack its task definition names
      'cloudformation:GetTemplate': 1,
      'ecs:DescribeTaskDefinition': 2, // the stack's revision 1, and the failed deployment's 2 once the service answered
      'ecs:DescribeTasks': 1,
      'ecs:ListTasks': 2,
      'iam:GetPolicyVersion': 1,
      'iam:GetRole': 2,
      'iam:ListAttachedRolePolicies': 2,
      'iam:ListRolePolicies': 2,
      'secretsmanager:DescribeSecret': 1,
      'secretsmanager:GetSecretValue': 1,
    })
    // the facts then find those reads done: each call still made once
    await Promise.all(LIVE_FACTS.map((name) => facts.get(name)))
    await facts.get('iamEvaluation')
    const after = calls()
    for (const op of ['iam:GetRole', 'iam:ListRolePolicies', 'iam:GetRolePolicy', 'iam:GetPolicyVersion', 'ecs:ListTasks', 'secretsmanager:GetSecretValue', 'cloudformation:DescribeStackEvents', 'cloudformation:DescribeStacks']) {
      expect(after[op], op).toBe(early[op])
    }

    expect(after['ecs:DescribeTaskDefinition']).toBe(2)
    expect(after['ecs:DescribeTasks']).toBe(1)
    const roles = await facts.get('roles')
    expect(roles.ok && roles.value.task?.inlinePolicies.map((p) => p.name)).toEqual(['athena', 'config'])
  })

  it('a wrong guess costs calls, never the facts: the roles are the task definition\'s', async () => {
    const other = JSON.stringify({Resources: {TD: {Properties: {TaskRoleArn: 'arn:aws:iam::123456789012:role/someone-else-role'}, Type: 'AWS::ECS::TaskDefinition'}}})
    const {calls, facts} = await live({}, ({mocks}) => mocks.cfn.on(GetTemplateCommand).resolves({TemplateBody: other}))
    const roles = await facts.get('roles')
    expect(roles.ok && [roles.value.task?.name, roles.value.execution?.name]).toEqual(['benchling-webhook-task-role', 'benchling-webhook-exec-role'])
    expect(calls()['iam:GetRole']).toBe(3)
  })

  it.each(['cloudformation:GetTemplate', 'cloudformation:DescribeStackResources'])('%s denied: no guess from it, the same facts, no failure said', async (denied) => {
    const {facts} = await live({deny: [denied]})
    const [roles, tasks, evaluation] = await Promise.all([facts.get('roles'), facts.get('tasks'), facts.get('iamEvaluation')])
    expect(roles.ok && roles.value.task?.name).toBe('benchling-webhook-task-role')
    expect(tasks.ok && tasks.value.stopped.length).toBe(3)
    expect(evaluation.ok).toBe(true)
  })

  it('begins only what the selected checks need: the stack\'s events alone make no task, IAM or secret call', async () => {
    const {calls, facts} = await live({}, undefined, new Set<FactName>(['stack']))
    await facts.get('stack')
    await settle()
    const ops = Object.keys(calls())
    expect(ops.filter((op) => /^(iam|secretsmanager|logs):|ListTasks|GetTemplate/.test(op))).toEqual([])
  })
})

/** A promise the test releases: a call held until then shows what did not wait for it. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return {open, opened}
}

describe('nothing on the way to the service waits for a read it does not need', () => {
  it('asks for the service while the caller and the stack\'s resources and template are still unanswered', async () => {
    const held = gate()
    const account = mockAccount({pageSize: 100})
    const asked: string[] = []
    account.mocks.sts.on(GetCallerIdentityCommand).callsFake(async () => (await held.opened, caller))
    account.mocks.cfn.on(GetTemplateCommand).callsFake(async () => (await held.opened, {TemplateBody: templateBody}))
    account.mocks.cfn.on(DescribeStackResourcesCommand).callsFake(async () => (await held.opened, {StackResources: stackResources}))
    account.mocks.ecs.on(DescribeServicesCommand).callsFake(() => (asked.push('ecs:DescribeServices'), account.world.describeServices()))
    const sources = liveDoctorSources({region: 'us-east-1'}, profile, {clients: account.clients})
    await settle()
    expect(asked).toEqual(['ecs:DescribeServices'])
    held.open()
    const {target} = await sources
    expect(target.seen.caller?.account).toBe('123456789012')
  })

  it('reads the log streams while the secret that masks them is still unanswered, and keeps no line unmasked', async () => {
    const held = gate()
    const plant = 'PLANTED-S3cr3t-value'
    // more stopped tasks than the logs fact reads: no log read is begun from the stack, the fact's own go out
    const account = mockAccount({pageSize: 100, plant, stoppedTasks: 12})
    const world = account.world
    let streamsRead = 0
    account.mocks.logs.on(GetLogEventsCommand).callsFake((input) => (streamsRead++, world.getLogEvents(input)))
    account.mocks.secrets.on(GetSecretValueCommand).callsFake(async () => (await held.opened, world.getSecretValue()))
    const sources = await liveDoctorSources({region: 'us-east-1'}, profile, {clients: account.clients})
    const facts = new Facts(await doctorSources({extraSources: sources.sources}, profile))
    const logs = facts.get('containerLogs')
    await settle()
    expect(streamsRead).toBeGreaterThan(0)
    held.open()
    const result = await logs
    const lines = result.ok ? result.value.streams.flatMap((s) => s.lines.map((l) => l.message)) : []
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.join('\n')).not.toContain(plant)
  })
})

describe('the service found by whichever of the stack\'s outputs and resources answers first', () => {
  it('asks for the service from the resources while DescribeStacks is still unanswered', async () => {
    const held = gate()
    const account = mockAccount({pageSize: 100})
    const asked: string[] = []
    account.mocks.cfn.on(DescribeStacksCommand).callsFake(async (input) => (await held.opened, account.world.describeStacks(input)))
    account.mocks.ecs.on(DescribeServicesCommand).callsFake(() => (asked.push('ecs:DescribeServices'), account.world.describeServices()))
    const sources = liveDoctorSources({region: 'us-east-1'}, profile, {clients: account.clients})
    await settle()
    expect(asked).toEqual(['ecs:DescribeServices'])
    held.open()
    const {target} = await sources
    expect(target).toMatchObject({service: 'benchling-webhook-service', stackName: 'BenchlingWebhookStack'})
    expect(asked).toHaveLength(1)
  })

  it('when the outputs name another service than the resources, the outputs\' is the one judged', async () => {
    const held = gate()
    const account = mockAccount({pageSize: 100})
    const services: string[] = []
    const moved = stackResources.map((r) => (r.ResourceType === 'AWS::ECS::Service' ? {...r, PhysicalResourceId: 'arn:aws:ecs:us-east-1:123456789012:service/benchling-webhook-cluster/old-service'} : r))
    account.mocks.cfn.on(DescribeStackResourcesCommand).resolves({StackResources: moved as StackResource[]})
    account.mocks.cfn.on(DescribeStacksCommand).callsFake(async (input) => (await held.opened, account.world.describeStacks(input)))
    account.mocks.ecs.on(DescribeServicesCommand).callsFake((input) => (services.push(input.services?.[0] ?? ''), account.world.describeServices()))
    const sources = liveDoctorSources({region: 'us-east-1'}, profile, {clients: account.clients})
    await settle()
    held.open()
    const {target} = await sources
    expect(services.map((s) => s.split('/').pop())).toEqual(['old-service', 'benchling-webhook-service'])
    expect(target.service).toBe('benchling-webhook-service')
  })
})

describe('log streams read ahead from the task lists', () => {
  it('tails the listed stopped tasks\' streams before DescribeTasks says which are newest, and the logs fact then makes no call of its own', async () => {
    const {calls, facts} = await live({stoppedTasks: 12})
    await settle()
    // 12 stopped tasks listed, at most twice the 10 the fact reads: all 12 streams read ahead
    expect(calls()['logs:GetLogEvents']).toBe(12)
    const logs = await facts.get('containerLogs')
    expect(logs.ok && logs.value.streams).toHaveLength(10)
    expect(calls()['logs:GetLogEvents']).toBe(12)
  })

  it('reads none ahead when more than twice as many stopped tasks are listed: the fact reads its 10', async () => {
    const {calls, facts} = await live({stoppedTasks: 25})
    await settle()
    expect(calls()['logs:GetLogEvents']).toBeUndefined()
    await facts.get('containerLogs')
    expect(calls()['logs:GetLogEvents']).toBe(10)
  })
})
