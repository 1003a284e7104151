import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'

import {UserError} from '../../../src/errors.js'
import {Facts} from '../../../src/facts/facts.js'
import {templateFactSource, templateFileSource} from '../../../src/facts/sources/template.js'
import {factOf, profile, taskDefinition, valueOf} from './helpers.js'

const LEGACY = 'test/fixtures/templates/cdk-legacy.template.json'
const SECRETS_ONLY = 'test/fixtures/templates/secrets-only.yaml'

async function fileFacts(file: string, parameters?: Record<string, string>): Promise<Facts> {
  return new Facts([await templateFileSource(file, profile, {parameters})])
}

describe('the CDK legacy template', () => {
  test('task definition: environment resolved, deploy-time values as tokens, secrets from JSON keys', async () => {
    const td = await (await fileFacts(LEGACY)).get('taskDefinition')
    if (!td.ok) throw new Error(td.reason)
    expect(td.source).toBe(`template ${LEGACY}: task definition BenchlingTaskDef4C2A9F01`)
    expect(td.value.family).toBe('benchling-webhook-task')
    const c = td.value.containers[0]!
    expect(c.name).toBe('BenchlingWebhookContainer')
    expect(c.image).toBe('712023778557.dkr.ecr.us-east-1.amazonaws.com/quiltdata/benchling:0.5.4')
    const env = Object.fromEntries(c.environment.map((e) => [e.name, e.value]))
    expect(env).toMatchObject({AWS_REGION: '{{Ref:AWS::Region}}', QUEUE_ARN: '{{Ref:QueueArn}}', QUILT_CATALOG: 'nightly.quilttest.com', LOG_LEVEL: 'INFO'})
    expect(c.secrets).toEqual([
      {name: 'BENCHLING_CLIENT_ID', valueFrom: '{{Ref:BenchlingCredentials9D2F0E47}}:client_id::'},
      {name: 'BENCHLING_CLIENT_SECRET', valueFrom: '{{Ref:BenchlingCredentials9D2F0E47}}:client_secret::'},
      {name: 'BENCHLING_APP_DEFINITION_ID', valueFrom: '{{Ref:BenchlingCredentials9D2F0E47}}:app_definition_id::'},
    ])
    expect(c.healthCheck).toEqual({command: ['CMD-SHELL', 'curl -f http://localhost:5000/health || exit 1'], interval: 30, retries: 3, startPeriod: 60, timeout: 10})
    expect(td.value.taskRoleArn).toBe('{{GetAtt:BenchlingTaskDefTaskRole3C7A1B9E.Arn}}')
    expect(td.value.executionRoleArn).toBe('{{GetAtt:BenchlingTaskDefExecutionRole8A4B6C2D.Arn}}')
  })

  test('parameter overrides reach the task definition', async () => {
    const td = await (await fileFacts(LEGACY, {'AWS::Region': 'us-west-2', ImageTag: '0.6.0', QueueArn: 'arn:aws:sqs:us-west-2:123456789012:q'})).get('taskDefinition')
    if (!td.ok) throw new Error(td.reason)
    const env = Object.fromEntries(td.value.containers[0]!.environment.map((e) => [e.name, e.value]))
    expect(env.QUEUE_ARN).toBe('arn:aws:sqs:us-west-2:123456789012:q')
    expect(env.AWS_REGION).toBe('us-west-2')
    expect(td.value.containers[0]!.image).toMatch(/:0\.6\.0$/)
  })

  test('deployment: unknown unless the region is fixed', async () => {
    const unfixed = await (await fileFacts(LEGACY)).get('deployment')
    expect(unfixed).toEqual({ok: false, reason: `template ${LEGACY} does not fix the region or account: they are known only at deploy time`})
    const fixed = await (await fileFacts(LEGACY, {'AWS::AccountId': '123456789012', 'AWS::Region': 'us-west-2'})).get('deployment')
    expect(fixed.ok && fixed.value).toEqual({account: '123456789012', region: 'us-west-2'})
  })

  test('deployment: a literal awslogs-region fixes the region', async () => {
    const template = {Resources: {TD: taskDefinition({LogConfiguration: {LogDriver: 'awslogs', Options: {'awslogs-group': 'g', 'awslogs-region': 'eu-central-1'}}})}}
    expect(await valueOf(template, 'deployment')).toEqual({region: 'eu-central-1'})
  })
})

