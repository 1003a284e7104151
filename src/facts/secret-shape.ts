import type {SecretContent, SecretKeyShape} from './types.js'

// The one place that looks at a secret's values: it keeps their shape and drops them, so no
// value can reach a report, a bundle or a log.

export function describeSecretString(text: string): SecretContent {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    // the parser's message may quote the text: keep only its kind
    const at = /position (\d+)/.exec(String(error))
    const endsEarly = /end of JSON/.test(String(error)) || (at !== null && Number(at[1]) >= text.trimEnd().length)
    const reason = endsEarly ? 'the JSON ends early' : 'it is not valid JSON'
    return {kind: 'not-json', reason}
  }

  if (parsed === null) return {jsonType: 'null', kind: 'json-other'}
  if (Array.isArray(parsed)) return {jsonType: 'array', kind: 'json-other'}
  if (typeof parsed !== 'object') return {jsonType: typeof parsed as 'string' | 'number' | 'boolean', kind: 'json-other'}
  const keys: Record<string, SecretKeyShape> = {}
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    keys[key] = describeValue(value, NAMING_KEYS.has(key))
  }
  return {keys, kind: 'json-object'}
}

/** Keys that name things rather than hold credentials: only these may carry a derived tenant name. */
const NAMING_KEYS = new Set(['tenant', 'api_url', 'BENCHLING_TENANT'])

export function describeValue(value: unknown, mayDeriveName = false): SecretKeyShape {
  if (typeof value !== 'string') {
    const type = value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as SecretKeyShape['type'])
    return {empty: value === null || value === '', length: 0, padded: false, type}
  }

  const trimmed = value.trim()
  const shape: SecretKeyShape = {empty: trimmed === '', length: value.length, padded: trimmed !== value, type: 'string'}
  shape.tenantShaped = /^[a-z0-9-]+$/i.test(trimmed)
  shape.appDefinitionShaped = /^appdef_[A-Za-z0-9]+$/.test(trimmed)
  shape.looksLikeUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)
  shape.looksLikeDomain = !shape.looksLikeUrl && /^[a-z0-9-]+(\.[a-z0-9-]+)+\/?$/i.test(trimmed)
  if (shape.looksLikeUrl || shape.looksLikeDomain) {
    const host = trimmed.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/:?#]/)[0] ?? ''
    const first = host.split('.')[0]
    if (mayDeriveName && first && /^[a-z0-9-]+$/i.test(first) && /\.benchling\.com$/i.test(host)) shape.tenantFromUrl = first.toLowerCase()
  }

  return shape
}
