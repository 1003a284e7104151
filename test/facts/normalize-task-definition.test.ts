import {describe, expect, it} from 'vitest'

import {inferMode} from '../../src/facts/mode.js'
import {normalizeTaskDefinition} from '../../src/facts/normalize-task-definition.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const container = {environment: [{name: 'QuiltStackARN', value: 'arn'}], name: 'BenchlingWebhookContainer', portMappings: [{containerPort: 5000}]}

describe('normalizeTaskDefinition', () => {
  it.each([
    ['describe-task-definition output', {taskDefinition: {containerDefinitions: [container], family: 'f'}}],
    ['the bare task definition', {containerDefinitions: [container], family: 'f'}],
    ['CloudFormation PascalCase', {ContainerDefinitions: [{Environment: [{Name: 'QuiltStackARN', Value: 'arn'}], Name: 'BenchlingWebhookContainer', PortMappings: [{ContainerPort: 5000}]}], Family: 'f'}],
  ])('reads %s', (_name, input) => {
    const td = normalizeTaskDefinition(input, 'x')
    expect(td.family).toBe('f')
    expect(td.containers[0]).toMatchObject({environment: [{name: 'QuiltStackARN', value: 'arn'}], name: 'BenchlingWebhookContainer', portMappings: [{containerPort: 5000}], secrets: []})
  })

  it('reads health checks, log configuration and secrets', () => {
    const td = normalizeTaskDefinition(
      {containerDefinitions: [{healthCheck: {command: ['CMD-SHELL', 'curl'], interval: 30, startPeriod: '60'}, logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': 'g'}}, name: 'c', secrets: [{name: 'S', valueFrom: 'arn:x'}]}]},
      'x',
    )
    expect(td.containers[0]).toMatchObject({healthCheck: {command: ['CMD-SHELL', 'curl'], interval: 30, startPeriod: 60}, logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': 'g'}}, secrets: [{name: 'S', valueFrom: 'arn:x'}]})
  })
})

describe('inferMode', () => {
  const td = (names: string[]) => normalizeTaskDefinition({containerDefinitions: [{environment: names.map((name) => ({name, value: 'v'})), name: 'BenchlingWebhookContainer'}]}, 'x')
  it.each([
    [['QuiltStackARN', 'BenchlingSecret'], 'secrets-only'],
    [['QUILT_CATALOG', 'QUILT_DATABASE', 'BENCHLING_TENANT'], 'legacy'],
    [['QuiltStackARN', 'BenchlingSecret', 'LOG_LEVEL'], 'secrets-only'],
  ])('%j -> %s', (names, mode) => {
    expect(inferMode(td(names), profile)).toMatchObject({inferred: true, value: mode})
  })

  it('cannot tell from variables of neither mode', () => {
    expect(inferMode(td(['FOO']), profile)).toBeUndefined()
  })
})
