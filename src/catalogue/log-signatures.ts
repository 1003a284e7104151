import type {Impact} from '../checks/types.js'
import {genericLogSignatures} from './log-signature-entries.js'
import {redactText} from './redact.js'
import {fillEntry, type LogSignature, matchEntry} from './types.js'

export {genericLogSignatures} from './log-signature-entries.js'

export interface LogMatch {
  id: string
  title: string
  cause: string
  fix: string
  impact: Impact
  /** the matched line, redacted */
  line: string
  /** its position in the lines given */
  index: number
  /** a few lines around it, redacted */
  context: string[]
  /** what the signature picked out of the line (variable names, a stack), redacted */
  values: Record<string, string>
}

/**
 * A service's own signatures (its profile's) first, they say more than the generic ones their lines
 * also match; then the generic ones.
 */
export function signaturesFor(profileSignatures: readonly LogSignature[]): LogSignature[] {
  return [...profileSignatures, ...genericLogSignatures]
}

const TRACEBACK_ID = 'python-traceback'
const TRACEBACK = /Traceback \(most recent call last\)/
const FRAME = /^(\s|$)/
const CONTEXT_BEFORE = 2
const CONTEXT_AFTER = 2

interface FlatLine {
  text: string
  /** index of the input line it came from (a line may hold several, joined by newlines) */
  origin: number
}

/** Known failures in a container's log lines (oldest first), each with its line and context. */
export function classifyLogLines(lines: string[], signatures: LogSignature[] = genericLogSignatures): LogMatch[] {
  const flat: FlatLine[] = lines.flatMap((line, origin) => line.split(/\r?\n/).map((text) => ({origin, text})))
  const byLine = new Map<number, LogMatch>()
  const ordered = [...signatures.filter((s) => !s.wrapper), ...signatures.filter((s) => s.wrapper)].filter((s) => s.id !== TRACEBACK_ID)
  const frames = tracebackFrames(flat)
  flat.forEach((line, i) => {
    // a traceback's source lines may quote an error message, placeholders and all: not an error
    if (frames.has(i)) return
    for (const signature of ordered) {
      const values = matchEntry(signature, line.text)
      if (!values) continue
      byLine.set(i, toMatch(signature, values, flat, i, contextAround(flat, i)))
      break
    }
  })

  const traceback = signatures.find((s) => s.id === TRACEBACK_ID)
  if (traceback) addTracebacks(traceback, flat, byLine)
  return [...byLine.entries()].sort(([a], [b]) => a - b).map(([, match]) => match)
}

/** The indices of the frame lines (File ..., and the source lines under them) of every traceback. */
function tracebackFrames(flat: FlatLine[]): Set<number> {
  const frames = new Set<number>()
  flat.forEach((line, start) => {
    if (!TRACEBACK.test(line.text)) return
    for (let i = start + 1; i < flat.length && FRAME.test(flat[i]?.text ?? ''); i++) frames.add(i)
  })
  return frames
}

/**
 * A traceback's exception line is the first unindented line after its frames. When a signature
 * already explains that line (e.g. NoCredentialsError), that match stands; a generic exception
 * line becomes the traceback, with its last frames as context.
 */
function addTracebacks(signature: LogSignature, flat: FlatLine[], byLine: Map<number, LogMatch>): void {
  flat.forEach((line, start) => {
    if (!TRACEBACK.test(line.text)) return
    let end = start + 1
    while (end < flat.length && FRAME.test(flat[end]?.text ?? '')) end++
    const exceptionLine = flat[end]
    if (!exceptionLine || TRACEBACK.test(exceptionLine.text)) return
    const existing = byLine.get(end)
    if (existing && existing.id !== 'python-exception') return
    const context = flat.slice(Math.max(start, end - 4), end + 1).map((l) => redactText(l.text))
    byLine.set(end, toMatch(signature, {exception: redactText(exceptionLine.text.trim())}, flat, end, context))
  })
}

function toMatch(signature: LogSignature, values: Record<string, string>, flat: FlatLine[], i: number, context: string[]): LogMatch {
  const filled = fillEntry(signature, values)
  const line = flat[i]
  return {
    cause: filled.cause,
    context,
    fix: filled.fix,
    id: signature.id,
    impact: signature.impact,
    index: line?.origin ?? i,
    line: redactText(line?.text ?? ''),
    title: filled.title,
    values: filled.values,
  }
}

function contextAround(flat: FlatLine[], i: number): string[] {
  return flat.slice(Math.max(0, i - CONTEXT_BEFORE), i + CONTEXT_AFTER + 1).map((l) => redactText(l.text))
}
