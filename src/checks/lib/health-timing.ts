import type {ContainerHealthCheck} from '../../facts/types.js'
import type {Profile} from '../../profile/types.js'
import type {FindingInput} from '../types.js'

// The bounds AWS documents for a container health check (ECS HealthCheck). A value outside them
// fails RegisterTaskDefinition, so nothing deploys at all.
type Field = 'interval' | 'timeout' | 'retries' | 'startPeriod'
const LIMITS: Record<Field, {min: number; max: number; default?: number; unit: string}> = {
  interval: {default: 30, max: 300, min: 5, unit: ' s'},
  retries: {default: 3, max: 10, min: 1, unit: ''},
  startPeriod: {max: 300, min: 0, unit: ' s'},
  timeout: {default: 5, max: 60, min: 2, unit: ' s'},
}

export function timingFindings(hc: ContainerHealthCheck, containerName: string, profile: Profile): FindingInput[] {
  const findings: FindingInput[] = []
  const where = `container ${containerName}: healthCheck`
  for (const field of Object.keys(LIMITS) as Field[]) {
    const value = hc[field]
    const limit = LIMITS[field]
    if (value === undefined || (value >= limit.min && value <= limit.max)) continue
    const suggestion = field === 'startPeriod' ? Math.min(Math.max(profile.health.minStartPeriodSeconds, limit.min), limit.max) : limit.default
    findings.push({
      detail: `ECS accepts a healthCheck ${field} of ${limit.min} to ${limit.max}${limit.unit}; registering a task definition with ${value} fails, so the deployment stops before any task starts.`,
      evidence: [`${where}.${field} = ${value}`],
      fix: `Set healthCheck.${field} in container ${containerName} to a value from ${limit.min} to ${limit.max}, e.g. ${suggestion}.`,
      impact: 'start',
      severity: 'error',
      title: `healthCheck.${field} ${value} is outside ECS's range ${limit.min}-${limit.max}${limit.unit}`,
    })
  }

  const interval = hc.interval ?? LIMITS.interval.default!
  const timeout = hc.timeout ?? LIMITS.timeout.default!
  if (timeout >= interval) {
    findings.push({
      detail: `A probe may hang for ${timeout} s while checks are only ${interval} s apart. ECS registers this (it documents no rule between the two, unlike a load balancer target group, which rejects it), but a /health that needs that long is already failing, and each failed check then takes as long as the interval to be noticed.`,
      evidence: [`${where}.timeout = ${timeout}${hc.timeout === undefined ? ' (default)' : ''}, interval = ${interval}${hc.interval === undefined ? ' (default)' : ''}`],
      fix: `Set healthCheck.timeout below healthCheck.interval in container ${containerName}, e.g. timeout ${Math.min(10, Math.max(2, interval - 1))} with interval ${interval}.`,
      impact: 'health',
      severity: 'warning',
      title: `healthCheck.timeout (${timeout} s) is not shorter than its interval (${interval} s)`,
    })
  }

  const startPeriod = hc.startPeriod ?? 0
  const need = profile.health.minStartPeriodSeconds
  if (startPeriod < need) {
    findings.push({
      detail: `The app needs about ${need} s to boot (a Python service importing its dependencies and reading its configuration). Health checks that fail before then count toward the ${hc.retries ?? LIMITS.retries.default} retries, so a slow start can mark the container unhealthy and ECS replaces it: "Task failed container health checks".`,
      evidence: [`${where}.startPeriod = ${hc.startPeriod ?? 'not set (no start period)'}`],
      fix: `Set healthCheck.startPeriod to at least ${need} in container ${containerName}, e.g. ${Math.min(need * 2, 300)}: a start period only delays when failures start to count; a healthy app is marked healthy at its first passing check.`,
      impact: 'health',
      severity: 'warning',
      title: `healthCheck.startPeriod ${hc.startPeriod === undefined ? 'is not set' : `is ${startPeriod} s`}; the app needs about ${need} s to boot`,
    })
  }

  return findings
}
