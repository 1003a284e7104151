import type {ProbeFact} from '../docker/types.js'
import type {Profile} from '../profile/types.js'
import {defineCheck, type FindingInput} from './types.js'

// Judges what a local run of the image saw (bwops probe, doctor --probe). The probe only records;
// this check says what it means, so a crash seen on a laptop reads like one seen on ECS.

const EXIT_MEANING: Record<number, string> = {
  1: 'the app failed (an application error)',
  2: 'the command line was wrong',
  126: 'the command is not executable',
  127: 'the command was not found in the image',
  137: 'it was killed (SIGKILL: out of memory, or not stopping in time)',
  139: 'it crashed (segmentation fault)',
  143: 'it was terminated (SIGTERM)',
}

const TAIL = 8

function tail(probe: ProbeFact): string[] {
  return probe.logs.slice(-TAIL).map((l) => `${l.stream}: ${l.text}`)
}

function exitFindings(probe: ProbeFact): FindingInput[] {
  const exit = probe.exit
  if (!exit) return []
  if (exit.oomKilled) {
    return [{
      detail: `The kernel killed the container for using more than its memory limit${probe.memoryLimitMiB ? ` (${probe.memoryLimitMiB} MiB)` : ''}; on ECS the task stops with "OutOfMemoryError: Container killed due to memory usage" and exit code 137.`,
      evidence: [`exit code ${exit.code}, OOMKilled true`, ...tail(probe)],
      fix: 'Raise the memory of the task definition (task `memory` and the container\'s `memory`), or find what grows without bound; probe again with --memory MiB to try a size.',
      impact: 'start',
      severity: 'error',
      title: 'The container was killed for running out of memory',
    }]
  }

  if (probe.logMatches.length > 0) {
    return probe.logMatches.map((m) => ({
      detail: `The container exited with code ${exit.code} before answering its health check, and its log says why: ${m.cause} ECS would stop the task with "Essential container in task exited".`,
      evidence: [`log: ${m.line}`, `exit code ${exit.code}`],
      fix: m.fix,
      impact: 'start' as const,
      severity: 'error' as const,
      title: `The container crashed at start: ${m.title[0]?.toLowerCase() ?? ''}${m.title.slice(1)}`,
    }))
  }

  const meaning = EXIT_MEANING[exit.code] ?? (exit.code === 0 ? 'the app ended on its own, as if it had nothing to do' : 'the app failed')
  return [{
    detail: `The container exited with code ${exit.code}: ${meaning}. No known log signature explains it${exit.error ? `; Docker said: ${exit.error}` : ''}.`,
    evidence: [`exit code ${exit.code}`, ...tail(probe)],
    fix: 'Read the last log lines above (run `bwops probe --json` for all of them); a service must keep running and answer its health path.',
    impact: 'start',
    severity: 'error',
    title: `The container exited with code ${exit.code} before it was healthy`,
  }]
}

function notReadyFindings(probe: ProbeFact): FindingInput[] {
  const listening = probe.listeningPorts ?? []
  if (listening.length > 0 && !listening.includes(probe.containerPort)) {
    return [{
      detail: `Nothing answered on container port ${probe.containerPort} (from ${probe.portSource}), but the app listens on ${listening.join(', ')}. ECS sends its health checks and traffic to the container port, so every check fails and the tasks are replaced.`,
      evidence: [`asked port ${probe.containerPort}; listening: ${listening.join(', ')}`, ...tail(probe)],
      fix: `Make the two agree: set PORT=${probe.containerPort} in the container's environment (if the app reads it), or change containerPort, the target group port and the health check to ${listening[0]}.`,
      impact: 'health',
      severity: 'error',
      title: `The app listens on port ${listening.join(', ')}, not on ${probe.containerPort}`,
    }]
  }

  return [{
    detail: `The container kept running but did not answer on port ${probe.containerPort} within ${probe.timeoutSeconds} s. On ECS a health check with too short a start period replaces such a task before it is up.`,
    evidence: [`no answer on ${probe.containerPort} after ${probe.timeoutSeconds} s`, ...tail(probe)],
    fix: `Probe again with a longer --timeout to see whether it is slow or stuck; if it is slow, give the task definition's healthCheck a startPeriod (and the service a grace period) longer than its start-up.`,
    impact: 'health',
    severity: 'error',
    title: `The app did not answer on port ${probe.containerPort} within ${probe.timeoutSeconds} s`,
  }]
}

