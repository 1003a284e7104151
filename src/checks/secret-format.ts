import type {SecretFact, SecretKeyShape} from '../facts/types.js'
import type {SecretKeySpec} from '../profile/types.js'
import {closestName} from './lib/closest.js'
import {editSecretSteps, secretLabel} from './lib/secret-fix.js'
import {snakeCase} from './lib/webhook-knowledge.js'
import {defineCheck, type FindingInput} from './types.js'

// Judges the Benchling secret from its shape alone (src/facts/secret-shape.ts keeps no values):
// key names, JSON types, emptiness, padding, and what a value looks like.

const NEXT = 'Running tasks keep the old value: start new ones with aws ecs update-service --force-new-deployment.'

/** The known key a written key stands for: clientId -> client_id, tenantName -> tenant. */
function canonicalKey(key: string, known: Set<string>, aliases: Record<string, string>): string | undefined {
  const alias = aliases[key]
  if (alias && known.has(alias)) return alias
  const snake = snakeCase(key)
  return snake !== key && known.has(snake) ? snake : undefined
}

function article(type: string): string {
  if (type === 'null') return 'null'
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}

function valueFindings(spec: SecretKeySpec, shape: SecretKeyShape, id: string): FindingInput[] {
  const key = spec.name
  const evidence = [`key ${key}: ${shape.type}${shape.type === 'string' ? `, ${shape.length} characters${shape.padded ? ', padded' : ''}` : ''}`]
  const severity = spec.required ? ('error' as const) : ('warning' as const)
  const impact = spec.required ? ('start' as const) : ('runtime' as const)
  if (shape.type !== 'string') {
    return [
      {
        detail: `The app expects ${key} (${spec.description}) to be a JSON string and cannot use ${article(shape.type)}.`,
        evidence,
        fix: editSecretSteps(id, `make "${key}" a string`),
        impact,
        severity,
        title: `${key} in the Benchling secret is ${article(shape.type)}, not a string`,
      },
    ]
  }

  // an empty webhook_allow_list means no IP filter (v0.6.0:docker/src/config_resolver.py:326)
  if (shape.empty && spec.mayBeEmpty) return []
  if (shape.empty) {
    return [
      {
        detail: `${key} holds ${spec.description}; an empty value is as good as none${spec.required ? ', and the app refuses it ("Invalid secret structure")' : ''}.`,
        evidence,
        fix: editSecretSteps(id, `fill in "${key}"`),
        impact,
        severity,
        title: `${key} in the Benchling secret is empty`,
      },
    ]
  }

  const findings: FindingInput[] = []
  if (shape.padded) {
    findings.push({
      detail: `The app uses the value as it is, white space included, so Benchling rejects ${key} (${spec.description}) or the app builds a wrong URL from it.`,
      evidence,
      fix: editSecretSteps(id, `remove the spaces or line breaks around the value of "${key}"`),
      impact: 'runtime',
      severity,
      title: `${key} in the Benchling secret has white space around its value`,
    })
  }

  if (spec.kind === 'tenant' && !shape.tenantShaped) {
    // tenantFromUrl is derived from a benchling.com host, never from a credential
    const use = shape.tenantFromUrl ? `use "${shape.tenantFromUrl}", not the URL` : 'use the first label of your Benchling domain (quilt-dtt for quilt-dtt.benchling.com)'
    const what = shape.looksLikeUrl ? 'a URL' : shape.looksLikeDomain ? 'a domain' : 'not a tenant name'
    findings.push({
      detail: `${key} is the tenant's name (letters, digits and hyphens), from which the app builds https://<tenant>.benchling.com; given ${what}, it builds a host that does not exist and every call to Benchling fails.`,
      evidence,
      fix: editSecretSteps(id, `set "${key}": ${use}`),
      impact: 'runtime',
      severity: 'error',
      title: `${key} in the Benchling secret is ${what}, not a tenant name: ${use}`,
    })
  }

  if (spec.kind === 'app-definition-id' && !shape.appDefinitionShaped) {
    findings.push({
      detail: `${key} should be the app definition id Benchling shows for the app (appdef_ followed by letters and digits); with another value, webhook signature verification fails and events are refused with 401.`,
      evidence,
      fix: editSecretSteps(id, `set "${key}" to the app's definition id from Benchling (Developer Console, the app's page)`),
      impact: 'runtime',
      severity: 'warning',
      title: `${key} in the Benchling secret does not look like an app definition id (appdef_...)`,
    })
  }

  return findings
}

