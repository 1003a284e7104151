import {renderStatus} from './render.js'
import type {WatchUpdate} from './watch.js'

// Where status goes: on a terminal, --watch redraws in place (cursor home, each line cleared,
// the rest of the screen cleared); elsewhere each snapshot is appended under a separator, so a
// log file or CI output keeps the history. --json writes one JSON object per line.

export interface Out {
  write(text: string): unknown
  isTTY?: boolean
}

const HOME = '\u001B[H'
const CLEAR_LINE = '\u001B[K'
const CLEAR_BELOW = '\u001B[J'

export interface ScreenOptions {
  json: boolean
  color: boolean
  watch: boolean
  intervalSeconds?: number
  env?: NodeJS.ProcessEnv
}

export function statusScreen(out: Out, options: ScreenOptions): (update: WatchUpdate) => void {
  const inPlace = options.watch && !options.json && Boolean(out.isTTY) && (options.env ?? process.env).TERM !== 'dumb'
  let count = 0
  let last = ''
  return (update) => {
    count++
    if (options.json) {
      const value = 'snapshot' in update ? update.snapshot : {error: update.error, observedAt: update.at}
      out.write(`${options.watch ? JSON.stringify(value) : JSON.stringify(value, null, 2)}\n`)
      return
    }

    const failed = 'error' in update ? `Refresh failed at ${update.at}: ${update.error}\nRetrying at the next refresh.` : ''
    if ('snapshot' in update) last = renderStatus(update.snapshot, {color: options.color})
    const text = failed && inPlace && last ? `${last}\n\n${failed}` : failed || last
    if (inPlace) {
      const footer = `\n\nRefreshing every ${options.intervalSeconds ?? 5}s; Ctrl-C to stop.`
      out.write(`${HOME}${(text + footer).split('\n').map((line) => `${line}${CLEAR_LINE}`).join('\n')}\n${CLEAR_BELOW}`)
      return
    }

    if (options.watch && count > 1) out.write(`\n${'─'.repeat(60)}\n`)
    out.write(`${text}\n`)
  }
}
