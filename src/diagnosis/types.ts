import type {Finding, Severity} from '../checks/types.js'

/** Where a piece of evidence comes from, in the order a chain tells it. */
export type Layer = 'configuration' | 'ecs' | 'log'

export interface ChainStep {
  layer: Layer
  /** the finding this step is (its id in the report) */
  finding: string
  /** the step in one line: what the configuration says, what ECS reported, what the app logged */
  text: string
}

/** One cause: the findings that share a subject, told as configuration -> ECS -> app log. */
export interface Cause {
  /** the finding that names the cause (its title and fix are the cause's) */
  finding: string
  subject?: string
  severity: Severity
  title: string
  fix: string
  /** runtime evidence (ECS or the app's log) confirms what the configuration says */
  confirmed: boolean
  chain: ChainStep[]
  /** the findings it explains: symptoms (an exit code, a circuit breaker, a rollback) */
  explains: string[]
}

export interface Diagnosis {
  /** most likely first; the first is the likely cause */
  causes: Cause[]
  /** every finding, severities raised where runtime evidence confirms them, each cause's lead first */
  findings: Finding[]
}
