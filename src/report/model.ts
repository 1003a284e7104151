import type {AwsCallSummary} from '../aws/calls.js'
import type {CheckResult, CheckStatus} from '../checks/engine.js'
import type {Finding} from '../checks/types.js'
import type {Cause} from '../diagnosis/types.js'
import type {ModeFact} from '../facts/types.js'
import type {ReleaseFact} from '../profile/select.js'

export type Verdict = 'passed' | 'warnings' | 'failed' | 'incomplete'

export interface ReportTarget {
  /** where the facts came from, most specific first */
  sources: string[]
  mode?: ModeFact
  /** the release line whose rules judged the deployment, and why (docs/releases.md) */
  release?: ReleaseFact
  /** why the mode is not known, when it is not */
  modeUnknown?: string
  profile: string
  /** the live deployment looked at: region, account, stack, cluster, service, endpoint */
  live?: Record<string, string>
}

/** The report doctor prints: the stable shape of `--json` (docs/json.md). */
export interface DoctorReport {
  verdict: Verdict
  target: ReportTarget
  checks: {id: string; title: string; status: CheckStatus; reason?: string; sources: string[]; findings: number; seconds?: number}[]
  findings: Finding[]
  /** the diagnosis: causes, most likely first, each with its evidence chain and the findings it explains */
  causes: Cause[]
  summary: Record<CheckStatus, number> & {errors: number; warnings: number; infos: number}
  /** problems loading plugin checks */
  notices: string[]
  /** the AWS calls a live run made, in all and by operation */
  awsCalls?: AwsCallSummary
  /** what kept the run from judging all it was asked to: checks that crashed, facts that could not be read */
  incomplete?: {crashed: string[]; starved: string[]; unreadable: string[]}
}

/** The facts that could not be read: the first-hand failures, not the facts made from them. */
function unreadableFacts(starved: CheckResult[]): string[] {
  const firstHand = starved.filter((r) => !r.starvedDerived)
  return [...new Set((firstHand.length > 0 ? firstHand : starved).flatMap((r) => r.starvedBy ?? []))]
}

/** The exit code of an INCOMPLETE run: no error found, but not everything could be judged. */
export const EXIT_INCOMPLETE = 3

export function buildReport(results: CheckResult[], ranked: Finding[], target: ReportTarget, notices: string[], causes: Cause[] = []): DoctorReport {
  const count = (status: CheckStatus) => results.filter((r) => r.status === status).length
  const summary = {
    crashed: count('crashed'),
    errors: ranked.filter((f) => f.severity === 'error').length,
    failed: count('failed'),
    infos: ranked.filter((f) => f.severity === 'info').length,
    passed: count('passed'),
    skipped: count('skipped'),
    warning: count('warning'),
    warnings: ranked.filter((f) => f.severity === 'warning').length,
  }
  const ran = results.length - summary.skipped
  // a check skipped because a fact could not be read (not merely not given) was meant to run
  const starved = results.filter((r) => r.starvedBy !== undefined)
  const crashed = results.filter((r) => r.status === 'crashed')
  const incomplete = ran === 0 || crashed.length > 0 || starved.length > 0
  const verdict: Verdict = summary.errors > 0 ? 'failed' : incomplete ? 'incomplete' : summary.warnings > 0 ? 'warnings' : 'passed'
  return {
    causes,
    checks: results.map((r) => ({
      findings: r.findings.length,
      id: r.id,
      ...(r.reason === undefined ? {} : {reason: r.reason}),
      ...(r.seconds === undefined ? {} : {seconds: r.seconds}),
      sources: r.sources,
      status: r.status,
      title: r.title,
    })),
    findings: ranked,
    notices,
    summary,
    target,
    verdict,
    ...(crashed.length > 0 || starved.length > 0
      ? {incomplete: {crashed: crashed.map((r) => r.id), starved: starved.map((r) => r.id), unreadable: unreadableFacts(starved)}}
      : {}),
  }
}

export function exitCodeFor(report: DoctorReport, strict: boolean): number {
  if (report.verdict === 'failed') return 1
  if (report.verdict === 'incomplete') return EXIT_INCOMPLETE
  if (strict && report.verdict !== 'passed') return 1
  return 0
}
