import {Chalk} from 'chalk'

import type {DeploymentStatus, StatusSnapshot, TargetStatus} from './model.js'
import {formatAge} from './sections.js'

// The text view of a status snapshot: a headline, then the facts in the order an operator reads
// them (where, what runs, how the rollout goes, whether the load balancer is happy, what happened).

export interface RenderOptions {
  color: boolean
}

const ago = (iso: string | undefined, now: number) => {
  const at = iso ? Date.parse(iso) : Number.NaN
  return Number.isNaN(at) ? '' : `${formatAge(Math.max(0, Math.round((now - at) / 1000)))} ago`
}

export function renderStatus(s: StatusSnapshot, options: RenderOptions): string {
  const c = new Chalk({level: options.color ? 1 : 0})
  const now = Date.parse(s.observedAt)
  const mark = {degraded: c.yellow('▲'), failed: c.red('✖'), 'rolled-back': c.yellow('▲'), 'rolling-out': c.cyan('⋯'), 'scaled-to-zero': c.dim('-'), steady: c.green('✔')}[s.headline.state]
  const where = [s.target.stack, `${s.target.cluster}/${s.target.service}`, s.target.region].filter(Boolean).join(' · ')
  const lines = [c.bold(where) + c.dim(`  (as of ${s.observedAt})`), `${mark} ${s.headline.text}`, '']
  const row = (label: string, value: string) => lines.push(`${label.padEnd(11)}${value}`)
  if (s.stack) row('Stack', `${s.stack.status}${s.stack.updatedAt ? c.dim(` (updated ${ago(s.stack.updatedAt, now)})`) : ''}${s.stack.statusReason ? `: ${s.stack.statusReason}` : ''}`)
  row('Service', `${s.service.status ?? 'unknown'} · desired ${s.service.desired} · running ${s.service.running} · pending ${s.service.pending}`)
  row('Endpoint', s.endpoint ?? c.dim('unknown (no WebhookEndpoint stack output)'))
  row('Mode', s.mode ? `${s.mode.value} ${c.dim(`(${s.mode.why})`)}` : c.dim('unknown'))
  row('Image', s.image ?? c.dim('unknown'))

  lines.push('', c.bold('Deployments'))
  for (const d of s.deployments) lines.push(...deploymentLines(d, c))
  if (s.deployments.length === 0) lines.push(c.dim('  none'))

  for (const group of s.targets) {
    lines.push('', `${c.bold('Targets')} ${c.dim(`(${group.name ?? group.arn}${group.healthCheck ? `: ${group.healthCheck}` : ''})`)}`)
    for (const t of group.targets) lines.push(...targetLines(t, c))
    if (group.targets.length === 0) lines.push(c.dim('  no targets registered'))
  }

  if (s.events.length > 0) {
    lines.push('', c.bold('Last events'))
    for (const e of s.events) lines.push(`  ${ago(e.at, now).padEnd(9)} ${e.source.padEnd(8)} ${e.message}`)
  }

  const missing = Object.entries(s.unavailable)
  if (missing.length > 0) {
    lines.push('', c.bold('Not available'))
    for (const [name, why] of missing) lines.push(`  ${name}: ${why}`)
  }

  return lines.join('\n')
}

function deploymentLines(d: DeploymentStatus, c: InstanceType<typeof Chalk>): string[] {
  const state = d.rolloutState ?? ''
  const colored = state === 'FAILED' ? c.red(state.padEnd(11)) : state === 'COMPLETED' ? c.green(state.padEnd(11)) : state.padEnd(11)
  const counts = `${d.running}/${d.desired} running${d.pending ? `, ${d.pending} pending` : ''}${d.failed ? `, ${d.failed} failed` : ''}`
  const age = d.ageSeconds === undefined ? '' : `${formatAge(d.ageSeconds)} old`
  const out = [`  ${d.status.padEnd(8)} ${colored} ${d.revision.padEnd(28)} ${counts.padEnd(28)} ${c.dim(age)}`.trimEnd()]
  if (d.rolloutStateReason) out.push(`${' '.repeat(11)}${c.dim(d.rolloutStateReason)}`)
  return out
}

function targetLines(t: TargetStatus, c: InstanceType<typeof Chalk>): string[] {
  const mark = t.state === 'healthy' ? c.green('✔') : t.state === 'initial' || t.state === 'draining' ? c.yellow('⋯') : c.red('✖')
  const where = `${t.id}${t.port === undefined ? '' : `:${t.port}`}`
  const why = [t.reason, t.description].filter(Boolean).join(': ')
  const out = [`  ${mark} ${where.padEnd(22)} ${t.state}${why ? `  ${why}` : ''}`]
  if (t.hint) out.push(`${' '.repeat(4)}${c.dim(`→ ${t.hint}`)}`)
  return out
}
