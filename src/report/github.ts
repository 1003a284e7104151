import type {Finding} from '../checks/types.js'
import type {DoctorReport} from './model.js'

// GitHub Actions workflow commands (`::error file=...,line=...,title=...::message`), escaped as the
// runner expects: in the message %, CR and LF; in a property also ':' and ','. A finding judged
// from a file carries its file and line, so the annotation lands on the pull request's diff.

export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')
}

const COMMAND: Record<Finding['severity'], string> = {error: 'error', info: 'notice', warning: 'warning'}

export interface GithubOptions {
  /** infos are notes, not problems: annotated only when asked (--annotate-infos) */
  infos?: boolean
}

function properties(f: Finding): string {
  const at = f.location ? [`file=${escapeProperty(f.location.file)}`, ...(f.location.line === undefined ? [] : [`line=${f.location.line}`])] : []
  return [...at, `title=${escapeProperty(`${f.check}: ${f.title}`)}`].join(',')
}

export function renderGithub(report: DoctorReport, options: GithubOptions = {}): string {
  const shown = report.findings.filter((f) => f.severity !== 'info' || options.infos)
  const lines = shown.map((f) => {
    const message = escapeData([f.detail, ...f.evidence.map((e) => `seen: ${e}`), `fix: ${f.fix}`].join('\n'))
    return `::${COMMAND[f.severity]} ${properties(f)}::${message}`
  })
  for (const check of report.checks.filter((c) => c.status === 'crashed')) {
    lines.push(`::warning title=${escapeProperty(`${check.id} crashed`)}::${escapeData(check.reason ?? '')}`)
  }

  const s = report.summary
  const infos = s.infos > 0 && !options.infos ? ` (${s.infos} infos not annotated: --annotate-infos)` : ''
  lines.push(`bwops doctor: ${report.verdict}: ${s.errors} errors, ${s.warnings} warnings; checks ${s.passed} passed, ${s.warning} warned, ${s.failed} failed, ${s.skipped} skipped, ${s.crashed} crashed${infos}`)
  return lines.join('\n')
}
