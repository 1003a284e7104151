import {access, readFile} from 'node:fs/promises'
import {join} from 'node:path'

import {UserError} from '../errors.js'
import {parseStructured, readTextInput} from '../facts/read-input.js'

export interface RepoConfig {
  target?: {
    stackName?: string
    cluster?: string
    service?: string
    region?: string
    account?: string
    profile?: string
    template?: string
    taskDefinition?: string
    secretFile?: string
    bundle?: string
  }
  mode?: 'legacy' | 'secrets-only'
  appVersion?: string
  checks?: string[]
  skip?: string[]
  severity?: Record<string, 'error' | 'warning' | 'info'>
  strict?: boolean
  format?: 'text' | 'json' | 'junit' | 'markdown' | 'github'
}

export interface LoadedConfig {
  config: RepoConfig
  /** where it came from, for messages; undefined when there is none */
  file?: string
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    await access(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
  }

  // a directory, binary data or a huge file: refused as every other input is
  return readTextInput(file, 'config file')
}

/** --config FILE, else .bwops.json, else the "bwops" key of package.json, in the directory given. */
export async function loadConfig(dir: string, explicit?: string): Promise<LoadedConfig> {
  if (explicit) {
    const text = await readIfExists(explicit)
    if (text === undefined) throw new UserError(`The config file "${explicit}" does not exist.`, 'Check the path given to --config.')
    return {config: await validate(parseStructured(text, explicit, 'config file'), explicit), file: explicit}
  }

  const own = join(dir, '.bwops.json')
  const text = await readIfExists(own)
  if (text !== undefined) return {config: await validate(parseStructured(text, own, 'config file'), own), file: own}
  const pkgFile = join(dir, 'package.json')
  const pkg = await readIfExists(pkgFile)
  if (pkg === undefined) return {config: {}}
  let parsed: unknown
  try {
    parsed = JSON.parse(pkg)
  } catch {
    return {config: {}} // not ours to judge a broken package.json without a bwops key
  }

  const section = (parsed as {bwops?: unknown})?.bwops
  if (section === undefined) return {config: {}}
  return {config: await validate(section, `${pkgFile} ("bwops" key)`), file: `${pkgFile} ("bwops" key)`}
}

async function validate(value: unknown, where: string): Promise<RepoConfig> {
  // ajv is loaded only when there is a config to check, to keep cold start short
  const [{default: Ajv}, schema] = await Promise.all([import('ajv'), loadSchema()])
  const ajv = new Ajv.default({allErrors: true})
  const check = ajv.compile(schema)
  if (check(value)) return value as RepoConfig
  const problems = (check.errors ?? []).map((e) => {
    const at = e.instancePath === '' ? 'the top level' : e.instancePath.slice(1).replaceAll('/', '.')
    if (e.keyword === 'additionalProperties') return `${at}: unknown setting "${(e.params as {additionalProperty: string}).additionalProperty}"`
    if (e.keyword === 'enum') return `${at}: must be one of ${(e.params as {allowedValues: string[]}).allowedValues.join(', ')}`
    return `${at}: ${e.message ?? 'is not valid'}`
  })
  throw new UserError(`The config in ${where} is not valid:\n  - ${problems.join('\n  - ')}`, 'Fix it; the settings are documented in docs/config.md and docs/bwops.schema.json.')
}

async function loadSchema(): Promise<object> {
  const url = new URL('../../docs/bwops.schema.json', import.meta.url)
  return JSON.parse(await readFile(url, 'utf8')) as object
}
