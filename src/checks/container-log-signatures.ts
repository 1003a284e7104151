import {classifyLogLines, type LogMatch, signaturesFor} from '../catalogue/log-signatures.js'
import type {LogStreamFact, TaskFact, TasksFact} from '../facts/live-types.js'
import {taskRan} from '../facts/task-ran.js'
import {failedExit, quoteFindings, unavailableFindings} from './lib/log-findings.js'
import {logSubject} from './lib/log-subject.js'
import {defineCheck, type FindingInput} from './types.js'

const MAX_CONTEXT = 6

interface Group {
  match: LogMatch
  streams: {stream: LogStreamFact; match: LogMatch}[]
}

function linesOf(matches: LogMatch[], id: string): string[] {
  return [...new Set(matches.filter((m) => m.id === id).map((m) => m.line))].slice(0, 5)
}

function excerpt(stream: LogStreamFact, match: LogMatch): string[] {
  const at = stream.lines[match.index]?.timestamp
  const head = `task ${stream.taskId}, container ${stream.container}, stream ${stream.stream}${at ? `, at ${at}` : ''}:`
  const context = match.context.slice(-MAX_CONTEXT).map((line) => (line === match.line ? `> ${line}` : `  ${line}`))
  return [head, ...context]
}

export default defineCheck({
  description:
    "Reads the last log lines of the service's (stopped) tasks for known failures: a Python traceback (its exception line), the webhook's configuration errors (missing configuration, the Quilt stack or Benchling secret that could not be resolved), AWS AccessDenied (naming the action and resource), missing or expired AWS credentials, an address already in use, gunicorn and uvicorn boot errors, import errors. Shows the matched line with its context, redacted; the same failure in several tasks is one finding with their count and ids. When a container exited non-zero and nothing known matches, quotes its last meaningful lines (errors, usage messages, exceptions; at most 5, redacted). A stream whose log group was deleted with a rolled-back stack is reported with how to keep it; a task that failed to start wrote no log, and its missing stream is not a problem.",
  id: 'container-log-signatures',
  needs: ['containerLogs'],
  run({containerLogs, tasks}, profile) {
    const byId = new Map<string, TaskFact>([...(tasks?.stopped ?? []), ...(tasks?.running ?? [])].map((t) => [t.taskId, t]))
    const unreadable: LogStreamFact[] = []
    const unexplained: {stream: LogStreamFact; exitCode: number}[] = []
    const groups = new Map<string, Group>()
    const matchesOf = new Map<LogStreamFact, LogMatch[]>()
    for (const stream of containerLogs.streams) {
      const task = byId.get(stream.taskId)
      if (stream.unavailable) {
        // a task that never ran a container, or may not have, has no stream to miss
        if (!task || taskRan(task) === 'ran') unreadable.push(stream)
        continue
      }

      const matches = classifyLogLines(stream.lines.map((l) => l.message), signaturesFor(profile.logSignatures))
      matchesOf.set(stream, matches)
      for (const match of matches) {
        const key = `${match.id}|${match.title}`
        const group = groups.get(key) ?? {match, streams: []}
        if (!group.streams.some((s) => s.stream === stream)) group.streams.push({match, stream})
        groups.set(key, group)
      }

      const exitCode = failedExit(task, stream.container)
      if (matches.length === 0 && exitCode !== undefined) unexplained.push({exitCode, stream})
    }

    const known = [...groups.values()].map((g) => toFinding(g, tasks, (st) => matchesOf.get(st) ?? []))
    return [...known, ...quoteFindings(unexplained), ...unavailableFindings(unreadable)]
  },
  title: 'Known failures in the container logs',
  uses: ['tasks'],
})

function toFinding(group: Group, tasks: TasksFact | undefined, matchesOf: (s: LogStreamFact) => LogMatch[]): FindingInput {
  const {match} = group
  const ids = [...new Set(group.streams.map((s) => s.stream.taskId))]
  const running = new Set(tasks?.running.map((t) => t.taskId) ?? [])
  // A failure logged by a task that still runs did not stop it; one in a stopped task may have.
  const allRunning = ids.every((id) => running.has(id))
  const first = group.streams[0]
  return {
    detail: `${match.cause} Logged by task${ids.length === 1 ? '' : 's'} ${ids.join(', ')}${allRunning ? ', which still run' : ''}.`,
    evidence: [...(ids.length > 1 ? [`logged the same way by ${ids.length} tasks: ${ids.join(', ')}`] : []), ...(first ? excerpt(first.stream, first.match) : [match.line])],
    fix: match.fix,
    impact: match.impact,
    // every line of the first stream this signature matched (a wrapper, the exception, its cause)
    quote: first ? linesOf(matchesOf(first.stream), match.id) : [match.line],
    severity: allRunning ? 'warning' : 'error',
    subject: logSubject(match, first?.stream.container ?? 'task'),
    tasks: ids,
    title: ids.length > 1 ? `${match.title} (${ids.length} tasks)` : match.title,
  }
}
