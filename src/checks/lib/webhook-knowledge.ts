import type {Mode} from '../../facts/types.js'

// How the webhook reads names, as rules rather than data (the data is in the profile).

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

