import {describe, expect, test} from 'vitest'

import {factOf, taskDefinition, valueOf} from './helpers.js'

const awslogs = (group: unknown) => ({LogConfiguration: {LogDriver: 'awslogs', Options: {'awslogs-group': group, 'awslogs-stream-prefix': 'benchling-webhook'}}})
const group = (attrs: Record<string, unknown> = {}, props: Record<string, unknown> = {LogGroupName: '/ecs/benchling-webhook', RetentionInDays: 7}) => ({
  Properties: props,
  Type: 'AWS::Logs::LogGroup',
  ...attrs,
})

describe('logGroup', () => {
  test.each([
    ['by Ref, DeletionPolicy Delete as written', awslogs({Ref: 'G'}), group({DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete'}), {deletionPolicy: 'Delete', updateReplacePolicy: 'Delete'}],
    ['by name, Retain', awslogs('/ecs/benchling-webhook'), group({DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain'}), {deletionPolicy: 'Retain', updateReplacePolicy: 'Retain'}],
    ['Snapshot-free default: no DeletionPolicy means Delete', awslogs({Ref: 'G'}), group(), {deletionPolicy: 'Delete', updateReplacePolicy: undefined}],
  ])('matched %s', async (_name, container, resource, policies) => {
    const template = {Resources: {G: resource, TD: taskDefinition(container)}}
    expect(await valueOf(template, 'logGroup')).toEqual({name: '/ecs/benchling-webhook', presence: 'stack', retentionInDays: 7, ...policies})
  })

  test('the source says when CloudFormation\'s default Delete applies', async () => {
    const result = await factOf({Resources: {G: group(), TD: taskDefinition(awslogs({Ref: 'G'}))}}, 'logGroup')
    expect(result.ok && result.source).toBe("template t.json: log group resource G, which has no DeletionPolicy: CloudFormation's default, Delete, applies")
  })

  test('a group without a name: its generated name is a token, still matched by Ref', async () => {
    const template = {Resources: {G: group({DeletionPolicy: 'Retain'}, {}), TD: taskDefinition(awslogs({Ref: 'G'}))}}
    expect(await valueOf(template, 'logGroup')).toMatchObject({deletionPolicy: 'Retain', name: '{{Ref:G}}', presence: 'stack'})
  })

  test('a group the template does not create: presence unknown', async () => {
    const template = {Resources: {G: group(), TD: taskDefinition(awslogs('/ecs/elsewhere'))}}
    expect(await valueOf(template, 'logGroup')).toEqual({name: '/ecs/elsewhere', presence: 'unknown'})
  })

  test('a container without awslogs: unknown, with why', async () => {
    const result = await factOf({Resources: {G: group(), TD: taskDefinition({})}}, 'logGroup')
    expect(result).toEqual({ok: false, reason: expect.stringContaining('does not send its logs to CloudWatch Logs')})
  })

  test('the profile container is the one read, not the first', async () => {
    const td = taskDefinition(awslogs({Ref: 'G'}))
    const props = td.Properties as {ContainerDefinitions: unknown[]}
    props.ContainerDefinitions.unshift({Image: 'x', Name: 'sidecar', ...awslogs('/other')})
    expect((await valueOf({Resources: {G: group(), TD: td}}, 'logGroup')).presence).toBe('stack')
  })

  test('retention from a parameter, group name from Sub with a deploy-time stack name', async () => {
    const template = {
      Parameters: {Days: {Default: 14, Type: 'Number'}},
      Resources: {G: group({}, {LogGroupName: {'Fn::Sub': '/ecs/${AWS::StackName}'}, RetentionInDays: {Ref: 'Days'}}), TD: taskDefinition(awslogs({Ref: 'G'}))},
    }
    expect(await valueOf(template, 'logGroup')).toMatchObject({name: '/ecs/{{Ref:AWS::StackName}}', retentionInDays: 14})
    expect((await valueOf(template, 'logGroup', {'AWS::StackName': 'bw', Days: '3'}))).toMatchObject({name: '/ecs/bw', retentionInDays: 3})
  })

  test('without a task definition: the profile group by name, else unknown', async () => {
    expect((await valueOf({Resources: {A: group({}, {LogGroupName: 'x'}), G: group()}}, 'logGroup')).name).toBe('/ecs/benchling-webhook')
    expect((await factOf({Resources: {A: group({}, {LogGroupName: 'x'}), B: group({}, {LogGroupName: 'y'})}}, 'logGroup')).ok).toBe(false)
  })
})
