import type {FactMap, FactName} from '../facts/types.js'
import type {Profile} from '../profile/types.js'

export type Severity = 'error' | 'warning' | 'info'

/**
 * How far a problem reaches, used to rank errors: what stops the container from starting comes
 * before what makes it fail its health checks, which comes before what breaks it at work. Then
 * 'outcome': the failure itself as ECS reports it (a rolled-back deployment, a tripped circuit
 * breaker), a consequence of the causes above it. Last, hygiene (a plaintext credential works, and
 * is still wrong).
 */
export type Impact = 'start' | 'health' | 'runtime' | 'outcome' | 'hygiene'

export interface Finding {
  /** stable within one report: the check's id and the finding's place in it (`env-complete#1`) */
  id: string
  check: string
  severity: Severity
  impact: Impact
  /** what is wrong, in one line */
  title: string
  /** why it matters */
  detail: string
  /** what was seen; redacted: names, never secret values */
  evidence: string[]
  /** a concrete step a person can take */
  fix: string
  /** the check's page: docs/checks/ID.md for a built-in check, the URL a plugin check gives, or '' */
  docs: string
  /**
   * What the finding is about, machine-readable, so the diagnosis can join findings about the same
   * thing into one cause (src/diagnosis/subjects.ts lists the kinds: `env:NAME`, `secret-key:KEY`,
   * `quilt-stack`, `role:task`, `container:NAME`, `exit:CONTAINER`, `health-check`, ...).
   */
  subject?: string
  /** the ids of the tasks it was seen in, when it comes from tasks (their stops or their logs) */
  tasks?: string[]
  /** the app's own words that explain it: log lines, redacted */
  quote?: string[]
  /**
   * Where the finding is written, when it was judged from a file the user named: the file as the
   * workspace names it and the line of the container, entry or resource (set by bwops, not checks)
   */
  location?: {file: string; line?: number}
}

/** What a check's run returns: a finding without the fields the engine fills in. */
export type FindingInput = Omit<Finding, 'check' | 'docs' | 'evidence' | 'id' | 'location'> & {evidence?: string[]}

export type CheckFacts<N extends FactName, O extends FactName> = Pick<FactMap, N> & Partial<Pick<FactMap, O>>

export interface Check<N extends FactName = FactName, O extends FactName = never> {
  /** stable, kebab-case, shown to users */
  id: string
  title: string
  /** what the check looks for, for `bwops checks` and its docs page */
  description: string
  /** facts without which the check cannot run: one missing and the check is skipped, with why */
  needs: readonly N[]
  /** facts the check uses when they are known */
  uses?: readonly O[]
  /** the subject of its findings that name none of their own (src/diagnosis/subjects.ts) */
  subject?: string
  /**
   * Where its findings send a reader for more: a URL (a plugin's own page). Built-in checks leave
   * it out and get their page under docs/checks/.
   */
  docs?: string
  run(facts: CheckFacts<N, O>, profile: Profile): FindingInput[]
}

/** A check as the engine holds it, whatever facts it names. */
export type AnyCheck = Check<FactName, FactName>

export function defineCheck<N extends FactName, O extends FactName = never>(check: Check<N, O>): AnyCheck {
  return check as unknown as AnyCheck
}

export const DOCS_BASE = 'docs/checks'

export function docsFor(id: string): string {
  return `${DOCS_BASE}/${id}.md`
}
