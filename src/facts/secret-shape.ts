import type {SecretContent, SecretKeyShape} from './types.js'

// The one place that looks at a secret's values: it keeps their shape and drops them, so no
// value can reach a report, a bundle or a log. The one exception stays in memory: a masker that
// hides the credential values wherever a container printed them (an app that logs its own secret
// with no recognisable shape would otherwise be shown by doctor's log findings).

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

/** Keys whose values are credentials, whatever the service calls them. */
const CREDENTIAL_KEY = /secret|password|passwd|token|credential|private|client_id|api_?key/i
/** Shorter values are too likely to stand in ordinary text to be masked by value. */
const MIN_MASKED_LENGTH = 6

/**
 * A function that replaces every credential value of the secret (or the whole secret, when it is
 * not a JSON object) with ***. It holds the values in memory and prints none of them.
 */
export function secretValueMasker(text: string): (line: string) => string {
  let values: string[]
  try {
    const parsed: unknown = JSON.parse(text)
    values =
      parsed && typeof parsed === 'object' && !Array.isArray(parsed)
        ? Object.entries(parsed as Record<string, unknown>)
            .filter(([key, value]) => CREDENTIAL_KEY.test(key) && typeof value === 'string')
            .map(([, value]) => (value as string).trim())
        : [text.trim()]
  } catch {
    values = [text.trim()]
  }

  const masked = values.filter((v) => v.length >= MIN_MASKED_LENGTH).sort((a, b) => b.length - a.length)
  if (masked.length === 0) return (line) => line
  return (line) => masked.reduce((out, value) => out.split(value).join('***'), line)
}
