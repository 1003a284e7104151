import {signaturesFor} from '../catalogue/log-signatures.js'
import type {FilteredLogEvent} from '@aws-sdk/client-cloudwatch-logs'
import type {TaskDefinition as EcsTaskDefinition} from '@aws-sdk/client-ecs'

import {type AwsClients, type AwsContext, createAwsContext, DEFAULT_CONCURRENCY} from '../aws/clients.js'
import {describeTaskDefinition} from '../aws/ecs.js'
import {AwsCallError} from '../aws/errors.js'
import {filterLogEvents, MAX_STREAM_NAMES} from '../aws/logs-query.js'
import {redactText} from '../catalogue/redact.js'
import {UserError} from '../errors.js'
import type {Profile} from '../profile/types.js'
import type {LiveFlagValues} from './live-flags.js'
import {resolveLiveTarget} from './live-target.js'
import {errorSelector} from './logs/errors.js'
import {groupExists, missingGroupError, noLogGroupError} from './logs/group.js'
import type {LogLine, LogsOutput} from './logs/model.js'
import {pollEvents} from './logs/poll.js'
import {readSoFar} from './logs/read-so-far.js'
import {describeChoice, previousScope} from './logs/previous.js'
import {type LogSetup, logSetup, parseStreamName} from './logs/setup.js'
import {DEFAULT_SINCE, parseSince} from './logs/since.js'
import {taskStreams} from './logs/task.js'

// `bwops logs`: the webhook's container logs, read once or followed, narrowed by time, pattern,
// task or failure signature, or those of the tasks that stopped last. Every message is redacted
// before anything else sees it.

export interface LogsOptions extends LiveFlagValues {
  errors?: boolean
  filter?: string
  follow?: boolean
  previous?: boolean
  since?: string
  task?: string
  /** stop --follow after this many polls (tests, scripts) */
  maxPolls?: number
}

export interface LogsDeps {
  profile: Profile
  emit(item: LogsOutput): void
  clients?: AwsClients
  now?: () => number
  /** between polls of --follow */
  intervalMs?: number
  signal?: AbortSignal
}

export interface LogsResult {
  group: string
  /** events read (before --errors picked among them) */
  events: number
  ctx: AwsContext
}

/** More than this in one poll, and the rest waits for the next (or a narrower --since). */
export const MAX_EVENTS_PER_POLL = 10_000
const TEN_MINUTES = 10 * 60_000

interface Scope {
  streams?: string[]
  streamPrefix?: string
  startTime?: number
}

