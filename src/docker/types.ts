// What a local probe of the image saw. The probe is a fact like any other (`probe` in FactMap), so
// the same checks judge a crash on a laptop and a crash on ECS. Every text in it has been masked:
// no secret value ever reaches a ProbeFact.

/** What the image's config says (docker image inspect). */
export interface ImageConfig {
  ref: string
  id?: string
  /** TCP ports the image EXPOSEs */
  exposedPorts: number[]
  user?: string
  entrypoint?: string[]
  cmd?: string[]
  healthcheck?: {test: string[]; intervalSeconds?: number; timeoutSeconds?: number; retries?: number; startPeriodSeconds?: number}
}

export interface EndpointResult {
  path: string
  /** absent when no HTTP answer came */
  status?: number
  /** masked and truncated */
  body?: string
  error?: string
}

export interface LogLine {
  stream: 'stdout' | 'stderr'
  text: string
  /** when Docker received it (RFC 3339, nanoseconds) */
  time?: string
}

/** A log line explained by a signature of the shared catalogue (src/catalogue/log-signatures.ts). */
export interface LogMatch {
  id: string
  title: string
  cause: string
  fix: string
  line: string
}

/** One way the image and the task definition disagree. */
export interface Mismatch {
  what: 'port' | 'healthcheck' | 'user' | 'entrypoint' | 'command'
  image: string
  taskDefinition: string
  /** why the difference matters, in a sentence */
  note: string
  severity: 'warning' | 'info'
}

export type ProbeOutcome =
  /** answered 2xx on every health path */
  | 'healthy'
  /** answered, but not 2xx on a health path */
  | 'unhealthy'
  /** still running, never answered within the timeout */
  | 'not-ready'
  /** exited */
  | 'crashed'

export interface ProbeFact {
  image: ImageConfig
  outcome: ProbeOutcome
  containerPort: number
  /** where the container port came from: --port, task definition, PORT, EXPOSE, profile */
  portSource: string
  timeoutSeconds: number
  /** how long the app took to answer its first health path */
  readyAfterMs?: number
  exit?: {code: number; oomKilled: boolean; error?: string}
  endpoints: EndpointResult[]
  /** TCP ports the app listened on inside the container, when they could be read */
  listeningPorts?: number[]
  /** the task definition's healthCheck command run inside the container, like ECS runs it */
  taskHealthCheck?: {command: string[]; exitCode: number; output: string}
  memoryLimitMiB?: number
  /** names of the variables the container got (never their values) */
  envNames: string[]
  /** secret variables of the task definition that were not passed to the probe */
  missingSecrets: string[]
  comparison: Mismatch[]
  logs: LogLine[]
  /** log lines explained by the shared catalogue of signatures, the latest first */
  logMatches: LogMatch[]
}

declare module '../facts/types.js' {
  interface FactMap {
    probe: ProbeFact
  }
}
