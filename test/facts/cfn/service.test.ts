import {describe, expect, test} from 'vitest'

import {taskDefinition, valueOf} from './helpers.js'

const service = (props: Record<string, unknown>) => ({Properties: {TaskDefinition: {Ref: 'TD'}, ...props}, Type: 'AWS::ECS::Service'})

describe('service', () => {
  test('the CDK fixture: grace period, circuit breaker with rollback, two tasks, behind a load balancer', async () => {
    const {readStructured} = await import('../../../src/facts/read-input.js')
    const template = await readStructured('test/fixtures/templates/cdk-legacy.template.json', 'template')
    expect(await valueOf(template, 'service')).toEqual({
      circuitBreaker: {enable: true, rollback: true},
      cluster: 'benchling-webhook-cluster',
      desiredCount: 2,
      hasLoadBalancer: true,
      healthCheckGracePeriodSeconds: 60,
      name: 'benchling-webhook-service',
    })
  })

  test.each([
    ['no circuit breaker, no load balancer, no cluster', {}, {circuitBreaker: undefined, cluster: 'default', hasLoadBalancer: false, healthCheckGracePeriodSeconds: undefined}],
    ['breaker enabled without rollback, written as text', {DeploymentConfiguration: {DeploymentCircuitBreaker: {Enable: 'true', Rollback: 'false'}}}, {circuitBreaker: {enable: true, rollback: false}}],
    ['grace period and count from parameters', {DesiredCount: {Ref: 'Count'}, HealthCheckGracePeriodSeconds: {Ref: 'Grace'}}, {desiredCount: 3, healthCheckGracePeriodSeconds: 90}],
    ['a generated name and cluster are tokens', {Cluster: {Ref: 'C'}}, {cluster: '{{Ref:C}}', name: '{{GetAtt:S.Name}}'}],
    ['desired count behind an undecided condition is not guessed', {DesiredCount: {'Fn::If': ['HasQueue', 2, 1]}}, {desiredCount: undefined}],
  ])('%s', async (_name, props, expected) => {
    const template = {
      Conditions: {HasQueue: {'Fn::Not': [{'Fn::Equals': [{Ref: 'Queue'}, '']}]}},
      Parameters: {Count: {Default: 3, Type: 'Number'}, Grace: {Default: '90', Type: 'Number'}, Queue: {Type: 'String'}},
      Resources: {C: {Properties: {}, Type: 'AWS::ECS::Cluster'}, S: service(props), TD: taskDefinition()},
    }
    const value = await valueOf(template, 'service')
    for (const [key, want] of Object.entries(expected)) expect(value[key as keyof typeof value], key).toEqual(want)
  })

  test('the service running the chosen task definition, not another', async () => {
    const other = {Properties: {ContainerDefinitions: [{Image: 'x', Name: 'other'}]}, Type: 'AWS::ECS::TaskDefinition'}
    const template = {
      Resources: {A: {...service({ServiceName: 'other', TaskDefinition: {Ref: 'Other'}})}, B: service({ServiceName: 'mine'}), Other: other, TD: taskDefinition()},
    }
    expect((await valueOf(template, 'service')).name).toBe('mine')
  })
})
