import {AwsCallError} from '../../aws/errors.js'
import type {StatusSession} from './collect.js'
import type {StatusSnapshot} from './model.js'

// `bwops status --watch`: a snapshot every interval until Ctrl-C (the signal). A refresh that
// fails on a passing AWS problem (throttling, a network blip) is shown and the watch goes on;
// missing credentials or permissions end it, as they would not heal by waiting.

export type WatchUpdate = {snapshot: StatusSnapshot} | {error: string; at: string}

export interface WatchOptions {
  intervalMs: number
  signal?: AbortSignal
  /** stop after this many refreshes (tests); unbounded when not given */
  maxRefreshes?: number
  onUpdate(update: WatchUpdate): void
}

/** Resolves after ms, or at once when the signal aborts. setTimeout, so fake timers drive it. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }

    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, {once: true})
  })
}

function aborted(signal?: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve(undefined)
    signal?.addEventListener('abort', () => resolve(undefined), {once: true})
  })
}

/** Refreshes until aborted or maxRefreshes; returns how many refreshes were shown. */
export async function watchStatus(session: StatusSession, options: WatchOptions): Promise<number> {
  let shown = 0
  const stop = aborted(options.signal)
  while (!options.signal?.aborted) {
    try {
      // Ctrl-C during a slow refresh stops at once rather than after the SDK's retries
      const snapshot = await Promise.race([session.snapshot(), stop])
      if (!snapshot) break
      options.onUpdate({snapshot})
    } catch (error) {
      if (!(error instanceof AwsCallError) || error.kind === 'credentials' || error.kind === 'denied') throw error
      options.onUpdate({at: new Date(session.now()).toISOString(), error: error.message})
    }

    shown++
    if (options.maxRefreshes !== undefined && shown >= options.maxRefreshes) break
    await sleep(options.intervalMs, options.signal)
  }

  return shown
}
