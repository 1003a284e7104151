import {describe, expect, test} from 'vitest'

import {factOf, taskDefinition, valueOf} from './helpers.js'

const tg = (props: Record<string, unknown>) => ({Properties: {Protocol: 'HTTP', TargetType: 'ip', ...props}, Type: 'AWS::ElasticLoadBalancingV2::TargetGroup'})

describe('targetGroup', () => {
  test('the CDK fixture: /health/ready on port 5000', async () => {
    const {readStructured} = await import('../../../src/facts/read-input.js')
    const template = await readStructured('test/fixtures/templates/cdk-legacy.template.json', 'template')
    expect(await valueOf(template, 'targetGroup')).toEqual({
      healthCheckIntervalSeconds: 30,
      healthCheckPath: '/health/ready',
      healthCheckPort: 'traffic-port',
      healthCheckProtocol: 'HTTP',
      healthCheckTimeoutSeconds: 5,
      healthyThresholdCount: 2,
      matcher: '200',
      name: '{{GetAtt:BenchlingWebhookTargetGroup6F1A2B3C.TargetGroupName}}',
      port: 5000,
      protocol: 'HTTP',
      unhealthyThresholdCount: 3,
    })
  })

  test('settings left out get the Elastic Load Balancing defaults, path / among them', async () => {
    const value = await valueOf({Resources: {T: tg({Name: 'webhook', Port: 5000})}}, 'targetGroup')
    expect(value).toMatchObject({healthCheckPath: '/', healthCheckPort: 'traffic-port', healthCheckProtocol: 'HTTP', healthyThresholdCount: 5, matcher: '200', name: 'webhook', unhealthyThresholdCount: 2})
  })

  test('a TCP group gets no HTTP defaults', async () => {
    const value = await valueOf({Resources: {T: tg({Port: 5000, Protocol: 'TCP'})}}, 'targetGroup')
    expect(value.healthCheckPath).toBeUndefined()
  })

  test('values from parameters and Matcher codes', async () => {
    const template = {Parameters: {Path: {Default: '/health', Type: 'String'}}, Resources: {T: tg({HealthCheckPath: {Ref: 'Path'}, HealthCheckPort: 5000, Matcher: {HttpCode: '200-299'}})}}
    expect(await valueOf(template, 'targetGroup')).toMatchObject({healthCheckPath: '/health', healthCheckPort: '5000', matcher: '200-299'})
    expect((await valueOf(template, 'targetGroup', {Path: '/health/live'})).healthCheckPath).toBe('/health/live')
  })

  test.each([
    ['the one the service names', {A: tg({HealthCheckPath: '/a', Port: 5000}), B: tg({HealthCheckPath: '/b', Port: 80})}, 'B', '/b'],
    ['without a service link, the one on the profile port', {A: tg({HealthCheckPath: '/a', Port: 80}), B: tg({HealthCheckPath: '/b', Port: 5000})}, undefined, '/b'],
  ])('which group: %s', async (_name, groups, linked, path) => {
    const service = {Properties: {LoadBalancers: linked ? [{ContainerName: 'BenchlingWebhookContainer', ContainerPort: 5000, TargetGroupArn: {Ref: linked}}] : [], TaskDefinition: {Ref: 'TD'}}, Type: 'AWS::ECS::Service'}
    const template = {Resources: {...groups, S: service, TD: taskDefinition()}}
    expect((await valueOf(template, 'targetGroup')).healthCheckPath).toBe(path)
  })

  test('no target group: unknown', async () => {
    expect(await factOf({Resources: {TD: taskDefinition()}}, 'targetGroup')).toEqual({ok: false, reason: 'template t.json: no AWS::ElasticLoadBalancingV2::TargetGroup in the template'})
  })
})
