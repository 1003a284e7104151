import type {Impact} from '../checks/types.js'
import type {TaskContainerFact, TaskFact} from '../facts/live-types.js'
import {describeExitCode} from './exit-codes.js'
import {redactText} from './redact.js'
import {stopReasonEntries, type StopReasonEntry} from './stop-reason-entries.js'
import {fillEntry, matchEntry} from './types.js'

export {stopReasonEntries, type StopReasonEntry} from './stop-reason-entries.js'

export interface StopClassification {
  id: string
  title: string
  cause: string
  fix: string
  /** false for scale-in, a deployment replacing tasks, a user's stop... */
  failure: boolean
  /** false when no catalogue entry matched */
  known: boolean
  impact: Impact
  /** the task id, stoppedAt, stopCode, stoppedReason and container exit codes, redacted */
  evidence: string[]
  /** the container the cause is about, when one is */
  container?: string
  exitCode?: number
  /** what the entry's pattern picked out (a JSON key, an action), redacted */
  details?: Record<string, string>
}

const FAILURE_CODES = new Set(['TaskFailedToStart', 'EssentialContainerExited'])

/** Why a task stopped: the first catalogue entry that matches its stop code and reasons. */
export function classifyStop(task: TaskFact): StopClassification {
  const evidence = stopEvidence(task)
  for (const entry of stopReasonEntries) {
    const hit = matchStop(entry, task)
    if (!hit) continue
    const container = hit.container ?? (entry.id === 'essential-container-exited' ? culprit(task.containers) : undefined)
    const values = {...hit.values, ...containerValues(container)}
    const filled = fillEntry(entry, values)
    return {
      cause: filled.cause.trim(),
      evidence,
      failure: entry.failure,
      fix: filled.fix,
      id: entry.id,
      impact: entry.impact,
      known: true,
      title: filled.title,
      ...(Object.keys(hit.values).length > 0 ? {details: hit.values} : {}),
      ...(container ? {container: container.name} : {}),
      ...(container?.exitCode === undefined ? {} : {exitCode: container.exitCode}),
    }
  }

  const exited = culprit(task.containers)
  const failed = FAILURE_CODES.has(task.stopCode ?? '') || (exited?.exitCode !== undefined && exited.exitCode !== 0)
  const reason = redactText(task.stoppedReason ?? task.stopCode ?? 'no reason given')
  return {
    cause: `ECS gave a reason bwops does not know: "${reason}".`,
    evidence,
    failure: failed,
    fix: "Read the stoppedReason and container reasons in the evidence, and the container's last log lines (`aws logs tail <group> --since 1h`).",
    id: 'unknown',
    impact: 'start',
    known: false,
    title: `Task stopped: ${reason}`,
    ...(exited ? {container: exited.name} : {}),
    ...(exited?.exitCode === undefined ? {} : {exitCode: exited.exitCode}),
  }
}

function matchStop(entry: StopReasonEntry, task: TaskFact): {values: Record<string, string>; container?: TaskContainerFact} | undefined {
  if (entry.stopCodes && !entry.stopCodes.includes(task.stopCode ?? '')) return undefined
  if (!entry.pattern) return {values: {}}
  const asEntry = {...entry, pattern: entry.pattern}
  const fromTask = task.stoppedReason === undefined ? undefined : matchEntry(asEntry, task.stoppedReason)
  if (fromTask) return {values: fromTask}
  for (const container of task.containers) {
    const values = container.reason === undefined ? undefined : matchEntry(asEntry, container.reason)
    if (values) return {container, values}
  }

  return undefined
}

/** The container that most likely ended the task: a real failure code before SIGTERM, before 0. */
function culprit(containers: TaskContainerFact[]): TaskContainerFact | undefined {
  const rank = (c: TaskContainerFact) => (c.exitCode === undefined ? 3 : c.exitCode === 0 ? 2 : c.exitCode === 143 ? 1 : 0)
  return [...containers].sort((a, b) => rank(a) - rank(b))[0]
}

function containerValues(container: TaskContainerFact | undefined): Record<string, string> {
  if (!container) return {}
  const values: Record<string, string> = {container: container.name}
  if (container.exitCode !== undefined) {
    const meaning = describeExitCode(container.exitCode)
    Object.assign(values, {exitCause: meaning.cause, exitCode: String(container.exitCode), exitFix: meaning.fix, meaning: meaning.meaning})
  }

  return values
}

function stopEvidence(task: TaskFact): string[] {
  const lines = [`task ${task.taskId}${task.stoppedAt ? ` stopped at ${task.stoppedAt}` : ''}${task.stopCode ? ` (${task.stopCode})` : ''}`]
  if (task.stoppedReason) lines.push(`stoppedReason: ${redactText(task.stoppedReason)}`)
  for (const c of task.containers) {
    const parts = [c.exitCode === undefined ? 'no exit code' : `exit code ${c.exitCode}`]
    if (c.reason) parts.push(`reason: ${redactText(c.reason)}`)
    lines.push(`container ${c.name}: ${parts.join(', ')}`)
  }

  return lines
}
