import {classifyLogLines} from '../../catalogue/log-signatures.js'
import type {LogSignature} from '../../catalogue/types.js'
import type {LogLine} from './model.js'

// --errors: only the lines doctor's failure signatures match, each with a few lines around it from
// the same task's stream (a traceback back to its header), and what the signature says it means.

const BEFORE = 2
const AFTER = 2
/** How far back a traceback's header is looked for. */
const TRACEBACK_REACH = 40
const TRACEBACK = /Traceback \(most recent call last\)/
/** Lines of a stream kept between polls of --follow, so a match can show what came before it. */
const LEAD_IN = 40

export interface ErrorBlock {
  /** what each signature in the block says: title, cause and fix, one per matched line */
  matches: {id: string; title: string; cause: string; fix: string; eventId?: string}[]
  /** the matched lines with their context, oldest first; `match` set on the matched ones */
  lines: LogLine[]
}

/** Where the traceback that ends at line i begins (its header, above its indented frames), if it is one. */
function tracebackStart(lines: LogLine[], i: number): number | undefined {
  let j = i - 1
  while (j >= 0 && i - j <= TRACEBACK_REACH && /^(\s|$)/.test(lines[j]?.message ?? '')) j--
  return j >= 0 && TRACEBACK.test(lines[j]?.message ?? '') ? j : undefined
}

/** Blocks of matched lines with context, in one stream's lines (oldest first); lines before `from` are context only. */
export function errorBlocks(lines: LogLine[], signatures: LogSignature[], from = 0): ErrorBlock[] {
  const matches = classifyLogLines(lines.map((l) => l.message), signatures).filter((m) => m.index >= from)
  const blocks: {start: number; end: number; block: ErrorBlock}[] = []
  for (const m of matches) {
    const start = Math.min(Math.max(0, m.index - BEFORE), tracebackStart(lines, m.index) ?? m.index)
    const end = Math.min(lines.length - 1, m.index + AFTER)
    const entry = {cause: m.cause, fix: m.fix, id: m.id, title: m.title, ...(lines[m.index]?.eventId ? {eventId: lines[m.index]?.eventId} : {})}
    const last = blocks.at(-1)
    // overlapping or touching windows make one block, so no line shows twice
    if (last && start <= last.end + 1) {
      last.end = Math.max(last.end, end)
      last.block.matches.push(entry)
    } else blocks.push({block: {lines: [], matches: [entry]}, end, start})
  }

  const matchedAt = new Map(matches.map((m) => [m.index, m.id]))
  for (const b of blocks) {
    b.block.lines = lines.slice(b.start, b.end + 1).map((line, k) => {
      const id = matchedAt.get(b.start + k)
      return id ? {...line, match: id} : line
    })
  }

  return blocks.map((b) => b.block)
}

/**
 * The selector --errors runs over each poll's events: grouped by stream, each stream classified
 * with the lines it had before (the lead-in), so a traceback split across polls is still seen.
 * Lines already shown as context are not shown again.
 */
export function errorSelector(signatures: LogSignature[]): (events: LogLine[]) => ErrorBlock[] {
  const leadIn = new Map<string, LogLine[]>()
  const shown = new Set<string>()
  return (events) => {
    const byStream = new Map<string, LogLine[]>()
    for (const e of events) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e])
    const out: ErrorBlock[] = []
    for (const [stream, fresh] of byStream) {
      const before = leadIn.get(stream) ?? []
      const all = [...before, ...fresh]
      for (const block of errorBlocks(all, signatures, before.length)) {
        const lines = block.lines.filter((l) => !l.eventId || !shown.has(l.eventId))
        for (const l of lines) if (l.eventId) shown.add(l.eventId)
        out.push({...block, lines})
      }

      leadIn.set(stream, all.slice(-LEAD_IN))
    }

    if (shown.size > 10_000) shown.clear()
    // in the order the failures happened, across tasks
    const at = (b: ErrorBlock) => (b.lines.find((l) => l.match) ?? b.lines[0])?.timestamp ?? 0
    return out.sort((a, b) => at(a) - at(b))
  }
}