function answeredFindings(probe: ProbeFact, profile: Profile): FindingInput[] {
  const out: FindingInput[] = []
  for (const e of probe.endpoints) {
    if (e.path === '/config' || (e.status !== undefined && e.status >= 200 && e.status < 300)) continue
    out.push({
      detail: `GET ${e.path} answered ${e.status ?? `nothing (${e.error ?? 'no answer'})`}; the load balancer and ECS health checks ask ${profile.health.targetGroupPaths.join(' or ')} and replace a task that does not answer 2xx.`,
      evidence: [`GET ${e.path} -> ${e.status ?? e.error ?? 'no answer'}${e.body ? ` ${e.body}` : ''}`],
      fix: 'Read the body and the log for the reason (a missing credential or an unreachable AWS resource makes the app degraded); fix that configuration and probe again.',
      impact: 'health',
      severity: 'error',
      title: `${e.path} answered ${e.status ?? 'nothing'}, not 2xx`,
    })
  }

  const check = probe.taskHealthCheck
  if (check && check.exitCode !== 0) {
    // `curl ... || exit 1` hides the shell's 127, so the shell's own words are read too
    const tool = /([\w./-]+): (?:command )?not found/.exec(check.output)?.[1]
    const why = tool ? `: ${tool} is not in the image` : check.exitCode === 126 || check.exitCode === 127 ? ': the tool it calls is not in the image' : ''
    out.push({
      detail: `The task definition's health check command failed inside the running container (exit ${check.exitCode})${why}. ECS runs the same command and marks the task unhealthy, although the app itself answers.`,
      evidence: [`${JSON.stringify(check.command)} -> exit ${check.exitCode}${check.output ? `: ${check.output.split('\n')[0]}` : ''}`],
      fix: 'Make the command work in the image: call a tool the image ships (or install curl), and ask the container port and a health path.',
      impact: 'health',
      severity: 'error',
      title: 'The task definition\'s health check fails inside the container',
    })
  }

  const startPeriod = profile.health.minStartPeriodSeconds
  if (probe.readyAfterMs !== undefined && probe.readyAfterMs > startPeriod * 1000) {
    out.push({
      detail: `The app took ${(probe.readyAfterMs / 1000).toFixed(1)} s to answer here, longer than the ${startPeriod} s start period a health check should allow; on Fargate it is often slower still.`,
      evidence: [`ready after ${(probe.readyAfterMs / 1000).toFixed(1)} s`],
      fix: `Give the task definition's healthCheck a startPeriod above ${Math.ceil(probe.readyAfterMs / 1000) * 2} s, and the service a healthCheckGracePeriodSeconds at least as long.`,
      impact: 'health',
      severity: 'warning',
      title: 'The app starts slowly',
    })
  }

  return out
}

export default defineCheck({
  description:
    'Judges a local run of the image (`bwops probe`, `doctor --probe`): a crash at start (with its exit code, out-of-memory kill and the log line that explains it), an app that never answers or listens on another port, health paths that do not answer 2xx, a task definition health check that fails inside the container, a slow start, and where the image and the task definition disagree.',
  id: 'local-probe',
  subject: 'local-probe',
  needs: ['probe'],
  run({probe}, profile) {
    const out: FindingInput[] =
      probe.outcome === 'crashed' ? exitFindings(probe) : probe.outcome === 'not-ready' ? notReadyFindings(probe) : answeredFindings(probe, profile)
    for (const m of probe.comparison) {
      out.push({
        detail: `The image and the task definition disagree on the ${m.what}: ${m.note}.`,
        evidence: [`image: ${m.image}`, `task definition: ${m.taskDefinition}`],
        fix: `Make the task definition's ${m.what} match the image, or change the image; then probe again with --from-task-definition.`,
        impact: m.what === 'port' || m.what === 'healthcheck' ? 'health' : 'start',
        severity: m.severity,
        title: `The image's ${m.what} differs from the task definition's`,
      })
    }

    if (probe.missingSecrets.length > 0) {
      out.push({
        detail: 'The task definition takes these variables from `secrets`, and the probe ran without them, so it may fail where ECS would not (or the other way round).',
        evidence: probe.missingSecrets.map((n) => `secret variable ${n} not passed`),
        fix: `Pass them with --env-file or --env NAME (from this shell), or let bwops read them with --resolve-secrets.`,
        impact: 'start',
        severity: 'info',
        title: `The probe ran without ${probe.missingSecrets.length} secret variable${probe.missingSecrets.length === 1 ? '' : 's'}`,
      })
    }

    return out
  },
  title: 'The image starts and answers its health checks locally',
})
