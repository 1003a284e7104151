import {redactText} from '../../catalogue/redact.js'
import type {ServiceDeploymentFact, ServiceEventFact, StackEventFact, TargetHealthFact} from '../../facts/live-types.js'
import type {DeploymentStatus, StatusEvent, TargetStatus} from './model.js'
import {targetReasonHint} from './target-reasons.js'

// AWS's answers (already turned into redacted facts) cut down to what status shows.

/** How many of the newest events status shows. */
export const STATUS_EVENTS = 6

/** family:revision from a task definition ARN (arn:aws:ecs:...:task-definition/family:3). */
export function revisionOf(taskDefinition: string): string {
  return taskDefinition.split('/').pop() ?? taskDefinition
}

export function toDeployments(deployments: ServiceDeploymentFact[], now: number): DeploymentStatus[] {
  return deployments.map((d) => {
    const created = d.createdAt ? Date.parse(d.createdAt) : Number.NaN
    return {
      desired: d.desiredCount,
      id: d.id,
      pending: d.pendingCount,
      revision: revisionOf(d.taskDefinition),
      running: d.runningCount,
      status: d.status,
      taskDefinition: d.taskDefinition,
      ...(d.failedTasks === undefined ? {} : {failed: d.failedTasks}),
      ...(d.rolloutState ? {rolloutState: d.rolloutState} : {}),
      ...(d.rolloutStateReason ? {rolloutStateReason: d.rolloutStateReason} : {}),
      ...(d.createdAt ? {createdAt: d.createdAt} : {}),
      ...(Number.isNaN(created) ? {} : {ageSeconds: Math.max(0, Math.round((now - created) / 1000))}),
    }
  })
}

function stackEventText(e: StackEventFact): string {
  return `${e.logicalResourceId} ${e.resourceStatus}${e.resourceStatusReason ? `: ${e.resourceStatusReason}` : ''}`
}

/** Service and stack events, newest first, the newest few; the messages are already redacted. */
export function toEvents(service: ServiceEventFact[], stack: StackEventFact[], max = STATUS_EVENTS): StatusEvent[] {
  const all: StatusEvent[] = [
    ...service.map((e) => ({at: e.createdAt, message: e.message, source: 'service' as const})),
    ...stack.map((e) => ({at: e.timestamp, message: stackEventText(e), source: 'stack' as const})),
  ]
  // stable: on equal times the service event (said first by ECS) stays first
  return all.sort((a, b) => b.at.localeCompare(a.at)).slice(0, max)
}

export function toTargets(health: TargetHealthFact): TargetStatus[] {
  return health.targets.map((t) => {
    const hint = targetReasonHint(t.reason)
    return {
      id: t.id,
      state: t.state,
      ...(t.port === undefined ? {} : {port: t.port}),
      ...(t.reason ? {reason: t.reason} : {}),
      ...(t.description ? {description: redactText(t.description)} : {}),
      ...(hint ? {hint} : {}),
    }
  })
}

/** 45s, 12m, 3h 5m, 2d 4h */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`
  const days = Math.floor(hours / 24)
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`
}
