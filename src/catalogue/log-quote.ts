import {redactText} from './redact.js'

// When no known signature explains a crash, the app's own last words are the best evidence:
// the last lines that say what went wrong (an error, a usage message, an exception, a fatal
// condition, a traceback's exception line), redacted, at most a few.

export const MAX_QUOTE_LINES = 5
const MEANINGFUL = /error|usage:|exception|fatal|critical|panic|abort|denied|refused|cannot|could not|unable to|not found|invalid|missing/i
const TRACEBACK_HEAD = /^Traceback \(most recent call last\)/
const FRAME = /^\s/

/** The last meaningful lines of a log (oldest first in, oldest first out); the last lines when none says more. */
export function quoteLog(messages: string[], max = MAX_QUOTE_LINES): string[] {
  const lines = messages.flatMap((m) => m.split(/\r?\n/)).map((l) => l.trimEnd()).filter((l) => l.trim() !== '')
  // a traceback's frames quote source code: only its exception line (unindented) says what failed
  const candidates = lines.filter((l) => !TRACEBACK_HEAD.test(l) && !FRAME.test(l))
  const meaningful = candidates.filter((l) => MEANINGFUL.test(l))
  const chosen = (meaningful.length > 0 ? meaningful : candidates).slice(-max)
  return chosen.map((l) => redactText(l.length > 300 ? `${l.slice(0, 297)}...` : l))
}
