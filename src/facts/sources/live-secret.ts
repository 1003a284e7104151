import {describeSecret, readSecretShape, type SecretShape} from '../../aws/secrets.js'
import {servedContainer} from '../../checks/lib/served-container.js'
import type {Profile} from '../../profile/types.js'
import {hasDeployTimeValue} from '../deploy-time.js'
import type {SecretAccessFact} from '../live-types.js'
import type {SecretFact, TaskDefinition} from '../types.js'
import type {LiveReads} from './live-run.js'

const SECRET_ARN = /^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[^:]+)/

/**
 * Which secret holds the Benchling credentials, from the webhook container: the variable the
 * profile calls a secret id (BenchlingSecret), else a Secrets Manager ARN behind one of the
 * profile's variables (a `secrets` entry such as BENCHLING_CLIENT_SECRET, or BENCHLING_SECRETS).
 */
export function benchlingSecretId(td: TaskDefinition, profile: Profile): {id: string; via: string} | undefined {
  const container = servedContainer(td, profile)?.container
  if (!container) return undefined
  const specs = [...profile.env.legacy, ...profile.env['secrets-only']]
  const usable = (v: string) => v.trim() !== '' && !hasDeployTimeValue(v)
  for (const spec of specs.filter((s) => s.kind === 'secret-id')) {
    const env = container.environment.find((e) => e.name === spec.name)
    if (env && usable(env.value)) return {id: env.value.trim(), via: `${container.name} environment ${env.name}`}
  }

  const names = new Set(specs.map((s) => s.name))
  for (const ref of container.secrets.filter((s) => names.has(s.name))) {
    const arn = SECRET_ARN.exec(ref.valueFrom)?.[1]
    if (arn) return {id: arn, via: `${container.name} secrets ${ref.name}`}
  }

  for (const env of container.environment.filter((e) => names.has(e.name))) {
    const arn = SECRET_ARN.exec(env.value.trim())?.[1]
    if (arn) return {id: arn, via: `${container.name} environment ${env.name}`}
  }

  return undefined
}

export function secretShape(run: LiveReads, id: string): Promise<SecretShape> {
  return run.once(`secretsmanager:GetSecretValue ${id}`, () => readSecretShape(run.ctx, id))
}

export async function secretAccess(run: LiveReads, id: string): Promise<SecretAccessFact> {
  const [described, read] = await Promise.all([
    run.once(`secretsmanager:DescribeSecret ${id}`, () => describeSecret(run.ctx, id)),
    secretShape(run, id),
  ])
  // DescribeSecret says what the secret is; GetSecretValue says whether it can be read
  const status = described.status !== 'readable' && described.status !== 'access-denied' ? described.status : read.status
  const error = status === described.status && described.error ? described.error : read.error
  const arn = described.arn ?? read.arn
  return {
    ...(arn ? {arn} : {}),
    ...(error ? {error} : {}),
    id,
    ...(described.kmsKeyId ? {kmsKeyId: described.kmsKeyId} : {}),
    status,
  }
}

export function secretFactFrom(id: string, shape: SecretShape): SecretFact | undefined {
  if (!shape.content) return undefined
  return {
    ...(shape.arn ? {arn: shape.arn} : {}),
    content: shape.content,
    id,
    ...(shape.name ? {name: shape.name} : {}),
  }
}
