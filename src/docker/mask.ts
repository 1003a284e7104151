import {redactText} from '../catalogue/redact.js'
import type {EnvVar} from '../facts/types.js'
import type {Profile} from '../profile/types.js'

// The probe hands credentials to a container and then prints what the container said: any of
// those values may come back in a log line or a /config body. So every text the probe keeps is
// passed through a masker that knows the values it must never show.

const CREDENTIAL_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|CLIENT_ID)/i
const CREDENTIAL_VALUE = [
  /^(AKIA|ASIA)[A-Z0-9]{16}$/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /^eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+$/,
  /"client_secret"\s*:/,
]
/** Shorter values would mask ordinary words in logs; none of our credentials is this short. */
const MIN_MASKED_LENGTH = 4
export const MASK = '****'

/** Is this variable's value a credential, by its name, the profile, where it came from, or its shape? */
export function isCredential(env: EnvVar, profile: Profile, secretNames: ReadonlySet<string>): boolean {
  if (secretNames.has(env.name)) return true
  const spec = [...profile.env.legacy, ...profile.env['secrets-only'], ...profile.commonEnv].find((s) => s.name === env.name)
  if (spec?.credential) return true
  if (CREDENTIAL_NAME.test(env.name)) return true
  return CREDENTIAL_VALUE.some((p) => p.test(env.value.trim()))
}

/** The values to hide: each credential, and each string inside one that is JSON (inline secrets). */
export function secretValues(env: EnvVar[], profile: Profile, secretNames: ReadonlySet<string>): string[] {
  const values = new Set<string>()
  for (const e of env) {
    if (!isCredential(e, profile, secretNames)) continue
    values.add(e.value)
    values.add(e.value.trim())
    for (const inner of jsonStrings(e.value, profile)) values.add(inner)
  }

  return [...values].filter((v) => v.length >= MIN_MASKED_LENGTH).sort((a, b) => b.length - a.length)
}

/** String values of inline secret JSON, but for keys the profile knows are no credential (tenant). */
function jsonStrings(text: string, profile: Profile): string[] {
  const plain = new Set([...profile.secret.keys, ...profile.secret.optionalKeys].filter((k) => !k.credential).map((k) => k.name))
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed !== 'object' || parsed === null) return []
    return Object.entries(parsed)
      .filter((kv): kv is [string, string] => typeof kv[1] === 'string' && !plain.has(kv[0]))
      .map(([, v]) => v)
  } catch {
    return []
  }
}

export type Masker = (text: string) => string

/**
 * A function that replaces every known secret value in a text, longest first, then anything
 * credential-shaped: the app may log a secret it fetched itself (secrets-only mode), never passed.
 */
export function makeMasker(values: string[]): Masker {
  const sorted = [...values].filter((v) => v.length >= MIN_MASKED_LENGTH).sort((a, b) => b.length - a.length)
  return (text) => {
    let out = text
    for (const v of sorted) out = out.split(v).join(MASK)
    return redactText(out)
  }
}
