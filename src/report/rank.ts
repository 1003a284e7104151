import type {CheckResult, CheckStatus} from '../checks/engine.js'
import type {Finding, Impact, Severity} from '../checks/types.js'

const SEVERITY: Record<Severity, number> = {error: 0, info: 2, warning: 1}
const IMPACT: Record<Impact, number> = {health: 1, hygiene: 4, outcome: 3, runtime: 2, start: 0}
const STATUS: Record<CheckStatus, number> = {crashed: 2, failed: 0, passed: 3, skipped: 4, warning: 1}

/**
 * Likely root cause first: errors before warnings; among errors, what stops the container from
 * starting before what fails its health checks, before what breaks it at work, before the failure
 * as ECS reports it (its consequence), before hygiene.
 * Ties keep the order of the checks in the registry, which lists causes before consequences.
 */
export function rankFindings(results: CheckResult[]): Finding[] {
  const order = new Map(results.map((r, i) => [r.id, i]))
  return results
    .flatMap((r) => r.findings)
    .map((f, i) => ({f, i}))
    .sort(
      (a, b) =>
        SEVERITY[a.f.severity] - SEVERITY[b.f.severity] ||
        IMPACT[a.f.impact] - IMPACT[b.f.impact] ||
        (order.get(a.f.check) ?? 0) - (order.get(b.f.check) ?? 0) ||
        a.i - b.i,
    )
    .map(({f}) => f)
}

/** Checks in the order a reader wants them: failed, warning, crashed, passed, skipped. */
export function rankChecks(results: CheckResult[], ranked: Finding[]): CheckResult[] {
  const first = new Map<string, number>()
  ranked.forEach((f, i) => first.has(f.check) || first.set(f.check, i))
  return [...results].sort(
    (a, b) =>
      STATUS[a.status] - STATUS[b.status] || (first.get(a.id) ?? Infinity) - (first.get(b.id) ?? Infinity),
  )
}
