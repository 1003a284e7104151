import {readFile, stat} from 'node:fs/promises'

import {UserError} from '../errors.js'
import {yamlLib} from './yaml-lib.js'

/** Inputs are task definitions, templates, secrets and bundles: none is near this size. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024

/** Reads a text file a user named, refusing what cannot be one (missing, huge, binary). */
export async function readTextInput(file: string, what: string): Promise<string> {
  let size: number
  try {
    const info = await stat(file)
    if (info.isDirectory()) throw new UserError(`The ${what} "${file}" is a directory, not a file.`, `Name the ${what.endsWith('file') ? what : `${what} file`} itself.`)
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
    throw new UserError(`The ${what} "${file}" is not text (it holds binary data).`, `Check that "${file}" is the ${what} you meant: it must be a text file.`)
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

/** Deeper than any task definition, template, secret, bundle or config is: CDK's deepest policy is ~15. */
export const MAX_DEPTH = 100

/** Parses JSON, or YAML when allowed, with the line of the first error in the message. */
export function parseStructured(text: string, file: string, what: string, yaml = false): unknown {
  const value = parseText(text, file, what, yaml)
  // every reader after this one recurses: a value nested past any real input (or a YAML alias
  // inside its own anchor, which never ends) would overflow the stack there, so it stops here
  if (depthOver(value, MAX_DEPTH)) {
    throw new UserError(
      `The ${what} "${file}" nests deeper than ${MAX_DEPTH} levels${yaml && !/^\s*[[{"]/.test(text) ? ', or a YAML alias refers to the node that holds it' : ''}: no ${what} is shaped like that.`,
      `Check that "${file}" is the ${what} you meant.`,
    )
  }

  return value
}

/** Whether `value` nests past `max` levels of arrays and objects; iterative, so it cannot overflow. */
export function depthOver(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (typeof node !== 'object' || node === null) continue
    if (depth >= max) return true
    for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1])
  }

  return false
}

function parseText(text: string, file: string, what: string, yaml: boolean): unknown {
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
    // logLevel 'error': the parser's warnings (an unknown !tag) would go to stderr quoting the line
    return yamlLib().parse(text, {customTags: cloudFormationTags, logLevel: 'error', maxAliasCount: 100, uniqueKeys: false})
  } catch (error) {
    const where = error instanceof yamlLib().YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : ''
    const first = yamlReason(messageLine(error))
    throw new UserError(`The ${what} "${file}" is neither valid JSON nor valid YAML${where}: ${first}.`, `Fix the syntax in "${file}".`)
  }
}

function messageLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\.$/, '')
}

/**
 * The parser's message without the input it quotes: `Unresolved alias ...: NAME` (a password
 * written as *x), `Block scalar header includes extra characters: |x`, `Invalid escape sequence \\x`.
 */
function yamlReason(msg: string): string {
  return msg
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/:\s.*$/, '')
    .replace(/^(Invalid escape sequence) .*$/, '$1')
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
