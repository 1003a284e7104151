import type {Profile} from '../../profile/types.js'
import type {ServiceFact} from '../types.js'
import type {Resolver} from './resolve.js'
import {type CfnResource, isObject, resourcesOfType} from './template.js'

// The ECS service that runs the chosen task definition: its grace period, circuit breaker, desired
// count and load balancers, as the template writes them.

/** The service running `td`, else the profile's service by name, else the only (or first) one. */
export function chooseService(r: Resolver, td: CfnResource | undefined, profile: Profile): CfnResource | undefined {
  const services = resourcesOfType(r.template, 'AWS::ECS::Service').filter((s) => r.present(s))
  const runsTd = td ? services.find((s) => r.refersTo(s.properties.TaskDefinition, td)) : undefined
  return runsTd ?? services.find((s) => r.str(s.properties.ServiceName) === profile.names.service) ?? services[0]
}

function bool(r: Resolver, value: unknown): boolean | undefined {
  const text = r.str(value)
  return text === 'true' ? true : text === 'false' ? false : undefined
}

export function extractService(r: Resolver, service: CfnResource): ServiceFact {
  const p = service.properties
  const deployment = r.resolve(p.DeploymentConfiguration)
  const breaker = isObject(deployment) && isObject(deployment.DeploymentCircuitBreaker) ? deployment.DeploymentCircuitBreaker : undefined
  const loadBalancers = r.resolve(p.LoadBalancers)
  return {
    // With no Cluster, ECS places the service in the cluster named "default".
    cluster: p.Cluster === undefined ? 'default' : r.str(p.Cluster),
    desiredCount: r.num(p.DesiredCount),
    hasLoadBalancer: Array.isArray(loadBalancers) && loadBalancers.length > 0,
    healthCheckGracePeriodSeconds: r.num(p.HealthCheckGracePeriodSeconds),
    name: r.getAtt(service.id, 'Name'),
    ...(breaker ? {circuitBreaker: {enable: bool(r, breaker.Enable) ?? false, rollback: bool(r, breaker.Rollback) ?? false}} : {}),
  }
}
