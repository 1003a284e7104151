import {describeDeployTime} from '../facts/deploy-time.js'
import type {Facts} from '../facts/facts.js'
import type {FactName} from '../facts/types.js'
import type {Profile} from '../profile/types.js'
import {type AnyCheck, docsFor, type Finding, type Severity} from './types.js'

export type CheckStatus = 'passed' | 'warning' | 'failed' | 'skipped' | 'crashed'

export interface CheckResult {
  id: string
  title: string
  status: CheckStatus
  /** why it was skipped, or the error it threw */
  reason?: string
  /** skipped because a fact it needs could not be read (not merely not given): these facts */
  starvedBy?: string[]
  /** true when those facts are made from one that could not be read, rather than read themselves */
  starvedDerived?: boolean
  /** where the facts it judged came from */
  sources: string[]
  findings: Finding[]
  /** wall time from asking for its facts to its verdict, for reports that carry time (JUnit) */
  seconds?: number
}

/**
 * Runs every check against the facts. A check whose needed facts cannot be had is skipped with
 * the reason; a check that throws is reported as crashed, and the others still run.
 */
export async function runChecks(checks: AnyCheck[], facts: Facts, profile: Profile): Promise<CheckResult[]> {
  return Promise.all(
    checks.map(async (check) => {
      const started = performance.now()
      const result = await runOne(check, facts, profile)
      return {...result, seconds: Math.round(performance.now() - started) / 1000}
    }),
  )
}

async function runOne(check: AnyCheck, facts: Facts, profile: Profile): Promise<CheckResult> {
  const base = {id: check.id, title: check.title}
  const input: Record<string, unknown> = {}
  const sources = new Set<string>()
  // facts are memoized, so asking for them all at once costs nothing and lets live sources overlap
  const needed = await Promise.all(check.needs.map(async (name) => [name, await facts.get(name)] as const))
  const missing = needed.filter(([, r]) => !r.ok).map(([name, r]) => `${name}: ${r.ok ? '' : r.reason}`)
  // the facts whose own read failed; else, those made from one that failed
  const firstHand = needed.filter(([, r]) => !r.ok && r.failed === true).map(([name]) => name)
  const derived = needed.filter(([, r]) => !r.ok && r.failed === 'derived').map(([name]) => name)
  const starved = firstHand.length > 0 ? {starvedBy: firstHand} : derived.length > 0 ? {starvedBy: derived, starvedDerived: true} : {}
  if (missing.length > 0) return {...base, findings: [], reason: missing.join('; '), sources: [], status: 'skipped', ...starved}
  const used = await Promise.all((check.uses ?? []).map(async (name) => [name, await facts.get(name as FactName)] as const))
  for (const [name, result] of [...needed, ...used]) {
    if (!result.ok) continue
    input[name] = result.value
    sources.add(result.source)
  }

  try {
    const findings: Finding[] = check.run(input as never, profile).map((f, i) => ({
      check: check.id,
      // a value known only at deploy time is shown in words, never as {{Ref:...}}
      detail: describeDeployTime(f.detail),
      docs: check.docs ?? docsFor(check.id),
      evidence: (f.evidence ?? []).map(describeDeployTime),
      fix: describeDeployTime(f.fix),
      id: `${check.id}#${i + 1}`,
      impact: f.impact,
      severity: f.severity,
      title: describeDeployTime(f.title),
      ...((f.subject ?? check.subject) === undefined ? {} : {subject: f.subject ?? check.subject}),
      ...(f.tasks === undefined || f.tasks.length === 0 ? {} : {tasks: f.tasks}),
      ...(f.quote === undefined || f.quote.length === 0 ? {} : {quote: f.quote}),
    }))
    return {...base, findings, sources: [...sources], status: statusOf(findings)}
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    return {...base, findings: [], reason, sources: [...sources], status: 'crashed'}
  }
}

function statusOf(findings: Finding[]): CheckStatus {
  if (findings.some((f) => f.severity === 'error')) return 'failed'
  if (findings.some((f) => f.severity === 'warning')) return 'warning'
  return 'passed'
}

/** Keeps the checks --check names (all when none) less those --skip names; unknown ids are an error. */
export function selectChecks(all: AnyCheck[], only: string[] = [], skip: string[] = []): AnyCheck[] {
  const ids = new Set(all.map((c) => c.id))
  const unknownIds = [...only, ...skip].filter((id) => !ids.has(id))
  if (unknownIds.length > 0) {
    throw new UnknownCheckError(unknownIds, [...ids].sort())
  }

  return all.filter((c) => (only.length === 0 || only.includes(c.id)) && !skip.includes(c.id))
}

export class UnknownCheckError extends Error {
  constructor(
    readonly ids: string[],
    readonly known: string[],
  ) {
    super(`Unknown check ${ids.map((id) => `"${id}"`).join(', ')}. Known checks: ${known.join(', ')}.`)
  }
}

/** Raises or lowers every finding of the named checks (a repository's config), and re-derives status. */
export function applySeverity(results: CheckResult[], overrides: Record<string, Severity> = {}): CheckResult[] {
  return results.map((r) => {
    const severity = overrides[r.id]
    if (!severity || r.findings.length === 0) return r
    const findings = r.findings.map((f) => ({...f, severity}))
    return {...r, findings, status: statusOf(findings)}
  })
}
