import {UserError} from '../errors.js'
import type {EnvVar} from '../facts/types.js'

// The container's environment, from the places a user has it: a task definition, an env file,
// and --env flags. Later places win, as with `docker run --env-file ... -e ...`.

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/

/**
 * One `--env` flag: `K=V`, or `K` alone to pass the variable through from this shell, as
 * `docker run -e K` does (a way to pass a credential without typing it on the command line).
 */
export function parseEnvFlag(flag: string, lookup: (name: string) => string | undefined = (n) => process.env[n]): EnvVar {
  const eq = flag.indexOf('=')
  const name = eq === -1 ? flag : flag.slice(0, eq)
  if (!NAME.test(name)) {
    // a name-like word is quoted; anything else only by its first word: it may be a secret value
    const shown = /^[\w.-]*$/.test(name) ? `"${name}"` : `"${/^[\w.-]*/.exec(name)?.[0] ?? ''}..."`
    throw new UserError(`--env ${shown} is not a variable name.`, 'Write --env NAME=value, or --env NAME to pass NAME through from this shell.')
  }

  if (eq !== -1) return {name, value: flag.slice(eq + 1)}
  const value = lookup(name)
  if (value === undefined) throw new UserError(`--env ${name} passes ${name} through from this shell, but it is not set here.`, `Export ${name} first, or write --env ${name}=value.`)
  return {name, value}
}

/**
 * An env file: `K=V` a line, `#` comments and blank lines ignored, an optional `export ` prefix,
 * and one pair of matching quotes around a value removed (Docker keeps them; dotenv files written
 * for Compose have them, and a quoted secret would otherwise reach the app with its quotes).
 */
export function parseEnvFile(text: string, file: string): EnvVar[] {
  const out: EnvVar[] = []
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const body = line.startsWith('export ') ? line.slice(7).trim() : line
    const eq = body.indexOf('=')
    const name = eq === -1 ? body : body.slice(0, eq).trim()
    if (eq === -1 || !NAME.test(name)) {
      throw new UserError(`Line ${i + 1} of the env file "${file}" is not NAME=value.`, `Fix line ${i + 1} of "${file}" (comments start with #).`)
    }

    out.push({name, value: unquote(body.slice(eq + 1).trim())})
  }

  return out
}

function unquote(value: string): string {
  const q = value[0]
  return value.length >= 2 && (q === '"' || q === "'") && value.endsWith(q) ? value.slice(1, -1) : value
}

/** Later lists win; the order of first appearance is kept so output is stable. */
export function mergeEnv(...lists: EnvVar[][]): EnvVar[] {
  const merged = new Map<string, string>()
  for (const list of lists) for (const e of list) merged.set(e.name, e.value)
  return [...merged].map(([name, value]) => ({name, value}))
}
