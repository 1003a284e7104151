import {UserError} from '../errors.js'
import {readTextInput} from '../facts/read-input.js'
import {type DeployOptions, type LegacyValues, SecretValue} from './options.js'

const LEGACY_KEYS: Record<string, keyof LegacyValues> = {
  BENCHLING_APP_DEFINITION_ID: 'appId',
  BENCHLING_CLIENT_ID: 'clientId',
  BENCHLING_TENANT: 'tenant',
  PACKAGE_KEY: 'pkgKey',
  PACKAGE_PREFIX: 'pkgPrefix',
  PKG_KEY: 'pkgKey',
  PKG_PREFIX: 'pkgPrefix',
  QUEUE_ARN: 'queueArn',
  QUILT_CATALOG: 'catalog',
  QUILT_DATABASE: 'database',
  QUILT_USER_BUCKET: 'bucket',
}

export interface EnvFileValues {
  legacy: LegacyValues
  logLevel?: string
  enableWebhookVerification?: boolean
  clientSecret?: SecretValue
  /** keys bwops does not use, named (never their values) so a typo shows */
  ignored: string[]
}

/** KEY=VALUE lines as a .env file writes them: comments, `export`, quotes. */
export function parseEnvFile(text: string, file: string): EnvFileValues {
  const out: EnvFileValues = {ignored: [], legacy: {}}
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line)
    if (!m) throw new UserError(`${file} line ${index + 1} is not KEY=VALUE.`, 'Fix the line or remove it; comments start with #.')
    const key = m[1] ?? ''
    const value = unquote(m[2] ?? '')
    const legacyKey = LEGACY_KEYS[key]
    if (legacyKey) out.legacy[legacyKey] = value
    else if (key === 'LOG_LEVEL') out.logLevel = value.toUpperCase()
    else if (key === 'ENABLE_WEBHOOK_VERIFICATION') out.enableWebhookVerification = !/^(false|0|no)$/i.test(value)
    // the client secret goes into a secret the deploy stores, never into a parameter
    else if (key === 'BENCHLING_CLIENT_SECRET') out.clientSecret = new SecretValue(value, `BENCHLING_CLIENT_SECRET in ${file}`)
    else out.ignored.push(key)
  }

  return out
}

function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/.exec(value)
  if (m) return m[2] ?? ''
  return value.replace(/\s+#.*$/, '')
}

export async function readEnvFile(file: string): Promise<EnvFileValues> {
  // missing, a directory, binary or huge: refused with the same messages as every other input
  return parseEnvFile(await readTextInput(file, 'env file'), file)
}

/** Flags win over the env file: the file gives defaults, the command line corrects them. */
export function withEnvFile(options: DeployOptions, env: EnvFileValues): DeployOptions {
  const legacy = {...env.legacy}
  for (const [key, value] of Object.entries(options.legacy)) if (value !== undefined) legacy[key as keyof LegacyValues] = value
  return {
    ...options,
    clientSecret: options.clientSecret ?? (env.clientSecret ? {kind: 'value', value: env.clientSecret} : undefined),
    enableWebhookVerification: options.enableWebhookVerification ?? env.enableWebhookVerification,
    legacy,
    logLevel: options.logLevel ?? env.logLevel,
  }
}
