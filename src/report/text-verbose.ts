import {Chalk, type ChalkInstance} from 'chalk'

import type {CheckStatus} from '../checks/engine.js'
import type {Finding, Severity} from '../checks/types.js'
import {LAYER} from './text-words.js'
import type {DoctorReport} from './model.js'

// `doctor --verbose`: every check and every finding with all it has, then the likely cause.

const MARK: Record<CheckStatus, string> = {crashed: '!', failed: '✖', passed: '✔', skipped: '-', warning: '▲'}
const SEVERITY_MARK: Record<Severity, string> = {error: '✖ error', info: 'ℹ info', warning: '▲ warning'}

export function renderVerboseText(report: DoctorReport, options: {color: boolean}): string {
  const c = new Chalk({level: options.color ? 1 : 0})
  const tint: Record<CheckStatus, ChalkInstance> = {crashed: c.magenta, failed: c.red, passed: c.green, skipped: c.dim, warning: c.yellow}
  const lines: string[] = []
  const {target} = report
  const mode = target.mode
    ? `mode ${target.mode.value}${target.mode.inferred ? ` (inferred: ${target.mode.why})` : ''}`
    : `mode unknown: ${target.modeUnknown ?? 'not given'}`
  lines.push(c.bold(`bwops doctor · ${target.profile} · ${mode}`))
  if (target.release) lines.push(c.dim(`release: ${target.release.title}; ${target.release.why}`))
  if (target.sources.length > 0) lines.push(c.dim(`facts from: ${target.sources.join('; ')}`))
  for (const notice of report.notices) lines.push(c.yellow(`note: ${notice}`))
  lines.push('')
  for (const check of report.checks) {
    const head = `${tint[check.status](MARK[check.status])} ${c.bold(check.id)}  ${check.title}`
    lines.push(check.status === 'skipped' || check.status === 'crashed' ? `${head}: ${check.status}, ${check.reason ?? ''}` : head)
    for (const finding of report.findings.filter((f) => f.check === check.id)) lines.push(...renderFinding(finding, c))
  }

  lines.push('')
  const cause = report.causes[0]
  if (cause) lines.push(c.bold(`Likely cause: ${cause.title}`), ...cause.chain.map((s) => `  ${LAYER[s.layer]}: ${s.text}`), `  fix: ${cause.fix}`, '')
  lines.push(summaryLine(report, c))
  return lines.join('\n')
}

function renderFinding(f: Finding, c: ChalkInstance): string[] {
  const color = f.severity === 'error' ? c.red : f.severity === 'warning' ? c.yellow : c.cyan
  const out = [`    ${color(SEVERITY_MARK[f.severity])}  ${f.title}`, `      why:  ${f.detail}`]
  for (const item of f.evidence) out.push(`      seen: ${item}`)
  out.push(`      fix:  ${f.fix}`, ...(f.docs ? [c.dim(`      docs: ${f.docs}`)] : []))
  return out
}

export function summaryLine(report: DoctorReport, c: ChalkInstance): string {
  const s = report.summary
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const verdict = {failed: c.red.bold('FAILED'), incomplete: c.magenta.bold('INCOMPLETE'), passed: c.green.bold('PASSED'), warnings: c.yellow.bold('PASSED WITH WARNINGS')}[report.verdict]
  const line = `${verdict}: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')} · checks: ${s.passed} passed, ${s.warning} warned, ${s.failed} failed, ${s.skipped} skipped, ${s.crashed} crashed`
  const gaps = report.incomplete
  if (!gaps) return line
  const why = [
    ...(gaps.unreadable.length > 0 ? [`${plural(gaps.starved.length, 'check')} could not run because ${gaps.unreadable.join(', ')} could not be read (${gaps.starved.join(', ')})`] : []),
    ...(gaps.crashed.length > 0 ? [`${plural(gaps.crashed.length, 'check')} crashed (${gaps.crashed.join(', ')})`] : []),
  ]
  return `${line}\n${c.magenta(`not judged: ${why.join('; ')}; --verbose says why`)}`
}
