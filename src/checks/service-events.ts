import {type ClassifiedEvent, classifyServiceEvent} from '../catalogue/service-events.js'
import {redactText} from '../catalogue/redact.js'
import type {ServiceEventFact} from '../facts/live-types.js'
import {timeOf} from './lib/deployments.js'
import {defineCheck, type FindingInput} from './types.js'

/** Events that report a cause's evidence, not the deployment's outcome (src/diagnosis/subjects.ts). */
const SUBJECT: Record<string, string> = {
  'failed-container-health-checks': 'health-check',
  'failed-to-launch': 'launch',
  'target-registration-failed': 'health-check',
  'unable-to-place': 'placement',
  'unhealthy-in-target-group': 'health-check',
}

function line(event: ServiceEventFact): string {
  return `${event.createdAt}: ${redactText(event.message)}`
}

export default defineCheck({
  description:
    "Reads the service's recent events for trouble: the deployment circuit breaker tripping and rolling back, tasks ECS could not place or launch, tasks unhealthy in the load balancer's target group (with the HTTP codes), failed container health checks. Each kind is counted, with the latest shown. A steady state reached after a rollback is noted: the service runs the old version.",
  id: 'service-events',
  subject: 'deployment',
  needs: ['serviceState'],
  run({serviceState: service}) {
    const byId = new Map<string, ClassifiedEvent[]>()
    for (const event of service.events) {
      const hit = classifyServiceEvent(event)
      if (hit) byId.set(hit.entry.id, [...(byId.get(hit.entry.id) ?? []), hit])
    }

    // Events come newest first, so the first of each kind is its latest.
    const latest = (id: string) => byId.get(id)?.[0]
    const steady = latest('steady-state')
    const rollback = latest('circuit-breaker-rollback') ?? latest('deployment-failed')
    const completedSince = (byId.get('deployment-completed') ?? []).some(
      (c) => rollback && timeOf(c.event.createdAt) > timeOf(rollback.event.createdAt) && c.values.deployment !== latest('circuit-breaker-rollback')?.values.deployment,
    )
    // A rollback nothing has superseded keeps its problems current, even after a steady state.
    const rolledBack = rollback !== undefined && !completedSince
    const findings: FindingInput[] = []
    for (const hits of byId.values()) {
      const top = hits[0]
      if (!top || top.entry.severity === 'info') continue
      const resolved = !rolledBack && steady !== undefined && timeOf(steady.event.createdAt) > timeOf(top.event.createdAt)
      const count = hits.length
      const codes = [...new Set(hits.map((h) => h.values.codes).filter(Boolean))]
      findings.push({
        detail: `${top.cause}${resolved ? ` The service reached a steady state since (${steady?.event.createdAt}).` : ''}`,
        evidence: [`${count} event${count === 1 ? '' : 's'} of this kind, the latest:`, line(top.event), ...hits.slice(1, 3).map((h) => line(h.event)), ...(codes.length > 1 ? [`codes seen: ${codes.join('; ')}`] : [])],
        fix: top.fix,
        impact: top.entry.impact,
        severity: resolved ? 'warning' : 'error',
        subject: SUBJECT[top.entry.id] ?? 'deployment',
        title: `${top.title}${count > 1 ? ` (${count} events)` : ''}`,
      })
    }

    if (rolledBack && steady && timeOf(steady.event.createdAt) > timeOf(rollback.event.createdAt)) {
      findings.push({
        detail: `The service reached a steady state at ${steady.event.createdAt}, after the rollback at ${rollback.event.createdAt}: it is healthy because it runs the previous task definition again. The deployment that triggered the rollback did not succeed.`,
        evidence: [line(steady.event), line(rollback.event)],
        fix: 'Treat the deployment as failed: find why its tasks failed (stopped-task-causes, container-log-signatures), fix it and deploy again.',
        impact: 'outcome',
        severity: 'info',
        title: 'Steady state after a rollback: the old version runs',
      })
    }

    return findings
  },
  title: 'Service events show no deployment or health trouble',
})
