import {quoteLog} from '../../catalogue/log-quote.js'
import {redactText} from '../../catalogue/redact.js'
import type {LogStreamFact, TaskFact} from '../../facts/live-types.js'
import type {FindingInput} from '../types.js'

// The findings of container-log-signatures that are not a known signature: logs that could not be
// read, and the app's own last words when a container exited non-zero and nothing known matched.

const GONE = /ResourceNotFound|does not exist|not found|deleted|no such/i
const DENIED = /AccessDenied|not authorized|forbidden/i

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** One finding per kind of trouble (group gone, denied, other), however many tasks it hit. */
export function unavailableFindings(streams: LogStreamFact[]): FindingInput[] {
  const byKind = new Map<string, LogStreamFact[]>()
  for (const s of streams) {
    const reason = s.unavailable ?? ''
    const kind = GONE.test(reason) && /group/i.test(reason) ? `gone|${s.group}` : DENIED.test(reason) ? `denied|${s.group}` : `other|${s.group}`
    byKind.set(kind, [...(byKind.get(kind) ?? []), s])
  }

  return [...byKind.entries()].map(([kind, group]) => {
    const first = group[0] as LogStreamFact
    const ids = [...new Set(group.map((s) => s.taskId))]
    const which = ids.length === 1 ? `task ${ids[0]}` : plural(ids.length, 'task')
    const evidence = group.slice(0, 3).map((s) => `task ${s.taskId}, container ${s.container}: ${s.group} / ${s.stream}: ${redactText(s.unavailable ?? '')}`)
    if (group.length > 3) evidence.push(`and ${group.length - 3} more: ${ids.slice(3).join(', ')}`)
    // a deleted group is the log group's doing; logs bwops may not read say nothing of the deployment
    const base = {evidence, impact: 'hygiene' as const, severity: 'warning' as const, subject: kind.startsWith('gone|') ? 'log-group' : 'log-access', tasks: ids}
    if (kind.startsWith('gone|')) {
      return {
        ...base,
        detail: `The log group ${first.group} is gone, so the last lines of ${which} cannot be read. A log group the stack creates is deleted with it: when a first deployment fails and the stack rolls back, the logs that explain the failure go too.`,
        fix: 'Keep the group: give the log group DeletionPolicy and UpdateReplacePolicy Retain in the template (or create it outside the stack and pass its name); see the log-group check (docs/checks/log-group.md). Then deploy again to capture the logs.',
        title: `Logs of ${which} are gone: log group ${first.group} was deleted`,
      }
    }

    return {
      ...base,
      detail: `The last log lines of ${which} could not be read, so a crash they explain stays unexplained.`,
      fix: kind.startsWith('denied|')
        ? `Run bwops with an identity allowed logs:GetLogEvents and logs:FilterLogEvents on ${first.group}.`
        : `Read them directly: \`aws logs tail ${first.group} --log-stream-names ${first.stream} --since 1h\`.`,
      title: `Could not read the logs of ${which}`,
    }
  })
}

/**
 * The container's exit code, when the app ended the task by exiting with a failure: not 0, not
 * SIGTERM, and not a container ECS stopped for another reason (a failed health check, out of
 * memory), whose exit code is the stop's consequence.
 */
export function failedExit(task: TaskFact | undefined, container: string): number | undefined {
  const c = task?.containers.find((x) => x.name === container)
  const code = c?.exitCode
  if (code === undefined || code === 0 || code === 143 || /OutOfMemory/i.test(c?.reason ?? '')) return undefined
  const appEnded = task?.stopCode === undefined || task.stopCode === 'EssentialContainerExited' || /Essential container in task exited/i.test(task.stoppedReason ?? '')
  return appEnded ? code : undefined
}

/** The app's last words, for containers that exited non-zero with no known failure in their log. */
export function quoteFindings(streams: {stream: LogStreamFact; exitCode: number}[]): FindingInput[] {
  const groups = new Map<string, {quote: string[]; exitCode: number; streams: LogStreamFact[]}>()
  for (const {exitCode, stream} of streams) {
    const quote = quoteLog(stream.lines.map((l) => l.message))
    if (quote.length === 0) continue
    const key = `${stream.container}|${exitCode}|${quote.join('\n')}`
    const group = groups.get(key) ?? {exitCode, quote, streams: []}
    group.streams.push(stream)
    groups.set(key, group)
  }

  return [...groups.values()].map(({exitCode, quote, streams: group}) => {
    const first = group[0] as LogStreamFact
    const ids = group.map((s) => s.taskId)
    const last = quote.at(-1) ?? ''
    return {
      detail: `Container ${first.container} exited with code ${exitCode} and no known failure matches its log; its last lines that say what went wrong are quoted (${ids.length === 1 ? `task ${ids[0]}` : `the same in ${plural(ids.length, 'task')}: ${ids.join(', ')}`}).`,
      evidence: [`task ${first.taskId}, container ${first.container}, stream ${first.stream}:`, ...quote.map((l) => `> ${l}`)],
      fix: `Fix what the quoted line says: most often the container's command, entryPoint or environment in the task definition; then register a new revision and redeploy. The whole log: \`bwops logs --previous\`.`,
      impact: 'start',
      quote,
      severity: 'error',
      subject: `exit:${first.container}`,
      tasks: ids,
      title: `Container ${first.container} exited ${exitCode}${ids.length > 1 ? ` (${ids.length} tasks)` : ''}; its log says: ${last.length > 90 ? `${last.slice(0, 87)}...` : last}`,
    }
  })
}
