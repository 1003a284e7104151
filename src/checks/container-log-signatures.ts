import {classifyLogLines, type LogMatch, signaturesFor} from '../catalogue/log-signatures.js'
import {redactText} from '../catalogue/redact.js'
import type {LogStreamFact, TasksFact} from '../facts/live-types.js'
import {defineCheck, type FindingInput} from './types.js'

const GONE = /ResourceNotFound|does not exist|not found|deleted|no such/i
const DENIED = /AccessDenied|not authorized|forbidden/i
const MAX_CONTEXT = 6

interface Group {
  match: LogMatch
  streams: {stream: LogStreamFact; match: LogMatch}[]
}

function unavailableFinding(stream: LogStreamFact): FindingInput {
  const reason = redactText(stream.unavailable ?? '')
  const evidence = [`task ${stream.taskId}, container ${stream.container}: ${stream.group} / ${stream.stream}: ${reason}`]
  if (GONE.test(reason)) {
    return {
      detail: `The log group ${stream.group} is gone, so the last lines of task ${stream.taskId} cannot be read. A log group the stack creates is deleted with it: when a first deployment fails and the stack rolls back, the logs that explain the failure go too.`,
      evidence,
      fix: 'Keep the group: give the log group DeletionPolicy and UpdateReplacePolicy Retain in the template (or create it outside the stack and pass its name); see the log-group check (docs/checks/log-group.md). Then deploy again to capture the logs.',
      impact: 'hygiene',
      severity: 'warning',
      title: `Logs of task ${stream.taskId} are gone: log group ${stream.group} was deleted`,
    }
  }

  const denied = DENIED.test(reason)
  return {
    detail: `The last log lines of task ${stream.taskId} could not be read, so a crash they explain stays unexplained.`,
    evidence,
    fix: denied
      ? `Run bwops with an identity allowed logs:GetLogEvents and logs:FilterLogEvents on ${stream.group}.`
      : `Read them directly: \`aws logs tail ${stream.group} --log-stream-names ${stream.stream} --since 1h\`.`,
    impact: 'hygiene',
    severity: 'warning',
    title: `Could not read the logs of task ${stream.taskId}`,
  }
}

function excerpt(stream: LogStreamFact, match: LogMatch): string[] {
  const at = stream.lines[match.index]?.timestamp
  const head = `task ${stream.taskId}, container ${stream.container}, stream ${stream.stream}${at ? `, at ${at}` : ''}:`
  const context = match.context.slice(-MAX_CONTEXT).map((line) => (line === match.line ? `> ${line}` : `  ${line}`))
  return [head, ...context]
}

export default defineCheck({
  description:
    "Reads the last log lines of the service's (stopped) tasks for known failures: a Python traceback (its exception line), the webhook's configuration errors (missing configuration, the Quilt stack or Benchling secret that could not be resolved), AWS AccessDenied (naming the action and resource), missing or expired AWS credentials, an address already in use, gunicorn and uvicorn boot errors, import errors. Shows the matched line with its context, redacted. A stream whose log group was deleted with a rolled-back stack is reported with how to keep it.",
  id: 'container-log-signatures',
  needs: ['containerLogs'],
  run({containerLogs, tasks}, profile) {
    const findings: FindingInput[] = []
    const groups = new Map<string, Group>()
    for (const stream of containerLogs.streams) {
      if (stream.unavailable) {
        findings.push(unavailableFinding(stream))
        continue
      }

      for (const match of classifyLogLines(stream.lines.map((l) => l.message), signaturesFor(profile.logSignatures))) {
        const key = `${match.id}|${match.line}`
        const group = groups.get(key) ?? {match, streams: []}
        if (!group.streams.some((s) => s.stream === stream)) group.streams.push({match, stream})
        groups.set(key, group)
      }
    }

    const matches = [...groups.values()].map((g) => toFinding(g, tasks))
    return [...matches, ...findings]
  },
  title: 'Known failures in the container logs',
  uses: ['tasks'],
})

function toFinding(group: Group, tasks: TasksFact | undefined): FindingInput {
  const {match} = group
  const ids = group.streams.map((s) => s.stream.taskId)
  const running = new Set(tasks?.running.map((t) => t.taskId) ?? [])
  // A failure logged by a task that still runs did not stop it; one in a stopped task may have.
  const allRunning = ids.every((id) => running.has(id))
  const first = group.streams[0]
  return {
    detail: `${match.cause} Logged by task${ids.length === 1 ? '' : 's'} ${ids.join(', ')}${allRunning ? ', which still run' : ''}.`,
    evidence: first ? excerpt(first.stream, first.match) : [match.line],
    fix: match.fix,
    impact: match.impact,
    severity: allRunning ? 'warning' : 'error',
    title: ids.length > 1 ? `${match.title} (${ids.length} tasks)` : match.title,
  }
}
