// Masks credential-shaped substrings in text bwops shows or records (log lines, service events,
// stopped reasons). It errs towards masking: a hidden name costs a little clarity, a shown secret
// costs a rotation. Names (of keys, variables, ARNs) stay: only values are masked.

export const MASK = '***'

// Key names whose values are credentials: client_secret, BENCHLING_CLIENT_SECRET, password,
// aws_secret_access_key, session_token, api_key, private_key, X-Amz-Signature...
const KEY = String.raw`[A-Za-z0-9_.-]*(?:secret|password|passwd|pwd|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key|credential|signature)[A-Za-z0-9_.-]*`

interface Rule {
  pattern: RegExp
  replace: (match: string, ...groups: string[]) => string
}

// A value that names where a secret lives, not the secret itself: an ARN, a template or shell
// variable ({{...}}, ${X}, $UPPER_CASE), a <placeholder>, a mask.
const REFERENCE = /^(arn:aws[a-z-]*:|\{\{|\$\{|\$[A-Z_][A-Z0-9_]*$|<[^>]*>$|\*+$)/

function keep(prefix: string, value: string, suffix = ''): string {
  if (value === '' || REFERENCE.test(value)) return `${prefix}${value}${suffix}`
  return `${prefix}${MASK}${suffix}`
}

const rules: Rule[] = [
  // PEM private keys, whole blocks; an unterminated block (a truncated log) to the end of the text.
  {
    pattern: /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g,
    replace: () => MASK,
  },
  // JSON with escaped quotes, as when a JSON document is logged inside a JSON string: {\"client_secret\": \"x\"}
  {
    pattern: new RegExp(String.raw`(\\"${KEY}\\"\s*:\s*\\")((?:[^"\\]|\\(?!")|\\\\)*?)(\\")`, 'gi'),
    replace: (_m, pre = '', value = '', post = '') => keep(pre, value, post),
  },
  // JSON and Python repr, either quote: "client_secret": "x", 'client_secret': 'x', 'token': "x"
  {
    pattern: new RegExp(String.raw`(["']${KEY}["']\s*:\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')`, 'gi'),
    replace: (_m, pre = '', quoted = '') => keep(pre + quoted.charAt(0), quoted.slice(1, -1), quoted.charAt(quoted.length - 1)),
  },
  // key=value pairs: password=x, token="x", aws_secret_access_key = x, ?X-Amz-Signature=x&
  {
    pattern: new RegExp(String.raw`(\b${KEY}\s*=\s*)("[^"]*"|'[^']*'|\$\{[^}\s]*\}|[^\s&,;)"'\]}{[]+)`, 'gi'),
    replace: (_m, pre = '', value = '') => {
      const quote = /^["']/.test(value) ? value.charAt(0) : ''
      return quote ? keep(pre + quote, value.slice(1, -1), quote) : keep(pre, value)
    },
  },
  // key: value, unquoted key (YAML, log lines): password: x, client_secret: "x". A bare `secret:`
  // is left alone: "Access denied to secret: NAME" names a secret, it does not hold one. Nor is a
  // key after a colon: in `arn:...:secret:NAME:client_secret::` it is the JSON key ECS reads.
  {
    pattern: /(?<!:)\b((?:[A-Za-z0-9_.-]*[_.-])?(?:password|passwd|pwd|client[_-]?secret|secret[_-]?(?:access[_-]?)?key|api[_-]?key|apikey|private[_-]?key|token)\s*:\s*)("[^"]*"|'[^']*'|[^\s,;)}\]]+)/gi,
    replace: (_m, pre = '', value = '') => {
      const quote = /^["']/.test(value) ? value.charAt(0) : ''
      return quote ? keep(pre + quote, value.slice(1, -1), quote) : keep(pre, value)
    },
  },
  // Authorization headers and bearer tokens.
  {pattern: /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, replace: (_m, pre = '') => `${pre}${MASK}`},
  {pattern: /\b(Authorization:\s*Basic\s+)[A-Za-z0-9+/=]{8,}/gi, replace: (_m, pre = '') => `${pre}${MASK}`},
  // curl's user:password: -u admin:x, --user=admin:x, --proxy-user admin:x
  {pattern: /((?:^|\s)(?:-u|--user|--proxy-user)(?:\s+|=)["']?[^\s:"']+:)[^\s"']+/g, replace: (_m, pre = '') => `${pre}${MASK}`},
  // Credentials in a URL: scheme://user:password@host
  {pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+(@)/gi, replace: (_m, pre = '', at = '') => `${pre}${MASK}${at}`},
  // JSON web tokens.
  {pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: () => MASK},
  // AWS access key ids (long-term AKIA, temporary ASIA).
  {pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, replace: () => MASK},
  // Well-known token shapes: GitHub, Slack, Stripe.
  {pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{16,})\b/g, replace: () => MASK},
]

/** The text with every credential-shaped substring replaced by ***. Idempotent. */
export function redactText(text: string): string {
  let out = text
  for (const rule of rules) out = out.replace(rule.pattern, rule.replace as (m: string, ...g: string[]) => string)
  return out
}

export function redactLines(lines: readonly string[]): string[] {
  return lines.map((line) => redactText(line))
}
