import {hasDeployTimeValue} from '../../facts/deploy-time.js'
import type {SecretFact} from '../../facts/types.js'
import {parseArn, parseSecretArn, type SecretArn, splitOutsideTokens} from './arn.js'

// What a container's `secrets[].valueFrom` points at, as ECS reads it: a Secrets Manager ARN
// (optionally `:json-key:version-stage:version-id`), or else a Systems Manager parameter, by ARN
// or by name. ECS takes anything that is not a Secrets Manager ARN for a parameter, so a secret's
// bare name is looked up in Parameter Store, and a JSON key works only on a full secret ARN.

export interface JsonSelector {
  jsonKey?: string
  versionStage?: string
  versionId?: string
}

export type SecretReference =
  | ({kind: 'secret-arn'; arn: SecretArn} & JsonSelector)
  /** the whole secret ARN is a deploy-time token, e.g. `{{Ref:BenchlingSecret}}:client_id::` */
  | ({kind: 'deploy-time'; base: string} & JsonSelector)
  | {kind: 'parameter'; name: string; arn?: string; region?: string; account?: string}
  /** `name:json-key::`: ECS only reads a JSON key on a full ARN */
  | ({kind: 'name-with-json-key'; name: string} & JsonSelector)
  | {kind: 'invalid'; reason: string}

const PARAMETER_NAME = /^[A-Za-z0-9_.\-/]{1,2048}$/

function selector(extra: string[]): JsonSelector | string {
  if (extra.length === 0) return {}
  if (extra.length !== 3) {
    return `it has ${extra.length} field${extra.length === 1 ? '' : 's'} after the secret where ECS expects three, json-key:version-stage:version-id (keep the empty ones: ":client_id::")`
  }

  const [jsonKey, versionStage, versionId] = extra
  if (versionStage && versionId) return 'it gives both a version stage and a version id; ECS takes one of them'
  return {...(jsonKey ? {jsonKey} : {}), ...(versionStage ? {versionStage} : {}), ...(versionId ? {versionId} : {})}
}

export function parseSecretReference(valueFrom: string): SecretReference {
  const value = valueFrom.trim()
  if (value === '') return {kind: 'invalid', reason: 'it is empty'}
  const parts = splitOutsideTokens(value)
  const head = parts[0] ?? ''
  if (head === 'arn') {
    const arn = parseArn(value)
    if (!arn) return {kind: 'invalid', reason: 'it starts like an ARN but is not one (arn:<partition>:<service>:<region>:<account>:<resource>)'}
    if (arn.service === 'secretsmanager') {
      const secret = parseSecretArn(value)
      if (!secret) return {kind: 'invalid', reason: 'a Secrets Manager ARN names its secret as secret:<name>-<6 characters>'}
      const sel = selector(secret.extra)
      return typeof sel === 'string' ? {kind: 'invalid', reason: sel} : {arn: secret, kind: 'secret-arn', ...sel}
    }

    if (arn.service === 'ssm' && /^parameter[/]/.test(arn.resource)) {
      return {account: arn.account, arn: value, kind: 'parameter', name: arn.resource.slice('parameter'.length), region: arn.region}
    }

    return {kind: 'invalid', reason: `it is an ARN of ${arn.service || 'no service'}; ECS reads secrets only from Secrets Manager secrets and Systems Manager parameters`}
  }

  if (hasDeployTimeValue(head) && /^\{\{[^}]+\}\}$/.test(head)) {
    const sel = selector(parts.slice(1))
    return typeof sel === 'string' ? {kind: 'invalid', reason: sel} : {base: head, kind: 'deploy-time', ...sel}
  }

  if (parts.length === 4) {
    const sel = selector(parts.slice(1))
    if (typeof sel !== 'string') return {kind: 'name-with-json-key', name: head, ...sel}
  }

  if (parts.length > 1) return {kind: 'invalid', reason: 'it is neither an ARN nor a parameter name (a name has no colons)'}
  if (!PARAMETER_NAME.test(value) && !hasDeployTimeValue(value)) {
    return {kind: 'invalid', reason: 'a parameter name holds only letters, digits and _.-/'}
  }

  return {kind: 'parameter', name: value}
}

/** The ways a secret fact names its secret: ARNs (full and partial) and names. */
function identities(secret: SecretFact): {arns: Set<string>; names: Set<string>; tokens: Set<string>} {
  const arns = new Set<string>()
  const names = new Set<string>()
  const tokens = new Set<string>()
  for (const id of [secret.id, secret.arn, secret.name]) {
    if (!id) continue
    if (hasDeployTimeValue(id)) tokens.add(id)
    const arn = parseSecretArn(id)
    if (arn) {
      arns.add(arn.base)
      arns.add(arn.base.replace(/-[A-Za-z0-9]{6}$/, ''))
      names.add(arn.secretName)
    } else names.add(id)
  }

  return {arns, names, tokens}
}

export function secretIsIdentified(secret: SecretFact): boolean {
  return Boolean(secret.id || secret.arn || secret.name)
}

/**
 * Whether a reference points at the given secret. A reference by ARN matches the secret's ARN
 * (full or partial); when only the secret's name is known, the ARN's name must equal it.
 */
export function referencesSecret(ref: SecretReference, secret: SecretFact): boolean {
  const {arns, names, tokens} = identities(secret)
  if (ref.kind === 'deploy-time') return tokens.has(ref.base)
  if (ref.kind === 'secret-arn') {
    if (arns.has(ref.arn.base)) return true
    return arns.size === 0 && names.has(ref.arn.secretName)
  }

  if (ref.kind === 'name-with-json-key' || ref.kind === 'parameter') return names.has(ref.name)
  return false
}

/** A stable key for "which secret", to tell whether several references share one. */
export function referenceTarget(ref: SecretReference): string | undefined {
  if (ref.kind === 'secret-arn') return ref.arn.base.replace(/-[A-Za-z0-9]{6}$/, '')
  if (ref.kind === 'deploy-time') return ref.base
  if (ref.kind === 'name-with-json-key') return ref.name
  return undefined
}
