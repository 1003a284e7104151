import {GetSecretValueCommand, SecretsManagerClient} from '@aws-sdk/client-secrets-manager'

import {UserError} from '../errors.js'
import type {EnvVar, SecretRef} from '../facts/types.js'
import {arnFields, secretArnPart} from '../checks/lib/arn.js'
import {call, CallCounter, type CallContext, createLimiter} from './calls.js'
import {AwsCallError} from './errors.js'

// The values of a task definition's `secrets`, read the way ECS reads them before it starts a
// container, for the local probe only (`bwops probe --resolve-secrets`). The values go into the
// container's environment and nowhere else: errors name the reference and the key, never a value.

type Ctx = CallContext<{secrets: SecretsManagerClient}>

interface Reference {
  name: string
  secretId: string
  region: string
  jsonKey?: string
  versionStage?: string
  versionId?: string
}

/** `arn:aws:secretsmanager:region:account:secret:name[:json-key:version-stage:version-id]`. */
export function parseSecretsManagerReference(ref: SecretRef): Reference {
  const fields = arnFields(ref.valueFrom)
  if (fields[0] !== 'arn' || fields[2] !== 'secretsmanager' || fields[5] !== 'secret' || !fields[3] || !fields[6]) {
    throw new UserError(
      `The secret ${ref.name} is referenced as "${ref.valueFrom}", which is not a Secrets Manager secret ARN; bwops resolves only those.`,
      `Pass ${ref.name} yourself with --env ${ref.name} (taken from this shell) or --env-file.`,
    )
  }

  const [jsonKey, versionStage, versionId] = fields.slice(7).map((f) => (f === '' ? undefined : f))
  return {jsonKey, name: ref.name, region: fields[3], secretId: secretArnPart(ref.valueFrom), versionId, versionStage}
}

async function readValue(ctx: Ctx, ref: Reference): Promise<string> {
  let out
  try {
    out = await call(ctx, 'secretsmanager:GetSecretValue', () =>
      ctx.clients.secrets.send(new GetSecretValueCommand({SecretId: ref.secretId, VersionId: ref.versionId, VersionStage: ref.versionStage})),
    )
  } catch (error) {
    const why = error instanceof AwsCallError ? error.message : 'the call failed'
    throw new UserError(`Cannot read the secret behind ${ref.name} (${ref.secretId}): ${why}.`, `Check the reference and your access, or pass ${ref.name} with --env.`)
  }

  if (typeof out.SecretString !== 'string') {
    throw new UserError(`The secret behind ${ref.name} (${ref.secretId}) holds binary data, which ECS cannot inject.`, 'Store the value as a string.')
  }

  if (!ref.jsonKey) return out.SecretString
  let parsed: unknown
  try {
    parsed = JSON.parse(out.SecretString)
  } catch {
    throw new UserError(`${ref.name} reads JSON key "${ref.jsonKey}" of ${ref.secretId}, but the secret is not JSON.`, 'Store the secret as a JSON object, or drop the key from the reference.')
  }

  const value = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>)[ref.jsonKey] : undefined
  if (value === undefined) {
    // the same failure ECS reports as ResourceInitializationError: say it the same way
    throw new UserError(`The secret ${ref.secretId} does not contain JSON key ${ref.jsonKey}, which ${ref.name} references: on ECS every task would stop before starting.`, `Add "${ref.jsonKey}" to the secret, or fix the reference.`)
  }

  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** Resolves each reference with a Secrets Manager client of its own region (made by `clientFor`). */
export function secretsManagerResolver(clientFor: (region: string) => SecretsManagerClient = defaultClient) {
  const contexts = new Map<string, Ctx>()
  const ctxFor = (region: string): Ctx => {
    let ctx = contexts.get(region)
    if (!ctx) {
      ctx = {clients: {secrets: clientFor(region)}, counter: new CallCounter(), limit: createLimiter(4)}
      contexts.set(region, ctx)
    }

    return ctx
  }

  return {
    async resolve(refs: SecretRef[]): Promise<EnvVar[]> {
      const parsed = refs.map((r) => parseSecretsManagerReference(r))
      return Promise.all(parsed.map(async (ref) => ({name: ref.name, value: await readValue(ctxFor(ref.region), ref)})))
    },
  }
}

function defaultClient(region: string): SecretsManagerClient {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  return new SecretsManagerClient({region})
}
