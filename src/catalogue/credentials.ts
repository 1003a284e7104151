// The one credential detector: names that say "this holds a credential" and values that look like
// one whatever their name. The plaintext-credentials check asks it about variables, the template
// source about the values a template writes into a secret (which it then drops).

export const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)/i

const SECRET_VALUES: {pattern: RegExp; what: string}[] = [
  {pattern: /^(AKIA|ASIA)[A-Z0-9]{16}$/, what: 'an AWS access key id'},
  {pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key'},
  {pattern: /"client_secret"\s*:\s*"[^"]+"/, what: 'JSON holding a client_secret'},
  {pattern: /^eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+$/, what: 'a JSON web token'},
  {pattern: /^(ghp|gho|github_pat|xox[abp]|sk_live)_?[A-Za-z0-9_]{16,}$/, what: 'an API token'},
  {pattern: /^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i, what: 'a URL with a password in it'},
]

// A reference to where a secret lives is not a secret.
export const REFERENCE = /^(arn:aws[a-z-]*:(secretsmanager|ssm|kms):|\{\{(Ref|GetAtt|ImportValue):[^}]+\}\}$)/

/** What the value looks like when it looks like a credential whatever its name. */
export function credentialShape(value: string): string | undefined {
  return SECRET_VALUES.find((s) => s.pattern.test(value.trim()))?.what
}

/**
 * Why a named value is a credential written in plain text, or undefined. `known` says what the
 * profile knows of the name: a credential, not one, or nothing.
 */
export function credentialReason(name: string, value: string, known?: {credential: boolean; reference?: boolean}): string | undefined {
  const trimmed = value.trim()
  if (trimmed === '') return undefined
  const shape = credentialShape(trimmed)
  if (shape) return `its value looks like ${shape}`
  if (known?.reference || /^arn:/.test(trimmed) || (known && !known.credential)) return undefined
  // a credential variable is plain text in the task definition even when a template parameter fills it
  if (known?.credential) return `${name} holds a credential`
  if (REFERENCE.test(trimmed)) return undefined
  if (SECRET_NAME.test(name)) return `its name says it holds a credential`
  return undefined
}
