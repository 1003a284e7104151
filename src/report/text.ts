import {Chalk, type ChalkInstance} from 'chalk'

import type {CheckStatus} from '../checks/engine.js'
import type {Finding} from '../checks/types.js'
import type {DoctorReport} from './model.js'
import {renderVerboseText, summaryLine} from './text-verbose.js'
import {clip, LAYER, MARK, releaseWords, wrap} from './text-words.js'

// The default text view, as flutter doctor and brew doctor do it: the likely cause with its chain
// and fix first, then one line per check, then the other errors and warnings; passed checks,
// skipped checks and infos folded to a line each. `--verbose` prints everything (text-verbose.ts).

export interface TextOptions {
  color: boolean
  verbose?: boolean
}

export const WIDTH = 100

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColor(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true
  return Boolean(stream.isTTY) && env.TERM !== 'dumb'
}

export function renderText(report: DoctorReport, options: TextOptions): string {
  if (options.verbose) return renderVerboseText(report, options)
  const c = new Chalk({level: options.color ? 1 : 0})
  const lines = [...header(report, c), '', ...causeBlock(report, c), ...checkLines(report, c), ...details(report, c), summaryLine(report, c)]
  return lines.join('\n')
}

function header(report: DoctorReport, c: ChalkInstance): string[] {
  const {target} = report
  const mode = target.mode ? `${target.mode.value}${target.mode.inferred ? '' : ' (--mode)'}` : 'mode unknown'
  const release = releaseWords(target.release)
  const lines = [c.bold(clip(`bwops doctor · ${target.profile}${release ? ` ${release}` : ''} · ${mode}`, WIDTH))]
  if (target.sources.length > 0) lines.push(...wrap(`facts from: ${target.sources.join('; ')}`, WIDTH, '', '  ').map((l) => c.dim(l)))
  for (const notice of report.notices) lines.push(c.yellow(clip(`note: ${notice}`, WIDTH)))
  return lines
}

function causeBlock(report: DoctorReport, c: ChalkInstance): string[] {
  const cause = report.causes[0]
  if (!cause) return report.verdict === 'passed' ? [c.green('✔ No problem found.'), ''] : []
  const tint = cause.severity === 'error' ? c.red : c.yellow
  const mark = cause.severity === 'error' ? '✖' : '▲'
  // nothing failed: a warning is what to fix first, not the cause of a failure
  const label = cause.severity === 'error' ? 'Likely cause' : 'First to fix'
  const lines = wrap(cause.title, WIDTH, `${mark} ${label}: `, '  ').map((l, i) => (i === 0 ? tint.bold(l) : c.bold(l)))
  // the lead's own step would repeat the title; steps of one layer after the first share a line
  const steps = cause.chain.filter((s) => !(s.finding === cause.finding && s.text === cause.title))
  const pad = Math.max(0, ...steps.map((s) => LAYER[s.layer].length))
  const layers = [...new Set(steps.map((s) => s.layer))]
  for (const layer of layers) {
    const [first, ...more] = steps.filter((s) => s.layer === layer).map((s) => s.text)
    lines.push(clip(`  ${LAYER[layer].padEnd(pad)}  ${first ?? ''}`, WIDTH))
    // what the configuration says holds at once; what ECS and the app did came one after another
    if (more.length > 0) lines.push(clip(`  ${''.padEnd(pad)}  ${layer === 'configuration' ? 'also' : 'then'}: ${more.join('; ')}`, WIDTH))
  }

  lines.push(...wrap(cause.fix, WIDTH, '  fix: ', '    '))
  return [...lines, '']
}

function checkLines(report: DoctorReport, c: ChalkInstance): string[] {
  const tint: Record<CheckStatus, ChalkInstance> = {crashed: c.magenta, failed: c.red, passed: c.green, skipped: c.dim, warning: c.yellow}
  const shown = report.checks.filter((k) => k.status === 'failed' || k.status === 'warning' || k.status === 'crashed')
  const pad = Math.max(0, ...shown.map((k) => k.id.length))
  const lines = shown.map((k) => clip(`${tint[k.status](MARK[k.status])} ${k.id.padEnd(pad)}  ${k.status === 'crashed' ? `crashed: ${k.reason ?? ''}` : k.title}`, WIDTH))
  const fold = (status: CheckStatus, words: string) => {
    const ids = report.checks.filter((k) => k.status === status).map((k) => k.id)
    if (ids.length > 0) lines.push(...wrap(`${ids.length} ${words}: ${ids.join(', ')}`, WIDTH, `${tint[status](MARK[status])} `, '  '))
  }

  fold('passed', 'passed')
  const skipped = report.checks.filter((k) => k.status === 'skipped')
  if (skipped.length === report.checks.length) {
    // nothing ran: why is the whole answer
    for (const k of skipped) lines.push(`${c.dim(MARK.skipped)} ${k.id}: skipped, ${k.reason ?? ''}`)
  } else fold('skipped', 'skipped, facts missing (--verbose says which)')
  return [...lines, '']
}

/** Errors and warnings the cause above does not already tell, each with its fix. */
function details(report: DoctorReport, c: ChalkInstance): string[] {
  const told = new Set(report.causes[0]?.chain.map((s) => s.finding) ?? [])
  const rest = report.findings.filter((f) => f.severity !== 'info' && !told.has(f.id))
  const lines: string[] = []
  for (const f of rest) lines.push(...finding(f, c))
  const infos = report.findings.filter((f) => f.severity === 'info').length
  if (infos > 0) lines.push(c.cyan(`ℹ ${infos} note${infos === 1 ? '' : 's'} (infos): --verbose shows them`))
  return lines.length > 0 ? [...lines, ''] : []
}

function finding(f: Finding, c: ChalkInstance): string[] {
  const tint = f.severity === 'error' ? c.red : c.yellow
  const mark = f.severity === 'error' ? '✖' : '▲'
  const head = wrap(f.title, WIDTH, `${mark} `, '  ').map((l, i) => (i === 0 ? tint(l) : l))
  return [...head, ...wrap(f.fix, WIDTH, '    fix: ', '      ')]
}
