import {loadBalancerFindings} from './lib/health-load-balancer.js'
import {healthNumbers} from './lib/health-numbers.js'
import {appPorts} from './lib/health-ports.js'
import {probeFindings} from './lib/health-probe-findings.js'
import {timingFindings} from './lib/health-timing.js'
import {servedContainer} from './lib/served-container.js'
import {defineCheck, type FindingInput} from './types.js'

export default defineCheck({
  description:
    "Reads the webhook container's healthCheck command (curl, wget, Python or nc) and checks that it asks the port the app listens on (PORT, else the app's default) and containerPort, and a health path the app serves; that its interval, timeout, retries and startPeriod are within ECS's bounds and leave the app time to boot; that the load balancer target group asks a served path on the container's port over HTTP; and that a service behind a load balancer has a health check grace period.",
  id: 'health-check',
  subject: 'health-check',
  needs: ['taskDefinition'],
  run({service, targetGroup, taskDefinition}, profile) {
    const served = servedContainer(taskDefinition, profile)
    if (!served) return []
    const {container} = served
    const ports = appPorts(container, profile)
    const findings: FindingInput[] = [...ports.notes]
    const hc = container.healthCheck
    if (!hc || hc.command.length === 0 || hc.command[0] === 'NONE') {
      findings.push({
        detail:
          'Without a container health check ECS learns that the app died or hung only from the load balancer, if there is one; a task that runs without serving is never replaced, and doctor cannot tell "unhealthy" from "not checked".',
        evidence: [`${served.why}: no healthCheck`],
        fix: `Add to container ${container.name}: "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:${ports.appPort ?? profile.names.port}${profile.health.paths[0] ?? '/'} || exit 1"], "interval": 30, "timeout": 5, "retries": 3, "startPeriod": ${profile.health.minStartPeriodSeconds * 2}}.`,
        impact: 'health',
        severity: 'warning',
        title: `Container ${container.name} has no health check`,
      })
    } else {
      findings.push(...probeFindings(container, ports, profile), ...timingFindings(hc, container.name, profile))
    }

    findings.push(...loadBalancerFindings(targetGroup, service, ports.containerPort, profile))
    // every problem found gets the whole configuration's numbers; a note keeps its own evidence
    const numbers = healthNumbers(container, ports, targetGroup, service)
    return findings.map((f) => (f.severity === 'info' ? f : {...f, evidence: [...(f.evidence ?? []), ...numbers.filter((n) => !(f.evidence ?? []).includes(n))]}))
  },
  title: 'Health checks ask the port and path the app serves',
  uses: ['targetGroup', 'service'],
})
