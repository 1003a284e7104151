import type {Diagnosis} from './diagnose.js'
import type {Plan} from './plan.js'
import type {PreflightResult} from './preflight.js'
import type {Progress, WatchState} from './watch-state.js'

// Display only: each function turns data into lines. No colour codes: the command's view adds them.

export function describePlan(plan: Plan): string[] {
  const lines = [
    `Deploying ${plan.stackName} in ${plan.region} (account ${plan.account})${plan.stack ? `, updating a stack now ${plan.stack.status}` : ', a new stack'}`,
    `  mode:  ${plan.mode.mode} (${plan.mode.why})`,
    `  image: ${plan.image.uri}`,
  ]
  for (const note of plan.notes) lines.push(`  ${note}`)
  return lines
}

const MARK = {error: '✖', info: 'ℹ', warning: '▲'} as const

export function describePreflight(result: PreflightResult, force: boolean): string[] {
  const lines = [`Preflight: ${result.errors} error(s), ${result.warnings} warning(s)`]
  for (const item of result.items) {
    lines.push(`  ${MARK[item.severity]} ${item.title}${item.source === 'preflight' ? '' : ` [${item.source}]`}`)
    if (item.fix && item.severity !== 'info') lines.push(`      fix: ${item.fix}`)
  }

  if (result.errors > 0 && force) lines.push('  --force: deploying anyway')
  return lines
}

export function progressLine(p: Progress, timestamps: boolean): string {
  const head = timestamps ? `${new Date(p.at).toISOString()} ` : ''
  return `${head}${p.kind.padEnd(7)} ${p.text}`
}

export function statusLine(state: WatchState, now: number): string {
  const s = Math.max(0, Math.round((now - state.startedAt) / 1000))
  const clock = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
  const parts = [`stack ${state.stackStatus ?? 'starting'}`]
  if (state.rollout) parts.push(`deployment ${state.rollout}`)
  return `${clock}  ${parts.join(' · ')}`
}

export function describeDiagnosis(d: Diagnosis): string[] {
  const lines = ['', `✖ ${d.headline}`]
  if (d.detail) lines.push(`  ${d.detail}`)
  if (d.stop) {
    lines.push(`  cause: ${d.stop.cause}`, `  fix:   ${d.stop.fix}`)
    for (const e of d.stop.evidence) lines.push(`    ${e}`)
  }

  if (d.logs) {
    if (d.logs.unavailable) lines.push(`  logs: ${d.logs.unavailable}`)
    else {
      lines.push(`  last ${d.logs.lines.length} log line(s) of ${d.logs.stream}:`)
      for (const l of d.logs.lines) lines.push(`    ${l.message}`)
    }
  }

  if (d.findings.length > 0) {
    lines.push('  the doctor also finds:')
    for (const f of d.findings.slice(0, 5)) lines.push(`    ✖ ${f.title} [${f.check}]`, `      fix: ${f.fix}`)
  }

  lines.push('  look again with:', ...d.lookAgain.map((c) => `    ${c}`))
  return lines
}
