import {UserError} from '../../errors.js'

// --since: a duration back from now (30s, 10m, 2h, 1d, or combined: 1h30m) or an absolute time
// (ISO 8601; a time without a zone is UTC, as CloudWatch and bwops print times in UTC).

const UNIT_MS: Record<string, number> = {d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000}
const DURATION = /^(?:\d+[smhd])+$/
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?$/i

/** How far back `bwops logs` reads when --since is not given. */
export const DEFAULT_SINCE = '10m'

/** Epoch milliseconds of --since, relative to now; a UserError (exit 2) when it is neither shape. */
export function parseSince(text: string, now: number): number {
  const value = text.trim().toLowerCase()
  if (DURATION.test(value)) {
    let ms = 0
    for (const [, amount, unit] of value.matchAll(/(\d+)([smhd])/g)) ms += Number(amount) * (UNIT_MS[unit ?? 's'] ?? 0)
    if (ms === 0) throw badSince(text, 'is not a duration or a time (a duration of zero reads nothing)')
    if (ms > now) throw badSince(text, 'reaches back before 1970')
    return now - ms
  }

  const trimmed = text.trim()
  if (DATE_ONLY.test(trimmed) || ISO_TIME.test(trimmed)) {
    const iso = DATE_ONLY.test(trimmed) ? `${trimmed}T00:00:00Z` : ZONE.test(trimmed) ? trimmed.replace(' ', 'T') : `${trimmed.replace(' ', 'T')}Z`
    const at = Date.parse(iso)
    // a time ahead of now reads no line, and would look like "no logs"
    if (at > now) throw badSince(text, 'is in the future: no line is that new')
    if (!Number.isNaN(at)) return at
  }

  throw badSince(text)
}

function badSince(text: string, why?: string): UserError {
  return new UserError(
    `--since "${text}" ${why ?? 'is not a duration or a time'}.`,
    'Give a duration back from now (30s, 10m, 2h, 1d, 1h30m) or an ISO time (2025-11-20T10:00:00Z, 2025-11-20).',
  )
}
