import {UserError} from '../errors.js'
import type {Mode} from '../facts/types.js'
import type {DeployOptions} from './options.js'

export interface ModeChoice {
  mode: Mode
  why: string
}

const LEGACY_FLAGS: [keyof DeployOptions['legacy'], string][] = [
  ['catalog', '--catalog'],
  ['database', '--database'],
  ['bucket', '--bucket'],
  ['queueArn', '--queue-arn'],
  ['tenant', '--tenant'],
  ['clientId', '--client-id'],
  ['appId', '--app-id'],
  ['pkgPrefix', '--pkg-prefix'],
  ['pkgKey', '--pkg-key'],
]

/**
 * The mode the user asked for: --mode when given, else told from which mode's flags were used.
 * oclif's flag relationships already refuse flags of both modes on one command line; an env file
 * can still bring legacy values beside secrets-only flags, which is refused here.
 */
export function chooseMode(options: DeployOptions): ModeChoice {
  const legacy = LEGACY_FLAGS.filter(([key]) => options.legacy[key] !== undefined).map(([, flag]) => flag)
  if (options.clientSecret) legacy.push('the client secret')
  const secretsOnly = [options.quiltStackArn && '--quilt-stack-arn', options.benchlingSecret && '--benchling-secret'].filter(
    (f): f is string => Boolean(f),
  )
  if (legacy.length > 0 && secretsOnly.length > 0) {
    throw new UserError(
      `Both modes' settings were given: ${secretsOnly.join(', ')} (secrets-only) and ${legacy.join(', ')} (legacy).`,
      'Pick one mode: secrets-only takes --quilt-stack-arn and --benchling-secret; legacy takes the Quilt and Benchling values (or --env-file).',
    )
  }

  if (options.mode) {
    const other = options.mode === 'legacy' ? secretsOnly : legacy
    if (other.length > 0) {
      throw new UserError(`--mode ${options.mode} was given with ${other.join(', ')}, which belong to the other mode.`, `Drop them, or use --mode ${options.mode === 'legacy' ? 'secrets-only' : 'legacy'}.`)
    }

    return {mode: options.mode, why: 'set with --mode'}
  }

  if (secretsOnly.length > 0) return {mode: 'secrets-only', why: `inferred from ${secretsOnly.join(', ')}`}
  if (legacy.length > 0) return {mode: 'legacy', why: `inferred from ${legacy.join(', ')}`}
  throw new UserError(
    'The mode could not be told: no mode flags were given.',
    'Give --quilt-stack-arn and --benchling-secret (secrets-only), or the legacy values (--catalog, --database, --bucket, --queue-arn, --tenant, --client-id, --app-id, --client-secret-file) or --env-file.',
  )
}
