import type {EnvSpec} from '../profile/types.js'
import {defineCheck, type FindingInput} from './types.js'

// Names that say "this holds a credential" and values that look like one whatever their name.
const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)/i
const SECRET_VALUES: {pattern: RegExp; what: string}[] = [
  {pattern: /^(AKIA|ASIA)[A-Z0-9]{16}$/, what: 'an AWS access key id'},
  {pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key'},
  {pattern: /"client_secret"\s*:\s*"[^"]+"/, what: 'JSON holding a client_secret'},
  {pattern: /^eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+$/, what: 'a JSON web token'},
  {pattern: /^(ghp|gho|github_pat|xox[abp]|sk_live)_?[A-Za-z0-9_]{16,}$/, what: 'an API token'},
  {pattern: /^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i, what: 'a URL with a password in it'},
]
// A reference to where a secret lives is not a secret.
const REFERENCE = /^(arn:aws[a-z-]*:(secretsmanager|ssm|kms):|\{\{(Ref|GetAtt|ImportValue):[^}]+\}\}$)/

function credentialReason(name: string, value: string, spec: EnvSpec | undefined): string | undefined {
  const trimmed = value.trim()
  if (trimmed === '') return undefined
  const shape = SECRET_VALUES.find((s) => s.pattern.test(trimmed))
  if (shape) return `its value looks like ${shape.what}`
  if (spec?.kind === 'secret-id' || /^arn:/.test(trimmed) || (spec && !spec.credential)) return undefined
  if (spec?.credential) return /^\{\{/.test(trimmed) && REFERENCE.test(trimmed) && spec.name === 'BENCHLING_SECRETS' ? undefined : `${name} holds a credential`
  if (REFERENCE.test(trimmed)) return undefined
  if (SECRET_NAME.test(name)) return `its name says it holds a credential`
  return undefined
}

// BENCHLING_CLIENT_SECRET is the secret's client_secret key; a variable with no key of its own
// (BENCHLING_SECRETS) takes the whole secret, as a key suffix would stop the task.
function jsonKeySuffix(name: string, spec: EnvSpec | undefined, secretKeys: Set<string>): string {
  const key = name.replace(/^BENCHLING_/, '').toLowerCase()
  return spec?.secretAllowed && secretKeys.has(key) ? `:${key}::` : ''
}

export default defineCheck({
  description:
    'Looks in every container\'s plain `environment` for credentials: the Benchling client secret, inline secret JSON, AWS access keys, private keys, tokens, and any variable whose name says it is a secret. Such values are readable by anyone who can describe the task definition; they belong in `secrets`.',
  id: 'plaintext-credentials',
  subject: 'plaintext-credentials',
  needs: ['taskDefinition'],
  run({taskDefinition}, profile) {
    const specs = new Map([...profile.env.legacy, ...profile.env['secrets-only'], ...profile.commonEnv].map((s) => [s.name, s]))
    const secretKeys = new Set([...profile.secret.keys, ...profile.secret.optionalKeys].map((k) => k.name))
    const findings: FindingInput[] = []
    for (const container of taskDefinition.containers) {
      for (const env of container.environment) {
        const reason = credentialReason(env.name, env.value, specs.get(env.name))
        if (!reason) continue
        findings.push({
          detail: `${reason}, and it sits in the task definition's plain \`environment\`, where anyone allowed ecs:DescribeTaskDefinition can read it, and where it stays in every revision.`,
          evidence: [`container ${container.name}: environment ${env.name} (value hidden)`],
          fix: `Store the value in Secrets Manager and move ${env.name} from \`environment\` to \`secrets\`: {"name": "${env.name}", "valueFrom": "arn:aws:secretsmanager:<region>:<account>:secret:<name>${jsonKeySuffix(env.name, specs.get(env.name), secretKeys)}"}. Then rotate the credential: it has been exposed.`,
          impact: 'hygiene',
          severity: 'error',
          title: `${env.name} in container ${container.name} is a credential in plain text`,
        })
      }
    }

    return findings
  },
  title: 'No credentials in plain-text environment variables',
})
