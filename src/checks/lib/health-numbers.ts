import type {ContainerDefinition, ServiceFact, TargetGroupFact} from '../../facts/types.js'
import {describePort, parseHealthCommand} from './health-command.js'
import type {AppPorts} from './health-ports.js'

// The numbers every health-check finding carries, so an operator sees the whole configuration at
// once: what the container's check asks (port, path, timings), what the target group asks, the
// grace period, and the port the app listens on.

const s = (n: number | undefined, unset = 'not set (ECS default)') => (n === undefined ? unset : `${n} s`)

export function healthNumbers(container: ContainerDefinition, ports: AppPorts, targetGroup: TargetGroupFact | undefined, service: ServiceFact | undefined): string[] {
  const lines = [`app listens on ${ports.appPort ?? 'an unknown port'} (${ports.appPortWhy}); containerPort ${ports.containerPort ?? 'not set'}`]
  const hc = container.healthCheck
  if (hc && hc.command.length > 0 && hc.command[0] !== 'NONE') {
    const probe = parseHealthCommand(hc.command)
    const port = probe.port ? describePort(probe.port) : 'unreadable'
    lines.push(
      `container health check: port ${port}, path ${probe.path ?? 'none'}; interval ${s(hc.interval, '30 s (default)')}, timeout ${s(hc.timeout, '5 s (default)')}, retries ${hc.retries ?? '3 (default)'}, startPeriod ${s(hc.startPeriod, 'not set (0 s)')}`,
    )
  }

  if (targetGroup) {
    const tgPort = targetGroup.healthCheckPort === undefined || targetGroup.healthCheckPort === 'traffic-port' ? `traffic-port (${targetGroup.port ?? '?'})` : targetGroup.healthCheckPort
    lines.push(
      `target group health check: ${targetGroup.healthCheckProtocol ?? 'HTTP'} port ${tgPort}, path ${targetGroup.healthCheckPath ?? '/'}; interval ${s(targetGroup.healthCheckIntervalSeconds)}, timeout ${s(targetGroup.healthCheckTimeoutSeconds)}, healthy after ${targetGroup.healthyThresholdCount ?? '?'}, unhealthy after ${targetGroup.unhealthyThresholdCount ?? '?'}, codes ${targetGroup.matcher ?? '200'}`,
    )
  }

  if (service?.healthCheckGracePeriodSeconds !== undefined) lines.push(`service health check grace period: ${service.healthCheckGracePeriodSeconds} s`)
  return lines
}
