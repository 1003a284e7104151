import type {Finding} from '../checks/types.js'
import type {DoctorReport} from './model.js'

// GitHub Actions workflow commands (`::error title=...::message`), escaped as the runner expects:
// in the message %, CR and LF; in a property also ':' and ','.

export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')
}

const COMMAND: Record<Finding['severity'], string> = {error: 'error', info: 'notice', warning: 'warning'}

export function renderGithub(report: DoctorReport): string {
  const lines = report.findings.map((f) => {
    const title = escapeProperty(`${f.check}: ${f.title}`)
    const message = escapeData([f.detail, ...f.evidence.map((e) => `seen: ${e}`), `fix: ${f.fix}`].join('\n'))
    return `::${COMMAND[f.severity]} title=${title}::${message}`
  })
  for (const check of report.checks.filter((c) => c.status === 'crashed')) {
    lines.push(`::warning title=${escapeProperty(`${check.id} crashed`)}::${escapeData(check.reason ?? '')}`)
  }

  const s = report.summary
  lines.push(`bwops doctor: ${report.verdict}: ${s.errors} errors, ${s.warnings} warnings; checks ${s.passed} passed, ${s.warning} warned, ${s.failed} failed, ${s.skipped} skipped, ${s.crashed} crashed`)
  return lines.join('\n')
}
