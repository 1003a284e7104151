import {readFile, stat} from 'node:fs/promises'
import {createRequire} from 'node:module'

import {UserError} from '../errors.js'

// The YAML parser is loaded on the first YAML input only: JSON inputs, the common case, skip its
// share of a cold start.
const requireLazily = createRequire(import.meta.url)
let yamlModule: typeof import('yaml') | undefined
const yamlLib = () => (yamlModule ??= requireLazily('yaml') as typeof import('yaml'))

/** Inputs are task definitions, templates, secrets and bundles: none is near this size. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024

/** Reads a text file a user named, refusing what cannot be one (missing, huge, binary). */
export async function readTextInput(file: string, what: string): Promise<string> {
  let size: number
  try {
    const info = await stat(file)
    if (info.isDirectory()) throw new UserError(`The ${what} "${file}" is a directory, not a file.`, `Name the ${what} file itself.`)
    size = info.size
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError(`Cannot read the ${what} "${file}": ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`, 'Check the path and try again.')
  }

  if (size > MAX_INPUT_BYTES) {
    throw new UserError(
      `The ${what} "${file}" is ${(size / 1024 / 1024).toFixed(1)} MB, larger than the ${MAX_INPUT_BYTES / 1024 / 1024} MB a ${what} can be.`,
      `Check that "${file}" is the ${what} you meant.`,
    )
  }

  const bytes = await readFile(file)
  if (bytes.includes(0) || !isUtf8(bytes)) {
    throw new UserError(`The ${what} "${file}" is not text (it holds binary data).`, `Give the ${what} as a JSON or YAML file.`)
  }

  return bytes.toString('utf8')
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', {fatal: true}).decode(bytes)
    return true
  } catch {
    return false
  }
}

/** Parses JSON, or YAML when allowed, with the line of the first error in the message. */
export function parseStructured(text: string, file: string, what: string, yaml = false): unknown {
  const trimmed = text.trim()
  if (trimmed === '') throw new UserError(`The ${what} "${file}" is empty.`, `Give a ${what} in JSON${yaml ? ' or YAML' : ''}.`)
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')
  if (looksJson || !yaml) {
    try {
      return JSON.parse(text)
    } catch (error) {
      if (!yaml) throw new UserError(`The ${what} "${file}" is not valid JSON: ${jsonErrorAt(text, error)}.`, `Fix the JSON in "${file}".`)
    }
  }

  try {
    return yamlLib().parse(text, {customTags: cloudFormationTags, maxAliasCount: 100, uniqueKeys: false})
  } catch (error) {
    const where = error instanceof yamlLib().YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : ''
    const first = messageLine(error)
    throw new UserError(`The ${what} "${file}" is neither valid JSON nor valid YAML${where}: ${first}.`, `Fix the syntax in "${file}".`)
  }
}

function messageLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\.$/, '')
}

function jsonErrorAt(text: string, error: unknown): string {
  // Node quotes the input around the error ("Unexpected token 'h', "...hunter2..." is not valid
  // JSON"): the input may hold a secret, so the quote goes and a position is given instead
  const msg = messageLine(error).replace(/, .* is not valid JSON$/s, '')
  const pos = /position (\d+)/.exec(msg)
  if (!pos) return `${msg} (line ${lineOfToken(text, msg)})`
  const before = text.slice(0, Number(pos[1]))
  const line = before.split('\n').length
  return `${msg} (line ${line})`
}

/** The line of the token an "Unexpected token 'x'" message names: its first unexpected place. */
function lineOfToken(text: string, msg: string): number {
  const token = /Unexpected token '(.)'/.exec(msg)?.[1]
  if (token === undefined) return 1
  // the first occurrence outside a string is a fair guess; JSON.parse gives no position here
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"' && text[i - 1] !== '\\') inString = !inString
    else if (!inString && ch === token) return text.slice(0, i).split('\n').length
  }

  return 1
}

// CloudFormation's short forms (!Ref, !Sub, !GetAtt...) become their long forms, so the template
// reader sees one shape whichever was written.
const shortForms = [
  'Ref', 'Sub', 'GetAtt', 'Join', 'Select', 'Split', 'If', 'Equals', 'Not', 'And', 'Or',
  'FindInMap', 'ImportValue', 'Base64', 'Cidr', 'GetAZs', 'Condition', 'Transform',
]
const cloudFormationTags = shortForms.flatMap((name) => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`
  const wrap = (value: unknown) => {
    // `!GetAtt Db.Endpoint.Address` is [Db, Endpoint.Address]: only the first dot separates.
    if (name === 'GetAtt' && typeof value === 'string') {
      const dot = value.indexOf('.')
      return {[key]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)]}
    }

    return {[key]: value}
  }
  return (['scalar', 'seq', 'map'] as const).map((collection) => ({
    collection: collection === 'scalar' ? undefined : collection,
    identify: () => false,
    resolve: (value: unknown) => wrap(toJs(value)),
    tag: `!${name}`,
  }))
}) as never

function toJs(value: unknown): unknown {
  if (value && typeof value === 'object' && 'toJSON' in value && typeof (value as {toJSON: unknown}).toJSON === 'function') {
    return (value as {toJSON(): unknown}).toJSON()
  }
  return value
}

export async function readStructured(file: string, what: string, yaml = false): Promise<unknown> {
  return parseStructured(await readTextInput(file, what), file, what, yaml)
}
