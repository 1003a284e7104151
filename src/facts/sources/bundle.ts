import {redactText} from '../../catalogue/redact.js'
import {UserError} from '../../errors.js'
import {type FactLoaders, type FactSource, known, unknown} from '../facts.js'
import {readStructured} from '../read-input.js'
import {factShapeProblem} from './bundle-shapes.js'
import type {FactName} from '../types.js'

// A bundle is a recording of the facts of one deployment (docs/bundle.md). Version 1:
// { format: "bwops-bundle", version: 1, createdAt, createdBy, target, facts: { <name>:
//   { source, value } | { unavailable: reason } } }

export const BUNDLE_FORMAT = 'bwops-bundle'
export const BUNDLE_VERSION = 1

export interface BundleFact {
  source?: string
  value?: unknown
  unavailable?: string
}

export interface Bundle {
  format: typeof BUNDLE_FORMAT
  version: number
  createdAt?: string
  createdBy?: string
  target?: Record<string, unknown>
  facts: Record<string, BundleFact>
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function parseBundle(input: unknown, file: string): Bundle {
  const next = 'Record a bundle with `bwops bundle --out FILE`, or see docs/bundle.md for the format.'
  if (!isObject(input) || input.format !== BUNDLE_FORMAT) {
    throw new UserError(`"${file}" is not a bwops bundle: it has no "format": "${BUNDLE_FORMAT}".`, next)
  }

  if (typeof input.version !== 'number' || !Number.isInteger(input.version)) {
    throw new UserError(`The bundle "${file}" has no valid "version".`, next)
  }

  if (input.version > BUNDLE_VERSION) {
    throw new UserError(`The bundle "${file}" is format version ${input.version}; this bwops reads up to version ${BUNDLE_VERSION}.`, 'Upgrade bwops to read it.')
  }

  if (!isObject(input.facts)) throw new UserError(`The bundle "${file}" has no "facts" object.`, next)
  for (const [name, fact] of Object.entries(input.facts)) {
    const shaped = isObject(fact) && (('value' in fact && isObject(fact.value)) || typeof fact.unavailable === 'string')
    if (!shaped) {
      throw new UserError(`The bundle "${file}" has a malformed fact "${name}": expected {"source", "value": {...}} or {"unavailable": "reason"}.`, next)
    }

    const problem = fact.unavailable === undefined ? factShapeProblem(name, fact.value) : undefined
    if (problem) {
      throw new UserError(
        `The bundle "${file}" has a fact of the wrong shape: ${problem}.`,
        `Record the bundle again with \`bwops bundle --out FILE\`, or fix the fact by the types in docs/bundle.md (or replace it with {"unavailable": "reason"}).`,
      )
    }
  }

  return input as unknown as Bundle
}

export function bundleSource(bundle: Bundle, file: string): FactSource {
  const describe = `bundle ${file}`
  const loaders: Record<string, unknown> = {}
  for (const [name, fact] of Object.entries(bundle.facts)) {
    // a bundle may be hand-written or edited: its free text is shown, so it is redacted as it is read
    loaders[name] = async () =>
      fact.unavailable === undefined
        ? known(fact.value, fact.source ? `${redactText(fact.source)} (recorded in ${file})` : describe)
        : unknown(`${redactText(fact.unavailable)} (recorded in ${file})`)
  }

  return {describe, loaders: loaders as FactLoaders}
}

export async function bundleFileSource(file: string): Promise<FactSource> {
  return bundleSource(parseBundle(await readStructured(file, 'bundle'), file), file)
}

export function bundleFactNames(bundle: Bundle): FactName[] {
  return Object.keys(bundle.facts) as FactName[]
}
