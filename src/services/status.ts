import {type AwsClients, createAwsContext, DEFAULT_CONCURRENCY} from '../aws/clients.js'
import type {Profile} from '../profile/types.js'
import type {LiveFlagValues} from './live-flags.js'
import {resolveLiveTarget} from './live-target.js'
import {StatusSession} from './status/collect.js'
import type {StatusSnapshot} from './status/model.js'
import {watchStatus, type WatchUpdate} from './status/watch.js'

// `bwops status`: the deployment at a glance, once or every few seconds. Clients and the clock are
// injected so tests drive it with aws-sdk-client-mock and fake timers.

export type {StatusSnapshot} from './status/model.js'

export interface StatusDeps {
  profile: Profile
  /** clients to use instead of real ones (tests) */
  clients?: AwsClients
  /** epoch milliseconds; Date.now unless a test fixes it */
  now?: () => number
}

export interface StatusWatch {
  intervalSeconds: number
  signal?: AbortSignal
  maxRefreshes?: number
  onUpdate(update: WatchUpdate): void
}

/** Builds the clients and resolves the target once (exit 2 on a wrong stack, cluster, service or credentials). */
export async function openStatus(flags: LiveFlagValues, deps: StatusDeps): Promise<StatusSession> {
  const ctx = await createAwsContext({endpointUrl: flags['endpoint-url'], profile: flags.profile, region: flags.region}, deps.clients, DEFAULT_CONCURRENCY)
  const target = await resolveLiveTarget(ctx, {cluster: flags.cluster, profile: flags.profile, service: flags.service, stackName: flags['stack-name']}, deps.profile)
  return new StatusSession(ctx, target, deps.profile, deps.now ?? Date.now)
}

/** One snapshot. */
export async function runStatus(flags: LiveFlagValues, deps: StatusDeps): Promise<StatusSnapshot> {
  const session = await openStatus(flags, deps)
  return session.snapshot()
}

/** Snapshots every interval until the signal aborts (Ctrl-C) or maxRefreshes; returns the session for its call count. */
export async function runStatusWatch(flags: LiveFlagValues, deps: StatusDeps, watch: StatusWatch): Promise<StatusSession> {
  const session = await openStatus(flags, deps)
  await watchStatus(session, {
    intervalMs: watch.intervalSeconds * 1000,
    onUpdate: watch.onUpdate,
    ...(watch.maxRefreshes === undefined ? {} : {maxRefreshes: watch.maxRefreshes}),
    ...(watch.signal ? {signal: watch.signal} : {}),
  })
  return session
}