describe('the secrets-only YAML template', () => {
  test('reads every fact', async () => {
    const facts = await fileFacts(SECRETS_ONLY)
    for (const name of ['taskDefinition', 'roles', 'logGroup', 'targetGroup', 'service'] as const) {
      expect((await facts.get(name)).ok, name).toBe(true)
    }
  })

  test('conditions follow the parameters: dev by default, prod when overridden', async () => {
    const dev = await (await fileFacts(SECRETS_ONLY)).get('service')
    const prod = await (await fileFacts(SECRETS_ONLY, {Stage: 'prod'})).get('service')
    expect(dev.ok && dev.value.desiredCount).toBe(1)
    expect(prod.ok && prod.value.desiredCount).toBe(2)
    const td = await (await fileFacts(SECRETS_ONLY, {Stage: 'prod'})).get('taskDefinition')
    expect(td.ok && td.value.containers[0]!.environment.find((e) => e.name === 'LOG_LEVEL')?.value).toBe('INFO')
  })

  test('an entry behind an undecided condition is not guessed in; a given parameter decides it', async () => {
    const names = async (parameters?: Record<string, string>) => {
      const td = await (await fileFacts(SECRETS_ONLY, parameters)).get('taskDefinition')
      return td.ok ? td.value.containers[0]!.environment.map((e) => e.name) : []
    }

    expect(await names()).toEqual(['QuiltStackARN', 'BenchlingSecret', 'LOG_LEVEL', 'AWS_REGION', 'ENABLE_WEBHOOK_VERIFICATION'])
    expect(await names({QuiltStackARN: 'arn:aws:cloudformation:us-east-1:123456789012:stack/quilt/abc'})).toContain('QUILT_STACK_KNOWN')
  })

  test('a YAML boolean environment value reads as CloudFormation passes it', async () => {
    const td = await (await fileFacts(SECRETS_ONLY)).get('taskDefinition')
    expect(td.ok && td.value.containers[0]!.environment.find((e) => e.name === 'ENABLE_WEBHOOK_VERIFICATION')?.value).toBe('true')
  })

  test('Sub list form in the health check command', async () => {
    const td = await (await fileFacts(SECRETS_ONLY)).get('taskDefinition')
    expect(td.ok && td.value.containers[0]!.healthCheck?.command).toEqual(['CMD-SHELL', 'curl -f http://localhost:5000/health || exit 1'])
  })
})

describe('which task definition', () => {
  const other = {Properties: {ContainerDefinitions: [{Image: 'x', Name: 'sidecar'}], Family: 'other'}, Type: 'AWS::ECS::TaskDefinition'}
  test.each([
    ['the one running the profile container', {A: other, B: taskDefinition({}, {Family: 'custom'})}, 'B', undefined],
    ['the one with the profile family', {A: other, B: {...taskDefinition(), Properties: {ContainerDefinitions: [{Image: 'x', Name: 'app'}], Family: 'benchling-webhook-task'}}}, 'B', undefined],
    ['the only one, whatever its names', {A: other}, 'A', undefined],
    ['several unrelated: the first, with a note', {A: other, B: {...other}}, 'A', 'none has the container BenchlingWebhookContainer'],
  ])('%s', async (_name, resources, id, note) => {
    const source = templateFactSource({Resources: resources}, 'template t.json', profile)
    const td = await new Facts([source]).get('taskDefinition')
    expect(td.ok && td.source).toBe(`template t.json: task definition ${id}`)
    if (note) expect(source.describe).toContain(note)
    else expect(source.describe).toBe('template t.json')
  })

  test('one whose Condition is false is not there', async () => {
    const resources = {A: {...taskDefinition(), Condition: 'Never'}, B: other}
    const td = await factOf({Conditions: {Never: {'Fn::Equals': ['a', 'b']}}, Resources: resources}, 'taskDefinition')
    expect(td.ok && td.source).toBe('template t.json: task definition B')
  })
})

