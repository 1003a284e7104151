import {redactText} from '../catalogue/redact.js'
import type {ServiceDeploymentFact, ServiceStateFact} from '../facts/live-types.js'
import {isOlderRevision, taskDefinitionLabel} from './lib/deployments.js'
import {defineCheck, type FindingInput} from './types.js'

// A rolled-back deployment leaves the old task definition PRIMARY and the service steady, which
// deploy tools have mistaken for success. The verdict reads rolloutState and the deployment ids.

const ROLLBACK_EVENT = /rolling back to deployment (ecs-svc\/\w+)/i
const NEXT = 'Find why the new tasks failed (the stopped-task-causes and container-log-signatures findings), fix it, then deploy again.'

function describe(d: ServiceDeploymentFact): string {
  const parts = [`${d.status} ${d.id}: ${taskDefinitionLabel(d.taskDefinition)}`, `rollout ${d.rolloutState ?? 'unknown'}`]
  if (d.rolloutStateReason) parts.push(`reason: ${redactText(d.rolloutStateReason)}`)
  parts.push(`running ${d.runningCount}/${d.desiredCount}, pending ${d.pendingCount}${d.failedTasks ? `, failed tasks ${d.failedTasks}` : ''}`)
  return parts.join('; ')
}

/** The deployment ECS rolled back to, when the newest rollback event names the PRIMARY one. */
function rollbackTarget(service: ServiceStateFact, primary: ServiceDeploymentFact): string | undefined {
  for (const event of service.events) {
    const m = ROLLBACK_EVENT.exec(event.message)
    if (m) return m[1] === primary.id ? `${event.createdAt}: ${redactText(event.message)}` : undefined
  }

  return undefined
}

export default defineCheck({
  description:
    "Tells whether the service's last deployment rolled back, failed, is still in progress or is stable, from each deployment's rolloutState and reason, the deployment ids and the rollback events. A PRIMARY deployment running an older task definition than a FAILED one means the circuit breaker rolled back: not a success, even when the service is steady.",
  id: 'deployment-verdict',
  subject: 'deployment',
  needs: ['serviceState'],
  run({serviceState: service}) {
    const evidence = service.deployments.map((d) => describe(d))
    const primary = service.deployments.find((d) => d.status === 'PRIMARY')
    if (!primary) {
      return [
        {
          detail: 'Without a PRIMARY deployment ECS is not running any version of the service.',
          evidence: [`service ${service.name} status ${service.status ?? 'unknown'}`, ...evidence],
          fix: `Check the service exists and is ACTIVE: \`aws ecs describe-services --cluster ${service.cluster} --services ${service.name}\`; redeploy the stack if it was deleted.`,
          impact: 'outcome',
          severity: 'error',
          title: `Service ${service.name} has no PRIMARY deployment`,
        },
      ]
    }

    const failed = service.deployments.filter((d) => d.rolloutState === 'FAILED' && d !== primary)
    const newerFailed = failed.find((f) => isOlderRevision(primary.taskDefinition, f.taskDefinition))
    const rollbackEvent = rollbackTarget(service, primary)
    const reasonSaysRollback = /roll(ing|ed)?[ -]?back/i.test(primary.rolloutStateReason ?? '')
    if (newerFailed || rollbackEvent || reasonSaysRollback) {
      const what = newerFailed ? `${taskDefinitionLabel(newerFailed.taskDefinition)} (${newerFailed.id})` : 'the new deployment'
      const still = primary.rolloutState === 'IN_PROGRESS' ? ' The rollback is still in progress.' : ''
      return [
        {
          detail: `The deployment circuit breaker stopped ${what} after its tasks failed and restored ${taskDefinitionLabel(primary.taskDefinition)}. The service may be steady, but it runs the previous version: the deployment failed.${still}`,
          evidence: [...evidence, ...(rollbackEvent ? [`event ${rollbackEvent}`] : [])],
          fix: NEXT,
          impact: 'outcome',
          severity: 'error',
          title: `Deployment rolled back: the service runs ${taskDefinitionLabel(primary.taskDefinition)} again after ${what} failed`,
        },
      ]
    }

    const failedNow = primary.rolloutState === 'FAILED' ? primary : failed[0]
    if (failedNow) {
      const noRollback = service.circuitBreaker && !service.circuitBreaker.rollback
      return [
        {
          detail: `ECS marked ${failedNow.id} (${taskDefinitionLabel(failedNow.taskDefinition)}) FAILED${failedNow.rolloutStateReason ? `: ${redactText(failedNow.rolloutStateReason)}` : ''}.${noRollback ? ' The circuit breaker does not roll back, so the service stays on the failed version.' : ''}`,
          evidence,
          fix: `${NEXT}${noRollback ? ' Consider enabling rollback in the deployment circuit breaker.' : ''}`,
          impact: 'outcome',
          severity: 'error',
          title: `Deployment ${failedNow.id} failed`,
        },
      ]
    }

    return judgeLive(service, primary, evidence)
  },
  title: 'The last deployment succeeded',
})

function judgeLive(service: ServiceStateFact, primary: ServiceDeploymentFact, evidence: string[]): FindingInput[] {
  const inProgress = primary.rolloutState === 'IN_PROGRESS' || service.deployments.length > 1
  const failedTasks = primary.failedTasks ?? 0
  if (inProgress && failedTasks > 0) {
    return [
      {
        detail: `${failedTasks} task${failedTasks === 1 ? '' : 's'} of ${primary.id} (${taskDefinitionLabel(primary.taskDefinition)}) failed already; the circuit breaker fails the deployment once enough do. It is heading for a rollback unless later tasks start.`,
        evidence,
        fix: NEXT,
        impact: 'outcome',
        severity: 'error',
        title: `Deployment in progress with ${failedTasks} failed task${failedTasks === 1 ? '' : 's'}`,
      },
    ]
  }

  if (inProgress) {
    // a rollout that does not yet run every task it wants is not a success yet: never a ✔
    const short = primary.runningCount < primary.desiredCount
    return [
      {
        detail: `ECS is rolling out ${taskDefinitionLabel(primary.taskDefinition)}: ${primary.runningCount} of ${primary.desiredCount} tasks run, no task has failed yet.`,
        evidence,
        fix: `Wait, and run \`bwops doctor\` again; \`aws ecs describe-services --cluster ${service.cluster} --services ${service.name}\` shows the rollout.`,
        impact: 'health',
        severity: short ? 'warning' : 'info',
        title: `Deployment ${primary.id} is in progress`,
      },
    ]
  }

  if (primary.desiredCount === 0) {
    return [
      {
        detail: 'The service wants no tasks, so nothing serves the webhook.',
        evidence,
        fix: `Set the desired count: \`aws ecs update-service --cluster ${service.cluster} --service ${service.name} --desired-count 2\`.`,
        impact: 'start',
        severity: 'warning',
        title: `Service ${service.name} is scaled to zero`,
      },
    ]
  }

  if (primary.runningCount < primary.desiredCount) {
    return [
      {
        detail: `Only ${primary.runningCount} of ${primary.desiredCount} tasks run: tasks are stopping or cannot be placed.`,
        evidence,
        fix: 'See the stopped-task-causes and service-events findings for why tasks stop.',
        impact: 'health',
        severity: 'warning',
        title: `Service ${service.name} runs ${primary.runningCount} of ${primary.desiredCount} tasks`,
      },
    ]
  }

  return []
}
