import type {SecretFact} from '../../facts/types.js'

/** How findings name the secret: its id, ARN or name, else a placeholder. Never its value. */
export function secretLabel(secret: SecretFact | undefined): string {
  return secret?.id ?? secret?.arn ?? secret?.name ?? '<secret-id>'
}

/**
 * The steps to change keys of a JSON secret without printing it: put-secret-value replaces the
 * whole value, so the current JSON is fetched to a file, edited, and written back.
 */
export function editSecretSteps(secretId: string, change: string): string {
  const id = /^[A-Za-z0-9/_+=.@:-]+$/.test(secretId) ? secretId : `'${secretId.replace(/'/g, "'\\''")}'`
  return [
    `aws secretsmanager get-secret-value --secret-id ${id} --query SecretString --output text > secret.json`,
    `edit secret.json: ${change}`,
    `aws secretsmanager put-secret-value --secret-id ${id} --secret-string file://secret.json`,
    'rm secret.json',
  ].join('; then ')
}
