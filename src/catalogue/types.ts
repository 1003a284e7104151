import type {Impact} from '../checks/types.js'
import {redactText} from './redact.js'

/**
 * One known cause in a catalogue. `title`, `cause` and `fix` may hold {placeholders} filled from
 * the named groups of `pattern` (or of `details`), e.g. the JSON key a secret lacked. A placeholder
 * with no value reads as its fallback, else as <name> (which is how the docs show it).
 */
export interface CatalogueEntry {
  id: string
  pattern: RegExp
  /** extra patterns whose named groups add details, tried on the same text */
  details?: RegExp[]
  fallbacks?: Record<string, string>
  title: string
  /** the cause in plain words */
  cause: string
  /** a concrete step */
  fix: string
  impact: Impact
}

export interface Filled {
  title: string
  cause: string
  fix: string
  /** the values the placeholders took, redacted */
  values: Record<string, string>
}

/** Named groups of the entry's pattern and detail patterns on a text; undefined when it does not match. */
export function matchEntry(entry: CatalogueEntry, text: string): Record<string, string> | undefined {
  const match = entry.pattern.exec(text)
  if (!match) return undefined
  const values: Record<string, string> = {}
  for (const m of [match, ...(entry.details ?? []).map((d) => d.exec(text))]) {
    for (const [name, value] of Object.entries(m?.groups ?? {})) {
      const clean = value?.trim().replace(/[.,;:]+$/, '')
      if (clean && values[name] === undefined) values[name] = redactText(clean)
    }
  }

  return values
}

export function fill(template: string, values: Record<string, string>, fallbacks: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? fallbacks[name] ?? `<${name}>`)
}

export function fillEntry(entry: Pick<CatalogueEntry, 'title' | 'cause' | 'fix' | 'fallbacks'>, values: Record<string, string>): Filled {
  const f = (t: string) => fill(t, values, entry.fallbacks)
  return {cause: f(entry.cause), fix: f(entry.fix), title: f(entry.title), values}
}

/** A known failure message in container logs. */
export type LogSignature = CatalogueEntry & {
  /** a message that wraps another ("Failed to ...: <inner>"): used only when nothing explains the inner one */
  wrapper?: boolean
}
