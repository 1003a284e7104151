import {deployTimeParts, hasDeployTimeValue} from '../../facts/deploy-time.js'
import type {ServiceFact, TargetGroupFact} from '../../facts/types.js'
import type {Profile} from '../../profile/types.js'
import type {FindingInput} from '../types.js'

/** The load balancer's findings, from whichever of the two facts are known. */
export function loadBalancerFindings(
  tg: TargetGroupFact | undefined,
  service: ServiceFact | undefined,
  containerPort: number | undefined,
  profile: Profile,
): FindingInput[] {
  // A known target group means a load balancer even when the service fact does not say.
  const behind = service?.hasLoadBalancer ?? tg !== undefined
  return [...(tg ? targetGroupFindings(tg, containerPort, profile) : []), ...(service ? serviceFindings(service, behind, profile) : [])]
}

/** The load balancer's side: does its health check ask a path and port the container serves? */
export function targetGroupFindings(tg: TargetGroupFact, containerPort: number | undefined, profile: Profile): FindingInput[] {
  const findings: FindingInput[] = []
  const name = tg.name ?? 'the target group'
  const modify = (option: string) =>
    `aws elbv2 modify-target-group --target-group-arn <arn of ${name}> ${option}, or the same property of the AWS::ElasticLoadBalancingV2::TargetGroup in the template`
  const path = tg.healthCheckPath ?? '/'
  const pathSeen = `target group ${name}: health check path ${tg.healthCheckPath ?? 'not set (AWS default /)'}`
  // a TCP health check (a network target group's default) asks no path: protocolFindings says so
  const asksPath = !isTcpCheck(tg)
  if (asksPath && hasDeployTimeValue(path)) {
    findings.push(deployTimeInfo('The target group health check path', path, pathSeen))
  } else if (asksPath && !profile.health.targetGroupPaths.includes(path)) {
    findings.push({
      detail: `The load balancer asks ${path}, which the app does not serve as a health path (it serves ${profile.health.targetGroupPaths.join(', ')}). Every target stays unhealthy and ECS stops the tasks: "Task failed ELB health checks".`,
      evidence: [pathSeen],
      fix: `Set the health check path to ${profile.health.targetGroupPaths[0]}: ${modify(`--health-check-path ${profile.health.targetGroupPaths[0]}`)} (HealthCheckPath).`,
      impact: 'health',
      severity: 'error',
      title: `The target group health check asks ${path}, a path the app does not serve`,
    })
  }

  const hcPort = tg.healthCheckPort ?? 'traffic-port'
  const portSeen = `target group ${name}: port ${tg.port ?? 'not set'}, health check port ${tg.healthCheckPort ?? 'not set (traffic-port)'}`
  if (hasDeployTimeValue(hcPort)) {
    findings.push(deployTimeInfo('The target group health check port', hcPort, portSeen))
  } else if (hcPort !== 'traffic-port' && containerPort !== undefined && Number(hcPort) !== containerPort) {
    findings.push({
      detail: `The load balancer sends its health checks to port ${hcPort}, and the container listens on ${containerPort}: every check fails and ECS stops the tasks ("Task failed ELB health checks").`,
      evidence: [portSeen, `containerPort ${containerPort}`],
      fix: `Use the port traffic goes to: ${modify('--health-check-port traffic-port')} (HealthCheckPort), or set it to ${containerPort}.`,
      impact: 'health',
      severity: 'error',
      title: `The target group health check asks port ${hcPort}, the container listens on ${containerPort}`,
    })
  }

  if (tg.port !== undefined && containerPort !== undefined && tg.port !== containerPort) {
    findings.push({
      detail: `ECS registers each task at the containerPort the service's loadBalancers entry names, so traffic can still arrive; but a target group port that differs from the container's (${tg.port} vs ${containerPort}) shows the two were set apart, and a service entry or a health check port copied from the target group then misses the app.`,
      evidence: [portSeen, `containerPort ${containerPort}`],
      fix: `Create the target group with port ${containerPort} (the port cannot be changed in place: in the template, set Port: ${containerPort} on the AWS::ElasticLoadBalancingV2::TargetGroup, which replaces it), and make the service's loadBalancers containerPort ${containerPort}.`,
      impact: 'health',
      severity: 'warning',
      title: `The target group port ${tg.port} is not the container port ${containerPort}`,
    })
  }

  findings.push(...protocolFindings(tg, name, modify, profile))
  return findings
}

const NETWORK = new Set(['TCP', 'TLS', 'UDP', 'TCP_UDP'])

/** The health check a target group makes is a TCP connect: its own protocol, or a network group's default. */
function isTcpCheck(tg: TargetGroupFact): boolean {
  const check = tg.healthCheckProtocol?.toUpperCase() ?? (NETWORK.has(tg.protocol?.toUpperCase() ?? '') ? 'TCP' : undefined)
  return check === 'TCP'
}

