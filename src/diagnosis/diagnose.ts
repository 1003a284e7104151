import type {CheckResult} from '../checks/engine.js'
import type {Finding, Severity} from '../checks/types.js'
import {rankFindings} from '../report/rank.js'
import {chainOf} from './chain.js'
import {isExitSymptom, isOutcome, layerOf, sameSubject, shareTask} from './subjects.js'
import type {Cause, Diagnosis} from './types.js'

// From findings to causes, purely: findings about the same subject (or, for an exit code, the log
// lines of the same tasks) are one cause. A configuration finding that runtime evidence confirms
// is raised to an error; a symptom (an exit code, a circuit breaker, a rollback) is never ranked
// above the cause that explains it, and the cause lists what it explains.

const SEVERITY: Record<Severity, number> = {error: 0, info: 2, warning: 1}

/** Groups of finding indices (into `ranked`) joined by subject and by shared tasks. */
function join(ranked: Finding[]): number[][] {
  const parent = ranked.map((_, i) => i)
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)))
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b)
  }

  const joinable = ranked.map((f) => f.severity !== 'info' && !isOutcome(f))
  ranked.forEach((a, i) => {
    if (!joinable[i]) return
    for (let j = i + 1; j < ranked.length; j++) {
      const b = ranked[j] as Finding
      if (!joinable[j]) continue
      const exitExplained = (isExitSymptom(a) && layerOf(b) === 'log') || (isExitSymptom(b) && layerOf(a) === 'log')
      // two configuration findings are one cause only through what ran: each alone is a cause of its own
      const viaRuntime = layerOf(a) !== 'configuration' || layerOf(b) !== 'configuration'
      if ((viaRuntime && sameSubject(a.subject, b.subject)) || (exitExplained && shareTask(a, b))) union(i, j)
    }
  })
  const groups = new Map<number, number[]>()
  ranked.forEach((_, i) => joinable[i] && groups.set(find(i), [...(groups.get(find(i)) ?? []), i]))
  return [...groups.values()]
}

interface Draft {
  members: Finding[]
  lead: Finding
  confirmed: boolean
  /** nothing but symptoms: an exit no log or configuration explains */
  symptomOnly: boolean
  first: number
}

function draft(members: Finding[], first: number): Draft {
  const config = members.filter((f) => layerOf(f) === 'configuration')
  const runtime = members.filter((f) => layerOf(f) !== 'configuration')
  const logs = members.filter((f) => layerOf(f) === 'log')
  const byOwnWeight = (list: Finding[]) => [...list].sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity])[0]
  const lead = byOwnWeight(config) ?? byOwnWeight(logs) ?? (members[0] as Finding)
  // only a failure confirms: a resolved health event or a warning logged by a running task does not
  const failing = runtime.some((f) => f.severity === 'error')
  return {confirmed: config.length > 0 && failing, first, lead, members, symptomOnly: members.every(isExitSymptom)}
}

/** The causes in the findings of a run, and the findings with confirmed ones raised and each cause's lead first. */
export function diagnose(results: CheckResult[]): Diagnosis & {results: CheckResult[]} {
  const ranked = rankFindings(results)
  const drafts = join(ranked).map((g) => draft(g.map((i) => ranked[i] as Finding), g[0] as number))
  const raised = new Map<string, Finding>()
  for (const d of drafts) {
    if (!d.confirmed) continue
    // hygiene stays a warning whatever ran: it is wrong, and it is not why the deployment failed
    for (const f of d.members) if (layerOf(f) === 'configuration' && f.severity === 'warning' && f.impact !== 'hygiene') raised.set(f.id, {...f, severity: 'error'})
  }

  const current = (f: Finding) => raised.get(f.id) ?? f
  const severityOf = (d: Draft): Severity => d.members.map(current).reduce<Severity>((s, f) => (SEVERITY[f.severity] < SEVERITY[s] ? f.severity : s), 'info')
  drafts.sort(
    (a, b) =>
      SEVERITY[severityOf(a)] - SEVERITY[severityOf(b)] ||
      Number(b.confirmed) - Number(a.confirmed) ||
      Number(a.symptomOnly) - Number(b.symptomOnly) ||
      a.first - b.first,
  )
  const outcomes = ranked.filter((f) => isOutcome(f) && f.severity !== 'info')
  const causes: Cause[] = drafts.map((d, i) => {
    // the failure as ECS reports it is the top error cause's consequence
    const explainsOutcome = i === 0 && severityOf(d) === 'error' ? outcomes : []
    const members = d.members.map(current)
    return {
      chain: chainOf(members, explainsOutcome),
      confirmed: d.confirmed,
      explains: [...d.members.filter(isExitSymptom), ...explainsOutcome].map((f) => f.id),
      finding: d.lead.id,
      fix: d.lead.fix,
      severity: severityOf(d),
      title: d.lead.title,
      ...(d.lead.subject === undefined ? {} : {subject: d.lead.subject}),
    }
  })
  const leftover = outcomes.filter((f) => !causes.some((c) => c.explains.includes(f.id)))
  if (leftover.length > 0) causes.push(outcomeCause(leftover))

  const newResults = results.map((r) => ({...r, findings: r.findings.map(current)}))
  const leads = new Map(causes.map((c, i) => [c.finding, i]))
  const base = rankFindings(newResults)
  const order = new Map(base.map((f, i) => [f.id, i]))
  const findings = [...base].sort((a, b) => (leads.get(a.id) ?? Infinity) - (leads.get(b.id) ?? Infinity) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
  return {causes, findings, results: newResults.map(restatus)}
}

/** When nothing explains the failure ECS reports, the failure itself is all there is to say. */
function outcomeCause(outcomes: Finding[]): Cause {
  const lead = outcomes[0] as Finding
  return {chain: chainOf(outcomes, []), confirmed: false, explains: outcomes.slice(1).map((f) => f.id), finding: lead.id, fix: lead.fix, severity: lead.severity, title: lead.title, ...(lead.subject ? {subject: lead.subject} : {})}
}

function restatus(r: CheckResult): CheckResult {
  if (r.status === 'skipped' || r.status === 'crashed') return r
  const status = r.findings.some((f) => f.severity === 'error') ? 'failed' : r.findings.some((f) => f.severity === 'warning') ? 'warning' : 'passed'
  return {...r, status}
}
