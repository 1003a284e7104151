import type {Mode} from '../../facts/types.js'

// Webhook facts the profile does not hold yet (see shared/reference/benchling-webhook.md). Each is
// a candidate for src/profile/types.ts; until then the checks read them from here.

/** The log levels the app accepts (Python's logging level names). */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const

/**
 * Secret keys people write for the ones the app reads. camelCase and UPPER_SNAKE forms are folded
 * by snakeCase() below; these are the names that folding cannot reach.
 */
export const SECRET_KEY_ALIASES: Record<string, string> = {
  appDefinitionID: 'app_definition_id',
  appId: 'app_definition_id',
  benchling_tenant: 'tenant',
  clientID: 'client_id',
  tenantName: 'tenant',
  tenant_name: 'tenant',
}

/** What the app logs when a mode's variables are missing, so users can match their logs. */
export const MISSING_CONFIG_MESSAGE: Record<Mode, string> = {
  legacy: 'Missing required configuration: <names>',
  'secrets-only': 'Missing required parameters: QuiltStackARN, BenchlingSecret',
}

/**
 * The mode the app runs in, from the variables it sees: secrets-only when every secrets-only
 * variable is set and non-empty, else legacy.
 */
export function modeTheAppPicks(isSet: (name: string) => boolean, secretsOnlyNames: string[]): Mode {
  return secretsOnlyNames.length > 0 && secretsOnlyNames.every(isSet) ? 'secrets-only' : 'legacy'
}

/** clientId -> client_id, CLIENT_ID -> client_id, client-id -> client_id */
export function snakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase()
}

