import type {CheckStatus} from '../checks/engine.js'
import type {DoctorReport} from './model.js'
import {absoluteDocs} from './links.js'
import {LAYER} from './text-words.js'

// A summary for $GITHUB_STEP_SUMMARY or a pull request comment; its links are absolute.

const ICON: Record<CheckStatus, string> = {crashed: '💥', failed: '❌', passed: '✅', skipped: '⏭️', warning: '⚠️'}
const VERDICT = {failed: '❌ Failed', incomplete: '💥 Incomplete', passed: '✅ Passed', warnings: '⚠️ Passed with warnings'}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll(/\r?\n/g, ' ')
}

export function renderMarkdown(report: DoctorReport): string {
  const s = report.summary
  const mode = report.target.mode ? `${report.target.mode.value}${report.target.mode.inferred ? ' (inferred)' : ''}` : 'unknown'
  const out = [
    `## bwops doctor: ${VERDICT[report.verdict]}`,
    '',
    `${s.errors} errors, ${s.warnings} warnings · mode ${mode}${report.target.release ? ` · ${report.target.release.version ? `release ${report.target.release.version} (line ${report.target.release.line})` : 'release not known'}` : ''} · facts from ${report.target.sources.map((x) => `\`${x}\``).join(', ') || 'nothing'}`,
    '',
  ]
  const root = report.findings.find((f) => f.severity === 'error')
  if (root) {
    // the evidence that proves it, as the diagnosis chained it (configuration -> ECS -> app log)
    const cause = report.causes.find((c) => c.finding === root.id)
    const chain = (cause?.chain ?? []).filter((step) => step.finding !== root.id).map((step) => `- ${LAYER[step.layer]}: ${cell(step.text)}`)
    out.push(`**Likely root cause:** ${root.title}`, '', ...(chain.length > 0 ? [...chain, ''] : []), `**Fix:** ${root.fix}`, '')
  }
  out.push('| | Check | Result |', '|---|---|---|')
  for (const c of report.checks) {
    const result = c.status === 'skipped' || c.status === 'crashed' ? `${c.status}: ${c.reason ?? ''}` : c.findings === 0 ? 'passed' : `${c.findings} finding${c.findings === 1 ? '' : 's'}`
    out.push(`| ${ICON[c.status]} | \`${c.id}\` ${cell(c.title)} | ${cell(result)} |`)
  }

  if (report.findings.length > 0) out.push('', '### Findings', '')
  for (const f of report.findings) {
    const docs = absoluteDocs(f.docs)
    const at = f.location ? `\`${f.location.file}${f.location.line === undefined ? '' : `:${f.location.line}`}\`` : undefined
    out.push(
      `<details${f.severity === 'error' ? ' open' : ''}><summary><b>${f.severity}</b> · <code>${f.check}</code> · ${escapeHtml(f.title)}</summary>`,
      '',
      f.detail,
      '',
      ...(at ? [`- at: ${at}`] : []),
      ...f.evidence.map((e) => `- seen: ${e}`),
      '',
      `**Fix:** ${f.fix}`,
      '',
      // a link relative to this project would break in the repository that shows the summary
      ...(docs ? [`[docs](${docs})`] : []),
      '</details>',
      '',
    )
  }

  return out.join('\n')
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}
