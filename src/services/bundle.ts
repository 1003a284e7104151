import {access, constants, stat} from 'node:fs/promises'
import {dirname} from 'node:path'

import type {CallCounter} from '../aws/calls.js'
import type {AnyCheck} from '../checks/types.js'
import {UserError} from '../errors.js'
import {Facts} from '../facts/facts.js'
import {type BundleMeta, buildBundle, writeBundle} from '../facts/sources/bundle-writer.js'
import type {Bundle} from '../facts/sources/bundle.js'
import type {FactName, Mode} from '../facts/types.js'
import type {Profile} from '../profile/types.js'
import {doctorSources} from './doctor.js'
import type {LiveFlagValues} from './live-flags.js'
import {describeTarget, type LiveDeps, liveDoctorSources} from './live-doctor.js'

// `bwops bundle`: gather what a live doctor would, and record it, redacted.

/** Every fact a live run can give; recorded whether or not today's checks read it, so later checks can. */
export const LIVE_FACTS: FactName[] = [
  'benchlingSecret',
  'callerIdentity',
  'containerLogs',
  'deployment',
  'logGroup',
  'mode',
  'quiltStack',
  'roles',
  'secretAccess',
  'service',
  'serviceState',
  'stack',
  'targetGroup',
  'targetHealth',
  'taskDefinition',
  'tasks',
]

export interface BundleOptions extends LiveFlagValues {
  out: string
  mode?: Mode
}

export interface BundleDeps extends LiveDeps {
  profile: Profile
  checks: AnyCheck[]
  createdBy: string
}

export interface BundleResult {
  bundle: Bundle
  calls: CallCounter
  recorded: number
  unavailable: string[]
}

/** The facts checks need plus every live fact, gathered at once (the Facts container memoizes). */
export function factsToRecord(checks: AnyCheck[]): FactName[] {
  return [...new Set([...LIVE_FACTS, ...checks.flatMap((c) => [...c.needs, ...(c.uses ?? [])])])].sort()
}

/**
 * Whether `file` can be written, asked before the live read: an --out naming a directory or a
 * missing one should not cost the whole read of a deployment first.
 */
export async function checkBundleOut(file: string): Promise<void> {
  const next = 'Give --out a file path in an existing, writable directory, e.g. --out webhook.bundle.json.'
  const info = await stat(file).catch(() => undefined)
  if (info?.isDirectory()) throw new UserError(`--out "${file}" is a directory; the bundle is one file.`, next)
  const dir = dirname(file)
  const dirInfo = await stat(dir).catch(() => undefined)
  if (!dirInfo?.isDirectory()) throw new UserError(`Cannot write the bundle to "${file}": the directory "${dir}" does not exist.`, next)
  const writable = await access(info ? file : dir, constants.W_OK).then(() => true, () => false)
  if (!writable) throw new UserError(`Cannot write the bundle to "${file}": ${info ? 'the file' : `the directory "${dir}"`} is not writable.`, next)
}

export async function recordBundle(options: BundleOptions, deps: BundleDeps): Promise<BundleResult> {
  await checkBundleOut(options.out)
  const live = await liveDoctorSources(options, deps.profile, deps)
  const facts = new Facts(await doctorSources({extraSources: live.sources, mode: options.mode}, deps.profile))
  await Promise.all(factsToRecord(deps.checks).map((name) => facts.get(name)))
  const meta: BundleMeta = {createdBy: deps.createdBy, target: {profile: deps.profile.id, ...describeTarget(live.target)}}
  const bundle = buildBundle(await facts.settled(), meta, deps.profile)
  // the facts are in: a read begun ahead that none needed is not retried or sent
  live.calls.close()
  await writeBundle(options.out, bundle)
  const unavailable = Object.entries(bundle.facts).filter(([, f]) => f.unavailable !== undefined).map(([name]) => name)
  return {bundle, calls: live.calls, recorded: Object.keys(bundle.facts).length - unavailable.length, unavailable}
}
