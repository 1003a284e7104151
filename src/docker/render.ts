import {Chalk} from 'chalk'

import localProbe from '../checks/local-probe.js'
import {docsFor, type FindingInput} from '../checks/types.js'
import type {Profile} from '../profile/types.js'
import type {ProbeFact} from './types.js'

// What `bwops probe` prints. The judgement comes from the local-probe check, so the probe and
// `doctor --probe` explain the same run in the same words. Every text in a ProbeFact is masked.

export const PROBE_EXIT = {healthy: 0, unhealthy: 1} as const

export interface ProbeReport {
  verdict: 'healthy' | 'unhealthy'
  probe: ProbeFact
  findings: (FindingInput & {check: string; docs: string})[]
}

export function buildProbeReport(probe: ProbeFact, profile: Profile): ProbeReport {
  const findings = localProbe.run({probe} as never, profile).map((f) => ({...f, check: localProbe.id, docs: docsFor(localProbe.id)}))
  return {findings, probe, verdict: probe.outcome === 'healthy' && !findings.some((f) => f.severity === 'error') ? 'healthy' : 'unhealthy'}
}

const LOG_TAIL = 20

export function renderProbeText(report: ProbeReport, color: boolean): string {
  const c = new Chalk({level: color ? 1 : 0})
  const p = report.probe
  const lines = [c.bold(`bwops probe · ${p.image.ref}`)]
  lines.push(`  port:     ${p.containerPort} in the container (from ${p.portSource})`)
  if (p.image.exposedPorts.length > 0) lines.push(`  EXPOSE:   ${p.image.exposedPorts.join(', ')}`)
  lines.push(`  env:      ${p.envNames.length > 0 ? p.envNames.join(', ') : '(none)'}`)
  if (p.memoryLimitMiB) lines.push(`  memory:   ${p.memoryLimitMiB} MiB`)
  lines.push('')
  if (p.readyAfterMs !== undefined) lines.push(`answered after ${(p.readyAfterMs / 1000).toFixed(1)} s`)
  for (const e of p.endpoints) {
    const ok = e.status !== undefined && e.status >= 200 && e.status < 300
    lines.push(`${ok ? c.green('✔') : c.red('✖')} GET ${e.path} -> ${e.status ?? e.error ?? 'no answer'}${e.body ? `  ${e.body}` : ''}`)
  }

  if (p.exit) lines.push(c.red(`✖ exited with code ${p.exit.code}${p.exit.oomKilled ? ' (OOMKilled: out of memory)' : ''}`))
  if (p.outcome === 'not-ready') {
    lines.push(c.red(`✖ no answer on port ${p.containerPort} within ${p.timeoutSeconds} s${p.listeningPorts ? `; listening on: ${p.listeningPorts.join(', ') || 'nothing'}` : ''}`))
  }

  if (p.taskHealthCheck) lines.push(`${p.taskHealthCheck.exitCode === 0 ? c.green('✔') : c.red('✖')} task definition health check -> exit ${p.taskHealthCheck.exitCode}`)
  if (p.logs.length > 0) {
    lines.push('', c.dim(`last ${Math.min(LOG_TAIL, p.logs.length)} of ${p.logs.length} log lines:`))
    for (const l of p.logs.slice(-LOG_TAIL)) lines.push(c.dim(`  ${l.stream === 'stderr' ? 'err' : 'out'} | `) + l.text)
  }

  if (report.findings.length > 0) lines.push('')
  for (const f of report.findings) {
    const tint = f.severity === 'error' ? c.red : f.severity === 'warning' ? c.yellow : c.cyan
    lines.push(`${tint(f.severity)}  ${f.title}`, `  why:  ${f.detail}`)
    for (const e of f.evidence ?? []) lines.push(`  seen: ${e}`)
    lines.push(`  fix:  ${f.fix}`)
  }

  lines.push('', report.verdict === 'healthy' ? c.green.bold('HEALTHY') : c.red.bold(p.outcome === 'crashed' ? 'CRASHED' : 'UNHEALTHY'))
  return lines.join('\n')
}
