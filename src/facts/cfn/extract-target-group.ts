import type {Profile} from '../../profile/types.js'
import type {TargetGroupFact} from '../types.js'
import type {Resolver} from './resolve.js'
import {type CfnResource, isObject, resourcesOfType} from './template.js'

// The load balancer target group in front of the service, with the health check the load balancer
// will run. Where the template leaves a health check setting out, Elastic Load Balancing applies
// its documented default for an HTTP(S) target group (path "/", which the webhook does not serve).

const HTTP_DEFAULTS = {
  healthCheckIntervalSeconds: 30,
  healthCheckPath: '/',
  healthCheckPort: 'traffic-port',
  healthCheckTimeoutSeconds: 5,
  healthyThresholdCount: 5,
  matcher: '200',
  unhealthyThresholdCount: 2,
}

/** The group the service's LoadBalancers name, else one on the profile's port, else the only (or first). */
export function chooseTargetGroup(r: Resolver, service: CfnResource | undefined, profile: Profile): CfnResource | undefined {
  const groups = resourcesOfType(r.template, 'AWS::ElasticLoadBalancingV2::TargetGroup').filter((g) => r.present(g))
  const attached = service?.properties.LoadBalancers
  const entries = Array.isArray(attached) ? attached.filter(isObject) : []
  const named = groups.find((g) => entries.some((e) => r.refersTo(e.TargetGroupArn, g)))
  return named ?? groups.find((g) => r.num(g.properties.Port) === profile.names.port) ?? groups[0]
}

function matcher(r: Resolver, raw: unknown): string | undefined {
  const m = r.resolve(raw)
  if (!isObject(m)) return undefined
  return r.str(m.HttpCode) ?? r.str(m.GrpcCode)
}

export function extractTargetGroup(r: Resolver, group: CfnResource): TargetGroupFact {
  const p = group.properties
  const protocol = r.str(p.Protocol)
  const written: TargetGroupFact = {
    healthCheckIntervalSeconds: r.num(p.HealthCheckIntervalSeconds),
    healthCheckPath: r.str(p.HealthCheckPath),
    healthCheckPort: r.str(p.HealthCheckPort),
    healthCheckProtocol: r.str(p.HealthCheckProtocol),
    healthCheckTimeoutSeconds: r.num(p.HealthCheckTimeoutSeconds),
    healthyThresholdCount: r.num(p.HealthyThresholdCount),
    matcher: matcher(r, p.Matcher),
    name: r.str(p.Name) ?? r.getAtt(group.id, 'TargetGroupName'),
    port: r.num(p.Port),
    protocol,
    unhealthyThresholdCount: r.num(p.UnhealthyThresholdCount),
  }
  const defined = Object.fromEntries(Object.entries(written).filter(([, v]) => v !== undefined)) as TargetGroupFact
  if (protocol !== 'HTTP' && protocol !== 'HTTPS') return defined
  return {...HTTP_DEFAULTS, healthCheckProtocol: protocol, ...defined}
}
