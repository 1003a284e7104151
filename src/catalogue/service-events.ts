import type {Severity} from '../checks/types.js'
import type {ServiceEventFact} from '../facts/live-types.js'
import {fillEntry, type CatalogueEntry, type Filled, matchEntry} from './types.js'

// ECS service event messages (describe-services `events`), newest first as ECS returns them.
// Wording varies a little between platform versions: patterns match stable parts.

export type ServiceEventEntry = CatalogueEntry & {
  severity: Severity
  /** part of a deployment's outcome rather than a task's trouble */
  kind: 'outcome' | 'problem' | 'progress'
}

const DEPLOYMENT = String.raw`(?<deployment>ecs-svc\/\w+)`

export const serviceEventEntries: ServiceEventEntry[] = [
  {
    cause: 'The deployment {deployment} failed: {reason}. The circuit breaker stopped it after too many tasks failed.',
    details: [/deployment failed:?\s*(?<reason>.+)/i],
    fallbacks: {deployment: 'the new deployment', reason: 'tasks failed to start'},
    fix: 'Find why the tasks failed: the stopped-task-causes and container-log-signatures findings of this report name it.',
    id: 'deployment-failed',
    impact: 'outcome',
    kind: 'outcome',
    pattern: new RegExp(String.raw`(\(deployment ${DEPLOYMENT}\) )?deployment failed`, 'i'),
    severity: 'error',
    title: 'Deployment {deployment} failed',
  },
  {
    cause: 'The deployment circuit breaker tripped and ECS rolled the service back to deployment {deployment}, which runs the previous task definition.',
    fallbacks: {deployment: 'the last completed deployment'},
    fix: 'Fix what made the new tasks fail (see stopped-task-causes), then deploy again; the service keeps serving the old version meanwhile.',
    id: 'circuit-breaker-rollback',
    impact: 'outcome',
    kind: 'outcome',
    pattern: new RegExp(String.raw`rolling back to deployment ${DEPLOYMENT}|circuit breaker.*roll`, 'i'),
    severity: 'error',
    title: 'The circuit breaker rolled the service back to {deployment}',
  },
  {
    cause: 'ECS could not place a task: {reason}.',
    details: [/Reason:\s*(?<reason>.+)/i, /because (?<reason>no container instance met all of its requirements)/i],
    fallbacks: {reason: 'no capacity met its requirements'},
    fix: 'For Fargate: check the subnets have free IP addresses, the platform version and CPU/memory combination are valid, and the account has Fargate capacity (Service Quotas).',
    id: 'unable-to-place',
    impact: 'start',
    kind: 'problem',
    pattern: /unable to place a task/i,
    severity: 'error',
    title: 'ECS was unable to place tasks',
  },
  {
    cause: 'The load balancer found tasks unhealthy on port {port}: {reason}. ECS stops such tasks and starts new ones.',
    details: [/\(port (?<port>\d+)\)/i, /target-group (?<targetGroup>[^)\s]+)/i, /\(reason (?<reason>[^)]*)\)/i, /codes:?\s*\[(?<codes>[^\]]*)\]/i],
    fallbacks: {codes: 'none', port: 'the container port', reason: 'health checks failed'},
    fix: "Make the target group's health check path answer 200 on the container port (the webhook's /health/ready); a 502/503 means the app did not answer or was not ready (lengthen the grace period), a 404 a wrong path, a timeout a security group or a wrong port.",
    id: 'unhealthy-in-target-group',
    impact: 'health',
    kind: 'problem',
    pattern: /is unhealthy in \(?target-group/i,
    severity: 'error',
    title: 'Tasks unhealthy in the target group (codes {codes})',
  },
  {
    cause: "A task's container health check command failed, so ECS replaced it.",
    fix: "Run the healthCheck command in the image (`docker run --rm <image> sh -c '<command>'`): fix its port or path, ship the tool it calls (curl), or lengthen startPeriod.",
    id: 'failed-container-health-checks',
    impact: 'health',
    kind: 'problem',
    pattern: /failed container health checks/i,
    severity: 'error',
    title: 'Tasks failed their container health checks',
  },
  {
    cause: 'ECS failed to launch a task: {error}.',
    details: [/failed to launch a task with \(error (?<error>.+)\)\.?$/i],
    fallbacks: {error: 'see the event'},
    fix: 'Read the error: a role ECS cannot assume needs a trust policy for ecs-tasks.amazonaws.com; a missing subnet or security group must be fixed in the service\'s network configuration.',
    id: 'failed-to-launch',
    impact: 'start',
    kind: 'problem',
    pattern: /failed to launch a task/i,
    severity: 'error',
    title: 'ECS failed to launch tasks',
  },
  {
    cause: 'Tasks kept stopping soon after they started, so ECS slowed down launching new ones.',
    fix: 'Find why the tasks stop: see stopped-task-causes and container-log-signatures.',
    id: 'unable-to-start-consistently',
    impact: 'start',
    kind: 'problem',
    pattern: /unable to consistently start tasks/i,
    severity: 'error',
    title: 'ECS is unable to consistently start tasks',
  },
  {
    cause: 'ECS could not register the tasks with the load balancer target group.',
    fix: "Check the target group exists, is of type ip for Fargate, and its port and VPC match the service's.",
    id: 'target-registration-failed',
    impact: 'health',
    kind: 'problem',
    pattern: /failed to register targets/i,
    severity: 'error',
    title: 'Tasks could not be registered with the target group',
  },
  {
    cause: 'The deployment {deployment} completed.',
    fallbacks: {deployment: 'the deployment'},
    fix: 'Nothing to fix.',
    id: 'deployment-completed',
    impact: 'hygiene',
    kind: 'progress',
    pattern: new RegExp(String.raw`(\(deployment ${DEPLOYMENT}\) )?deployment completed`, 'i'),
    severity: 'info',
    title: 'Deployment {deployment} completed',
  },
  {
    cause: 'The running count matched the desired count and every task was healthy.',
    fix: 'Nothing to fix.',
    id: 'steady-state',
    impact: 'hygiene',
    kind: 'progress',
    pattern: /has reached a steady state/i,
    severity: 'info',
    title: 'The service reached a steady state',
  },
]

export interface ClassifiedEvent extends Filled {
  entry: ServiceEventEntry
  event: ServiceEventFact
}

/** The catalogue entry an event matches, filled from its text; undefined for routine events. */
export function classifyServiceEvent(event: ServiceEventFact): ClassifiedEvent | undefined {
  for (const entry of serviceEventEntries) {
    const values = matchEntry(entry, event.message)
    if (values) return {entry, event, ...fillEntry(entry, values)}
  }

  return undefined
}