/**
 * The protocols: an ALB's target group speaks HTTP to the app (TLS ends at the balancer); a
 * Network Load Balancer's speaks TCP, and sound health checks are then HTTP on a health path, as
 * upstream's own NLB from v0.8.9 does (v0.18.0:lib/network-load-balancer.ts:45-64).
 */
function protocolFindings(tg: TargetGroupFact, name: string, modify: (option: string) => string, profile: Profile): FindingInput[] {
  const protocol = tg.protocol?.toUpperCase()
  const check = tg.healthCheckProtocol?.toUpperCase()
  const findings: FindingInput[] = []
  const deployTime = (v?: string) => v !== undefined && hasDeployTimeValue(v)
  if (protocol && !deployTime(protocol) && protocol !== 'HTTP' && !NETWORK.has(protocol)) {
    findings.push({
      detail: protocol === 'HTTPS' ? 'The app serves plain HTTP inside the container (TLS ends at the load balancer); HTTPS towards it fails the TLS handshake, so every target is unhealthy.' : `The app serves HTTP; a target group speaking ${protocol} cannot reach it.`,
      evidence: [`target group ${name}: protocol ${tg.protocol}`],
      fix: 'Create the target group with protocol HTTP (Protocol: HTTP; it cannot be changed in place).',
      impact: 'health',
      severity: protocol === 'HTTPS' ? 'error' : 'warning',
      title: `The target group protocol is ${tg.protocol}, not HTTP`,
    })
  }

  // a network target group checks TCP by default: it then sees only that the port accepts connections
  const effective = check ?? (protocol && NETWORK.has(protocol) ? 'TCP' : undefined)
  if (effective && !deployTime(effective) && effective !== 'HTTP') {
    const https = effective === 'HTTPS'
    const path = profile.health.targetGroupPaths[0] ?? '/health'
    findings.push({
      detail: https
        ? 'The app serves plain HTTP inside the container (TLS ends at the load balancer); an HTTPS health check fails the TLS handshake, so every target is unhealthy.'
        : `With a ${effective} health check the load balancer only sees that the port accepts connections, not that the app answers ${path}: a task whose app has not started, or has failed, still counts as healthy.`,
      evidence: [`target group ${name}: protocol ${tg.protocol ?? 'not set'}, health check protocol ${tg.healthCheckProtocol ?? `not set (${effective} by default)`}`],
      fix: `Set the health check to HTTP on ${path}: ${modify(`--health-check-protocol HTTP --health-check-path ${path}`)} (HealthCheckProtocol, HealthCheckPath).`,
      impact: 'health',
      severity: https ? 'error' : 'warning',
      title: `The target group health check protocol is ${effective}, not HTTP`,
    })
  }

  return findings
}

/** A service behind a load balancer needs a grace period, or ELB checks kill tasks still booting. */
export function serviceFindings(service: ServiceFact, behindLoadBalancer: boolean, profile: Profile): FindingInput[] {
  if (!behindLoadBalancer) return []
  const grace = service.healthCheckGracePeriodSeconds ?? 0
  const need = profile.health.minGracePeriodSeconds
  if (grace >= need) return []
  const name = service.name ?? profile.names.service
  const cluster = service.cluster ?? profile.names.cluster
  return [{
    detail:
      grace === 0
        ? `With no grace period ECS acts on the load balancer's health checks from the moment a task starts; the app needs about ${need} s to boot, so new tasks can be marked unhealthy and stopped before they ever serve ("Task failed ELB health checks"), and a deployment never settles.`
        : `A grace period of ${grace} s is shorter than the about ${need} s the app needs to boot: a slow start can get tasks stopped by load balancer health checks before they serve.`,
    evidence: [`service ${name}: healthCheckGracePeriodSeconds ${service.healthCheckGracePeriodSeconds ?? 'not set (0)'}`],
    fix: `aws ecs update-service --cluster ${cluster} --service ${name} --health-check-grace-period-seconds ${need * 2} (in the template: HealthCheckGracePeriodSeconds on the AWS::ECS::Service).`,
    impact: 'health',
    severity: grace === 0 ? 'error' : 'warning',
    title: grace === 0 ? 'The service has no health check grace period' : `The service's health check grace period (${grace} s) is shorter than the app's boot (${need} s)`,
  }]
}

function deployTimeInfo(what: string, value: string, seen: string): FindingInput {
  return {
    detail: `${what} is known only at deploy time (${deployTimeParts(value).join(', ')}); bwops reports it rather than guess.`,
    evidence: [seen],
    fix: `After deploying, check that the value given for ${deployTimeParts(value).join(', ')} is a path and port the container serves.`,
    impact: 'health',
    severity: 'info',
    title: `${what} is known only at deploy time`,
  }
}
