import type {FilteredLogEvent} from '@aws-sdk/client-cloudwatch-logs'

import {sleep} from '../status/watch.js'

// Reading events once, or following them: FilterLogEvents polled from the last seen timestamp,
// with no duplicates and no gaps.
//
// No gaps: an event can reach CloudWatch a few seconds after its timestamp (the awslogs driver
// batches, ingestion lags), and streams are searched independently, so an event older than the
// last one seen can still arrive. Each poll therefore starts at the earlier of the last seen
// timestamp and (poll time - lag), never before --since.
// No duplicates: the windows overlap, so events are remembered by eventId while they can still be
// returned (timestamp >= the next poll's start) and never emitted twice.

/** How late an event may arrive after its timestamp and still be shown by --follow. */
export const INGESTION_LAG_MS = 15_000
/** Between polls of --follow; FilterLogEvents allows a few calls a second per account. */
export const FOLLOW_INTERVAL_MS = 2000

export type FetchEvents = (startTime: number | undefined) => Promise<{events: FilteredLogEvent[]; truncated: boolean}>

export interface PollOptions {
  startTime?: number
  follow: boolean
  /** epoch milliseconds now */
  now: () => number
  intervalMs?: number
  lagMs?: number
  /** stop following after this many polls (tests, scripts) */
  maxPolls?: number
  signal?: AbortSignal
  /** new events of one poll, oldest first */
  onEvents(events: FilteredLogEvent[]): void | Promise<void>
}

const byTime = (a: FilteredLogEvent, b: FilteredLogEvent) => (a.timestamp ?? 0) - (b.timestamp ?? 0) || (a.eventId ?? '').localeCompare(b.eventId ?? '')

/** Polls until done (one poll without follow); returns how many events were emitted and whether the last poll was cut short. */
export async function pollEvents(fetch: FetchEvents, options: PollOptions): Promise<{emitted: number; polls: number; truncated: boolean}> {
  const lag = options.lagMs ?? INGESTION_LAG_MS
  const seen = new Map<string, number>()
  let start = options.startTime
  let lastSeen: number | undefined
  let emitted = 0
  let polls = 0
  let truncated = false
  while (!options.signal?.aborted) {
    const polledAt = options.now()
    const page = await fetch(start)
    polls++
    truncated = page.truncated
    const fresh = page.events.filter((e) => !e.eventId || !seen.has(e.eventId)).sort(byTime)
    for (const e of fresh) {
      if (e.eventId) seen.set(e.eventId, e.timestamp ?? 0)
      if (e.timestamp !== undefined) lastSeen = Math.max(lastSeen ?? e.timestamp, e.timestamp)
    }

    if (fresh.length > 0) await options.onEvents(fresh)
    emitted += fresh.length
    if (!options.follow || (options.maxPolls !== undefined && polls >= options.maxPolls)) break

    // a cut-short poll continues from its last event; otherwise lag behind the clock
    const next = truncated && lastSeen !== undefined ? lastSeen : Math.min(lastSeen ?? Number.POSITIVE_INFINITY, polledAt - lag)
    start = Math.max(options.startTime ?? Number.NEGATIVE_INFINITY, next)
    for (const [id, ts] of seen) if (ts < start) seen.delete(id)
    await sleep(options.intervalMs ?? FOLLOW_INTERVAL_MS, options.signal)
  }

  return {emitted, polls, truncated}
}