function objectFindings(keys: Record<string, SecretKeyShape>, required: SecretKeySpec[], optional: SecretKeySpec[], id: string, aliases: Record<string, string>): FindingInput[] {
  const findings: FindingInput[] = []
  const knownSpecs = [...required, ...optional]
  const known = new Set(knownSpecs.map((s) => s.name))
  const present = Object.keys(keys)
  const aliasOf = new Map(present.filter((k) => !known.has(k)).map((k) => [k, canonicalKey(k, known, aliases)] as const))
  for (const spec of required) {
    if (keys[spec.name]) continue
    const written = present.find((k) => aliasOf.get(k) === spec.name)
    const typo = written ? undefined : closestName(spec.name, present.filter((k) => !known.has(k)))
    findings.push({
      detail: `The app reads ${spec.name} (${spec.description}) and stops at start-up without it ("Invalid secret structure: missing ${spec.name}").${written ? ` The secret has ${written}: the app reads snake_case keys only.` : typo ? ` The secret has ${typo.name}, which looks like a misspelling of it.` : ''}`,
      evidence: [`keys present: ${present.join(', ') || 'none'}`],
      fix: editSecretSteps(id, written ? `rename "${written}" to "${spec.name}"` : typo ? `rename "${typo.name}" to "${spec.name}"` : `add "${spec.name}": ${spec.description}`) + `. ${NEXT}`,
      impact: 'start',
      severity: 'error',
      subject: `secret-key:${spec.name}`,
      title: written ? `The Benchling secret names ${spec.name} as ${written}` : `The Benchling secret lacks ${spec.name}`,
    })
  }

  for (const spec of knownSpecs) {
    const shape = keys[spec.name]
    if (shape) findings.push(...valueFindings(spec, shape, id))
  }

  for (const key of present) {
    if (known.has(key)) continue
    const canonical = aliasOf.get(key)
    if (canonical && (keys[canonical] || required.every((s) => s.name !== canonical))) {
      const both = Boolean(keys[canonical])
      findings.push({
        detail: `The app reads ${canonical} and never ${key}${both ? '; the secret has both, and only one of them is used' : ', so its value is ignored'}.`,
        evidence: [`key ${key}${both ? ` beside ${canonical}` : ''}`],
        fix: editSecretSteps(id, both ? `remove "${key}"` : `rename "${key}" to "${canonical}"`),
        impact: both ? 'hygiene' : 'runtime',
        severity: 'warning',
        title: `The Benchling secret names ${canonical} as ${key}`,
      })
      continue
    }

    if (canonical) continue // reported above as the missing key, written in another case
    const near = closestName(key, known)
    findings.push({
      detail: `The app does not read ${key}${near ? `; it reads ${near.name} (${knownSpecs.find((s) => s.name === near.name)?.description})` : ''}. An unknown key is harmless to the app, but often a misspelt one whose setting is silently lost.`,
      evidence: [`key ${key}`],
      fix: editSecretSteps(id, near ? `rename "${key}" to "${near.name}", or remove it` : `remove "${key}" if nothing else reads it`),
      impact: 'hygiene',
      severity: 'warning',
      title: near ? `The Benchling secret has an unknown key ${key}: did you mean ${near.name}?` : `The Benchling secret has an unknown key ${key}`,
    })
  }

  return findings
}

export default defineCheck({
  description:
    'Looks at the Benchling secret\'s shape, never its values: a JSON object with client_id, client_secret and tenant as non-empty strings without white space around them, tenant a tenant name and not a URL, app_definition_id shaped like appdef_..., snake_case keys (not clientId), and no unknown keys.',
  id: 'secret-format',
  subject: 'secret',
  needs: ['benchlingSecret'],
  run({benchlingSecret}, profile) {
    return judge(benchlingSecret, profile.secret.keys, profile.secret.optionalKeys, profile.secret.aliases)
  },
  title: 'Benchling secret holds what the app reads',
})

function judge(secret: SecretFact, required: SecretKeySpec[], optional: SecretKeySpec[], aliases: Record<string, string>): FindingInput[] {
  const id = secretLabel(secret)
  const content = secret.content
  const example = `{${required.map((s) => `"${s.name}": "..."`).join(', ')}}`
  const rewrite = `aws secretsmanager put-secret-value --secret-id ${id} --secret-string file://secret.json, where secret.json is a JSON object such as ${example}; then rm secret.json. ${NEXT}`
  if (content.kind === 'json-object') return objectFindings(content.keys, required, optional, id, aliases)
  const [title, detail] =
    content.kind === 'binary'
      ? ['The Benchling secret holds binary data, not a JSON string', 'The app reads SecretString and stops at start-up with "Secret does not contain string data".']
      : content.kind === 'not-json'
        ? ['The Benchling secret is not valid JSON', `The app parses the secret as JSON and stops at start-up with "Secret contains invalid JSON": ${content.reason}.`]
        : [`The Benchling secret is ${article(content.jsonType)} in JSON, not an object`, 'The app reads keys (client_id, client_secret, tenant) out of a JSON object, and ECS can pick a JSON key only out of an object; anything else stops the app at start-up ("Invalid secret structure").']
  const evidence = [content.kind === 'json-other' ? `JSON type: ${content.jsonType}` : `content: ${content.kind}`]
  return [{detail, evidence, fix: `Store the secret as a JSON object: ${rewrite}`, impact: 'start', severity: 'error', title}]
}
