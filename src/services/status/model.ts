import type {Mode} from '../../facts/types.js'

// What `bwops status` shows, as data: the text view and `--json` both render this one shape.
// Times are ISO 8601 strings; every free text from AWS (events, reasons) is redacted.

export type StatusState = 'steady' | 'rolling-out' | 'rolled-back' | 'failed' | 'degraded' | 'scaled-to-zero'

export interface DeploymentStatus {
  id: string
  /** PRIMARY (newest), ACTIVE (being replaced) or INACTIVE */
  status: string
  rolloutState?: string
  rolloutStateReason?: string
  taskDefinition: string
  /** family:revision, e.g. benchling-webhook-task:2 */
  revision: string
  desired: number
  running: number
  pending: number
  failed?: number
  createdAt?: string
  ageSeconds?: number
}

export interface StatusEvent {
  at: string
  source: 'service' | 'stack'
  message: string
}

export interface TargetStatus {
  id: string
  port?: number
  /** healthy, unhealthy, initial, draining, unused, unavailable, unhealthy.draining */
  state: string
  reason?: string
  description?: string
  /** what the reason means and what to do, in plain words */
  hint?: string
}

export interface TargetGroupStatus {
  arn: string
  name?: string
  /** how the load balancer checks a target, e.g. HTTP GET /health/ready on traffic-port, expects 200 */
  healthCheck?: string
  targets: TargetStatus[]
}

export interface StatusSnapshot {
  observedAt: string
  target: {region: string; cluster: string; service: string; stack?: string}
  headline: {state: StatusState; text: string}
  stack?: {name: string; status: string; statusReason?: string; updatedAt?: string}
  service: {status?: string; desired: number; running: number; pending: number; taskDefinition?: string}
  deployments: DeploymentStatus[]
  /** newest first, service and stack events merged */
  events: StatusEvent[]
  targets: TargetGroupStatus[]
  endpoint?: string
  mode?: {value: Mode; why: string}
  image?: string
  /** sections that could not be read, and why (an AWS error, a missing permission) */
  unavailable: Record<string, string>
}