describe('bad input', () => {
  async function file(name: string, text: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'bwops-cfn-'))
    const path = join(dir, name)
    await writeFile(path, text)
    return path
  }

  test.each([
    ['malformed JSON', 't.json', '{"Resources": {', /is neither valid JSON nor valid YAML|not valid JSON/],
    ['malformed YAML', 't.yaml', 'Resources:\n  A: [1, 2\n', /neither valid JSON nor valid YAML at line/],
    ['no Resources', 't.json', '{"AWSTemplateFormatVersion": "2010-09-09"}', /is not a CloudFormation template: it has no "Resources" section/],
    ['Resources not an object', 't.yaml', 'Resources: [a]', /its "Resources" is not an object/],
    ['a list, not a template', 't.json', '[1, 2]', /expected an object, found an array/],
    ['a resource without Type', 't.json', '{"Resources": {"A": {"Properties": {}}}}', /the resource "A" has no "Type"/],
    ['an empty file', 't.yaml', '  \n', /is empty/],
  ])('%s is a UserError', async (_name, name, text, message) => {
    const path = await file(name, text)
    const error = await templateFileSource(path, profile).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).message).toMatch(message)
    expect((error as UserError).exitCode).toBe(2)
  })

  test('a missing file is a UserError', async () => {
    await expect(templateFileSource('test/fixtures/templates/nope.json', profile)).rejects.toThrow(/no such file/)
  })

  test('without a task definition the other facts are still read', async () => {
    const template = {
      Resources: {
        Group: {Properties: {LogGroupName: '/ecs/benchling-webhook'}, Type: 'AWS::Logs::LogGroup'},
        TG: {Properties: {HealthCheckPath: '/health', Port: 5000, Protocol: 'HTTP'}, Type: 'AWS::ElasticLoadBalancingV2::TargetGroup'},
      },
    }
    expect(await factOf(template, 'taskDefinition')).toEqual({ok: false, reason: 'template t.json: no AWS::ECS::TaskDefinition in the template'})
    expect(await factOf(template, 'roles')).toMatchObject({ok: false, reason: expect.stringContaining('no AWS::ECS::TaskDefinition in the template')})
    expect((await valueOf(template, 'logGroup')).name).toBe('/ecs/benchling-webhook')
    expect((await valueOf(template, 'targetGroup')).healthCheckPath).toBe('/health')
    expect(await factOf(template, 'service')).toEqual({ok: false, reason: 'template t.json: no AWS::ECS::Service in the template'})
  })

  test('a task definition without containers: unknown, with why', async () => {
    const result = await factOf({Resources: {TD: {Properties: {Family: 'f'}, Type: 'AWS::ECS::TaskDefinition'}}}, 'taskDefinition')
    expect(result).toMatchObject({ok: false, reason: expect.stringContaining('has no ContainerDefinitions')})
  })

  test.each([
    ['no containers', {Family: 'f'}, /the task definition TD has no ContainerDefinitions/],
    ['an empty container list', {ContainerDefinitions: []}, /has no ContainerDefinitions \(the list is empty\)/],
    ['an Environment that is an object', {ContainerDefinitions: [{Environment: {A: 'b'}, Image: 'x', Name: 'c'}]}, /"Environment" is an object, not a list/],
    ['a Secrets entry without ValueFrom', {ContainerDefinitions: [{Image: 'x', Name: 'c', Secrets: [{Name: 'S'}]}]}, /Secrets entry #1 \(S\) has no "ValueFrom"/],
  ])('a --template whose task definition has %s is a UserError when read', async (_name, properties, message) => {
    const path = await file('t.json', JSON.stringify({Resources: {TD: {Properties: properties, Type: 'AWS::ECS::TaskDefinition'}}}))
    const error = await templateFileSource(path, profile).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).message).toMatch(message)
  })

  test.each([
    ['a role named by a Ref to itself', {Role: {Properties: {RoleName: {Ref: 'Role'}}, Type: 'AWS::IAM::Role'}}, {TaskRoleArn: {'Fn::GetAtt': ['Role', 'Arn']}}],
    ['a Sub of an unknown name and a self-referring role', {Role: {Properties: {RoleName: {'Fn::Sub': '${Role}-x'}}, Type: 'AWS::IAM::Role'}}, {TaskRoleArn: {'Fn::Sub': '${Unknown}-${Role.Arn}'}}],
  ])('%s resolves to a deploy-time token, not a stack overflow', async (_name, resources, props) => {
    const td = await valueOf({Resources: {...resources, TD: taskDefinition({}, props)}}, 'taskDefinition')
    expect(td.taskRoleArn).toMatch(/\{\{/)
  })

  test('a mapping that looks itself up resolves to a token', async () => {
    const template = {Mappings: {M: {a: {b: {'Fn::FindInMap': ['M', 'a', 'b']}}}}, Resources: {TD: taskDefinition({Image: {'Fn::FindInMap': ['M', 'a', 'b']}})}}
    expect((await valueOf(template, 'taskDefinition')).containers[0]!.image).toBe('{{FindInMap:M.a.b}}')
  })

  test('an intrinsic the resolver does not handle becomes a token, not a crash', async () => {
    const td = await valueOf({Resources: {TD: taskDefinition({Environment: [{Name: 'AZ', Value: {'Fn::Select': [0, {'Fn::GetAZs': ''}]}}, {Name: 'L', Value: {'Fn::Length': [1]}}]})}}, 'taskDefinition')
    expect(td.containers[0]!.environment).toEqual([{name: 'AZ', value: '{{Select:Fn:GetAZs[0]}}'}, {name: 'L', value: '{{Fn:Length}}'}])
  })
})