export async function runLogs(options: LogsOptions, deps: LogsDeps): Promise<LogsResult> {
  const now = deps.now ?? Date.now
  if (options.previous && (options.follow || options.task)) {
    throw new UserError('--previous shows tasks that have stopped, so it goes with neither --follow nor --task.', 'Drop --follow and --task, or drop --previous.')
  }

  // a bad --since is said before any AWS call
  const since = options.since === undefined ? undefined : parseSince(options.since, now())
  const ctx = await createAwsContext({endpointUrl: options['endpoint-url'], profile: options.profile, region: options.region}, deps.clients, DEFAULT_CONCURRENCY)
  const target = await resolveLiveTarget(ctx, {cluster: options.cluster, profile: options.profile, service: options.service, stackName: options['stack-name']}, deps.profile)
  const taskDefinitions = new Map<string, Promise<EcsTaskDefinition | undefined>>()
  const taskDefinition = (arn: string) => {
    if (!taskDefinitions.has(arn)) taskDefinitions.set(arn, describeTaskDefinition(ctx, arn))
    return taskDefinitions.get(arn) as Promise<EcsTaskDefinition | undefined>
  }

  const service = target.seen.service
  const primary = service.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition ?? service.taskDefinition
  const note = (text: string) => deps.emit({kind: 'note', text})
  // what could not be read is said, and the stack's EcsLogGroup output stands in for the task definition
  const raw = primary ? await taskDefinition(primary).catch((error: unknown) => {
    if (!(error instanceof AwsCallError)) throw error
    note(`not read: task definition ${primary}: ${error.message}`)
    return undefined
  }) : undefined
  let setup: LogSetup | undefined
  try {
    setup = logSetup(raw, target, deps.profile)
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    note(`not read: ${error.message}`)
    setup = logSetup(undefined, target, deps.profile)
  }

  const stopWith = (error: UserError): UserError => {
    for (const line of readSoFar(target)) note(line)
    return error
  }

  if (!setup) throw stopWith(noLogGroupError(target))
  const found = setup
  const missingGroup = () => stopWith(missingGroupError(found, target))

  let scope: Scope
  if (options.previous) {
    const chosen = await previousScope(ctx, target, setup, deps.profile, taskDefinition)
    for (const text of describeChoice(chosen)) deps.emit({kind: 'note', text})
    if (chosen.streams.length === 0) return {ctx, events: 0, group: setup.group}
    const starts = chosen.streams.map((s) => s.from).filter((f): f is number => f !== undefined)
    scope = {startTime: since ?? (starts.length > 0 ? Math.min(...starts) : undefined), streams: chosen.streams.map((s) => s.stream).slice(0, MAX_STREAM_NAMES)}
  } else if (options.task) {
    const found = await taskStreams(ctx, setup, options.task, missingGroup)
    // the task's last ten minutes: now for a running task, its end for a stopped one
    const ends = found.streams.map((s) => s.lastIngestionTime ?? s.lastEventTimestamp ?? now())
    scope = {startTime: since ?? Math.min(now(), Math.max(...ends)) - TEN_MINUTES, streams: found.streams.map((s) => s.logStreamName ?? '').slice(0, MAX_STREAM_NAMES)}
  } else {
    scope = {startTime: since ?? parseSince(DEFAULT_SINCE, now()), ...(setup.prefix ? {streamPrefix: `${setup.prefix}/`} : {})}
  }

  const fetch = async (startTime: number | undefined) => {
    const page = await filterLogEvents(ctx, {group: setup.group, maxEvents: MAX_EVENTS_PER_POLL, pattern: options.filter, startTime, ...(scope.streams ? {streams: scope.streams} : {streamPrefix: scope.streamPrefix})})
    if (page.status === 'found') return page
    // naming streams, a not-found may mean only the streams are gone (expired by retention)
    if (scope.streams && (await groupExists(ctx, setup.group))) return {events: [], truncated: false}
    throw missingGroup()
  }

  const toLine = (e: FilteredLogEvent): LogLine => {
    const stream = e.logStreamName ?? ''
    const {container, taskId} = parseStreamName(stream, setup.prefix)
    return {container, message: redactText(e.message ?? ''), stream, taskId, timestamp: e.timestamp ?? 0, ...(e.eventId ? {eventId: e.eventId} : {})}
  }

  const select = options.errors ? errorSelector(signaturesFor(deps.profile.logSignatures)) : undefined
  let blocks = 0
  const result = await pollEvents(fetch, {
    follow: Boolean(options.follow),
    now,
    onEvents(events) {
      const lines = events.map(toLine)
      if (!select) return deps.emit({kind: 'lines', lines})
      for (const block of select(lines)) {
        blocks++
        deps.emit({kind: 'error-block', lines: block.lines, matches: block.matches})
      }
    },
    ...(scope.startTime === undefined ? {} : {startTime: scope.startTime}),
    ...(deps.intervalMs === undefined ? {} : {intervalMs: deps.intervalMs}),
    ...(options.maxPolls === undefined ? {} : {maxPolls: options.maxPolls}),
    ...(deps.signal ? {signal: deps.signal} : {}),
  })

  if (!options.follow) {
    const from = scope.startTime === undefined ? '' : ` since ${new Date(scope.startTime).toISOString()}`
    const filter = options.filter ? ` matching ${JSON.stringify(options.filter)}` : ''
    if (result.truncated) deps.emit({kind: 'note', text: `Stopped after ${MAX_EVENTS_PER_POLL} lines; narrow --since or --filter to see the rest.`})
    if (result.emitted === 0) {
      deps.emit({kind: 'note', text: `No log lines${filter}${from} in ${setup.group}. Try a longer --since (e.g. --since 1h), or --previous for the tasks that stopped.`})
    } else if (select && blocks === 0) {
      deps.emit({kind: 'note', text: `None of ${result.emitted} lines${from} matches a known failure signature. Drop --errors to see them all, or run \`bwops doctor\`.`})
    }
  }

  return {ctx, events: result.emitted, group: setup.group}
}
