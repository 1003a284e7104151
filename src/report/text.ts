import {Chalk, type ChalkInstance} from 'chalk'

import type {CheckStatus} from '../checks/engine.js'
import type {Finding, Severity} from '../checks/types.js'
import type {DoctorReport} from './model.js'

export interface TextOptions {
  color: boolean
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColor(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true
  return Boolean(stream.isTTY) && env.TERM !== 'dumb'
}

const MARK: Record<CheckStatus, string> = {crashed: '!', failed: '✖', passed: '✔', skipped: '-', warning: '▲'}
const SEVERITY_MARK: Record<Severity, string> = {error: '✖ error', info: 'ℹ info', warning: '▲ warning'}

export function renderText(report: DoctorReport, options: TextOptions): string {
  const c = new Chalk({level: options.color ? 1 : 0})
  const tint: Record<CheckStatus, ChalkInstance> = {crashed: c.magenta, failed: c.red, passed: c.green, skipped: c.dim, warning: c.yellow}
  const lines: string[] = []
  const {target} = report
  const mode = target.mode
    ? `mode ${target.mode.value}${target.mode.inferred ? ` (inferred: ${target.mode.why})` : ''}`
    : `mode unknown: ${target.modeUnknown ?? 'not given'}`
  lines.push(c.bold(`bwops doctor · ${target.profile} · ${mode}`))
  if (target.sources.length > 0) lines.push(c.dim(`facts from: ${target.sources.join('; ')}`))
  for (const notice of report.notices) lines.push(c.yellow(`note: ${notice}`))
  lines.push('')
  for (const check of report.checks) {
    const head = `${tint[check.status](MARK[check.status])} ${c.bold(check.id)}  ${check.title}`
    lines.push(check.status === 'skipped' || check.status === 'crashed' ? `${head}: ${check.status}, ${check.reason ?? ''}` : head)
    for (const finding of report.findings.filter((f) => f.check === check.id)) lines.push(...renderFinding(finding, c))
  }

  lines.push('')
  const root = report.findings.find((f) => f.severity === 'error')
  if (root) lines.push(c.bold(`Likely root cause: ${root.title}`), `  fix: ${root.fix}`, '')
  lines.push(summaryLine(report, c))
  return lines.join('\n')
}

function renderFinding(f: Finding, c: ChalkInstance): string[] {
  const color = f.severity === 'error' ? c.red : f.severity === 'warning' ? c.yellow : c.cyan
  const out = [`    ${color(SEVERITY_MARK[f.severity])}  ${f.title}`, `      why:  ${f.detail}`]
  for (const item of f.evidence) out.push(`      seen: ${item}`)
  out.push(`      fix:  ${f.fix}`, c.dim(`      docs: ${f.docs}`))
  return out
}

function summaryLine(report: DoctorReport, c: ChalkInstance): string {
  const s = report.summary
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const verdict = {failed: c.red.bold('FAILED'), incomplete: c.magenta.bold('INCOMPLETE'), passed: c.green.bold('PASSED'), warnings: c.yellow.bold('PASSED WITH WARNINGS')}[report.verdict]
  return `${verdict}: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')} · checks: ${s.passed} passed, ${s.warning} warned, ${s.failed} failed, ${s.skipped} skipped, ${s.crashed} crashed`
}
