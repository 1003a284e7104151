import type {StackEventFact} from '../facts/live-types.js'
import {fillEntry, type CatalogueEntry, type Filled, matchEntry} from './types.js'

// CloudFormation resource failures: the first FAILED event of an operation is the root; the
// "Resource creation cancelled" events after it are consequences of the rollback.

const FAILED = /_FAILED$/
const CONSEQUENCE = /Resource (creation|update|deletion) cancelled|cancelled|The following resource\(s\) failed to/i

export function isFailedEvent(event: StackEventFact): boolean {
  return FAILED.test(event.resourceStatus)
}

export function isConsequence(event: StackEventFact): boolean {
  return CONSEQUENCE.test(event.resourceStatusReason ?? '')
}

/** A stack whose last operation failed: ROLLBACK_*, UPDATE_ROLLBACK_*, *_FAILED. */
export function isFailedStackStatus(status: string): boolean {
  return /ROLLBACK|_FAILED$/.test(status)
}

export const stackFailureEntries: CatalogueEntry[] = [
  {
    cause: 'The ECS service never reached a steady state: its tasks kept failing until the deployment circuit breaker (or the stabilization timeout) gave up.',
    fix: 'Find why the tasks failed: run `bwops doctor` against the service (stopped-task-causes, container-log-signatures); fix it, then deploy again.',
    id: 'stack-ecs-not-stable',
    impact: 'start',
    pattern: /Circuit Breaker|did not stabilize|failed to stabilize|not stabilized/i,
    title: 'The ECS service did not stabilize',
  },
  {
    cause: 'The identity deploying the stack lacks {action}.',
    details: [/not authorized to perform:?\s*(?<action>[\w:*-]+)/i],
    fallbacks: {action: 'a permission the resource needs'},
    fix: 'Grant the deploying identity (or the stack\'s CloudFormation service role) {action}, then deploy again.',
    id: 'stack-not-authorized',
    impact: 'start',
    pattern: /not authorized to perform|AccessDenied/i,
    title: 'CloudFormation was denied {action}',
  },
  {
    cause: 'A resource with the same name already exists outside this stack (often left by an earlier, deleted stack with Retain).',
    fix: 'Delete the existing resource, import it into the stack, or give the stack another name for it; then deploy again.',
    id: 'stack-already-exists',
    impact: 'start',
    pattern: /already exists/i,
    title: 'A resource of the same name already exists',
  },
  {
    cause: 'An account limit or quota was reached.',
    fix: 'Free capacity (delete unused resources) or raise the quota in Service Quotas, then deploy again.',
    id: 'stack-limit-exceeded',
    impact: 'start',
    pattern: /LimitExceeded|limit exceeded|quota/i,
    title: 'An AWS limit was reached',
  },
  {
    cause: 'A resource refers to something that does not exist (a secret, a subnet, a certificate, an image).',
    fix: 'Check the parameter or property the reason names, then deploy again.',
    id: 'stack-reference-not-found',
    impact: 'start',
    pattern: /not found|does not exist|can't find|NotFound/i,
    title: 'A referenced resource does not exist',
  },
  {
    cause: 'A property or parameter is not valid for the resource.',
    fix: 'Correct the property the reason names (in the template or the parameters), then deploy again.',
    id: 'stack-invalid-property',
    impact: 'start',
    pattern: /Invalid|validation failed|ValidationError|must be|is not valid/i,
    title: 'A resource property is not valid',
  },
  {
    cause: 'The resource failed; the reason says why.',
    fix: 'Read the reason in the evidence; fix the property or permission it names, then deploy again.',
    id: 'stack-resource-failed',
    impact: 'start',
    pattern: /[\s\S]*/,
    title: 'A resource failed',
  },
]

/** The catalogue entry that explains a failed resource event; the last entry catches every reason. */
export function classifyStackFailure(event: StackEventFact): Filled & {id: string} {
  const reason = event.resourceStatusReason ?? ''
  for (const entry of stackFailureEntries) {
    const values = matchEntry(entry, reason)
    if (values) return {id: entry.id, ...fillEntry(entry, values)}
  }

  const last = stackFailureEntries[stackFailureEntries.length - 1] as CatalogueEntry
  return {id: last.id, ...fillEntry(last, {})}
}
