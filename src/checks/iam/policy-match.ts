// Matching as IAM does it for identity and trust policies: actions case-insensitively with `*`
// and `?`; ARNs segment by segment (partition, service, region, account, resource), where a
// wildcard never crosses a colon except in the last segment; principals by kind.

export type Tri = 'yes' | 'no' | 'maybe'

const cache = new Map<string, RegExp>()

/** `*` any run of characters, `?` one character; `crossColon` false keeps both inside a segment. */
export function globToRegExp(pattern: string, flags = '', crossColon = true): RegExp {
  const key = `${flags}|${crossColon}|${pattern}`
  const hit = cache.get(key)
  if (hit) return hit
  const any = crossColon ? '.*' : '[^:]*'
  const one = crossColon ? '.' : '[^:]'
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, any).replace(/\?/g, one)
  const made = new RegExp(`^${body}$`, `s${flags}`)
  cache.set(key, made)
  return made
}

export const globMatch = (pattern: string, value: string, caseInsensitive = false) => globToRegExp(pattern, caseInsensitive ? 'i' : '').test(value)

/** Action patterns are `service:Name` with wildcards, matched without regard to case. */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatch(pattern, action, true)
}

function arnParts(arn: string): string[] | undefined {
  const parts = arn.split(':')
  if (parts.length < 6 || parts[0] !== 'arn') return undefined
  return [...parts.slice(0, 5), parts.slice(5).join(':')]
}

// A policy variable such as ${aws:username} is filled in from the request, which bwops does not
// have: a pattern holding one can only maybe match.
const VARIABLE = /\$\{[^}]*\}/g

/** Does a Resource pattern match the resource ARN asked about? */
export function resourceMatches(pattern: string, resource: string): Tri {
  if (pattern === '*') return 'yes'
  const variable = pattern.includes('${')
  const concrete = variable ? pattern.replace(VARIABLE, '*') : pattern
  const matched = arnMatches(concrete, resource)
  if (!matched) return 'no'
  return variable ? 'maybe' : 'yes'
}

function arnMatches(pattern: string, resource: string): boolean {
  const p = arnParts(pattern)
  const r = arnParts(resource)
  // An ARN pattern with fewer than six segments matches no ARN: a wildcard does not stand for colons.
  if (!p) return !pattern.startsWith('arn:') && globMatch(pattern, resource)
  if (!r) return globMatch(pattern, resource)
  return p.every((segment, i) => globToRegExp(segment, '', i === 5).test(r[i] ?? ''))
}

/** Does a trust policy's Principal name the caller (a service principal or a role ARN)? */
export function principalMatches(principal: unknown, caller: string): boolean {
  if (principal === '*') return true
  if (!principal || typeof principal !== 'object') return false
  return Object.entries(principal as Record<string, unknown>).some(([kind, value]) => {
    const values = [value].flat().filter((v): v is string => typeof v === 'string')
    if (kind === 'Service') return values.some((v) => v.toLowerCase() === caller.toLowerCase())
    if (kind === 'AWS') return values.some((v) => v === '*' || v === caller || (/^\d{12}$/.test(v) && caller.includes(`:${v}:`)) || v === `arn:${caller.split(":")[1] ?? "aws"}:iam::${accountOf(caller)}:root`)
    return false
  })
}

const accountOf = (arn: string) => arn.split(':')[4] ?? ''
