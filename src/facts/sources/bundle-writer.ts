import {writeFile} from 'node:fs/promises'

import {redactText} from '../../catalogue/redact.js'
import {redactCommand} from '../../checks/lib/health-command.js'
import plaintextCredentials from '../../checks/plaintext-credentials.js'
import {UserError} from '../../errors.js'
import type {Profile} from '../../profile/types.js'
import type {FactResult} from '../facts.js'
import type {ContainerDefinition, EnvVar, FactName, TaskDefinition} from '../types.js'
import {type Bundle, BUNDLE_FORMAT, BUNDLE_VERSION, type BundleFact} from './bundle.js'

// Writes what a run saw as a bundle (the format bundle.ts reads), redacted so it can be handed
// to a colleague: secrets are shapes already (benchlingSecret), free text goes through redactText,
// and a plain-text environment value that is, or looks like, a credential is replaced. The name
// stays, and the replacement is chosen so the plaintext-credentials check still flags it the same
// way: `doctor --bundle` then gives the findings the live run gave.

export const REDACTED = '***redacted***'

/** Stand-ins that keep a credential's shape without its value, tried in order. */
function standIns(value: string): string[] {
  const token = /^(github_pat|sk_live|ghp|gho|xox[abp])/.exec(value.trim())?.[1]
  return [
    REDACTED,
    // AWS's documented example key id: shaped like one, and known to be no one's
    'AKIAIOSFODNN7EXAMPLE',
    `-----BEGIN PRIVATE KEY-----${REDACTED}-----END PRIVATE KEY-----`,
    `{"client_secret": "${REDACTED}"}`,
    'eyJyZWRhY3RlZCI6dHJ1ZX0.eyJyZWRhY3RlZCI6dHJ1ZX0.redacted',
    `https://redacted:${REDACTED}@redacted.invalid`,
    ...(token ? [`${token}_REDACTEDREDACTEDREDACTED`] : []),
  ]
}

function credentialFindings(container: ContainerDefinition, env: EnvVar, profile: Profile): string {
  const taskDefinition: TaskDefinition = {containers: [{...container, environment: [env], secrets: []}]}
  return JSON.stringify(plaintextCredentials.run({taskDefinition} as never, profile))
}

function redactEnv(container: ContainerDefinition, env: EnvVar, profile: Profile): EnvVar {
  const seen = credentialFindings(container, env, profile)
  const flagged = seen !== '[]'
  if (!flagged && redactText(env.value) === env.value) return env
  if (!flagged) return {name: env.name, value: REDACTED}
  const kept = standIns(env.value).find((value) => credentialFindings(container, {name: env.name, value}, profile) === seen)
  return {name: env.name, value: kept ?? REDACTED}
}

/** A command's credentials (`--client-secret VALUE`, `-u user:pass`) hidden, as checks show them. */
function redactCommands(c: ContainerDefinition): ContainerDefinition {
  return {
    ...c,
    ...(c.command ? {command: redactCommand(c.command)} : {}),
    ...(c.entryPoint ? {entryPoint: redactCommand(c.entryPoint)} : {}),
    ...(c.healthCheck ? {healthCheck: {...c.healthCheck, command: redactCommand(c.healthCheck.command)}} : {}),
  }
}

export function redactTaskDefinition(td: TaskDefinition, profile: Profile): TaskDefinition {
  return {...td, containers: td.containers.map((c) => ({...redactCommands(c), environment: c.environment.map((e) => redactEnv(c, e, profile))}))}
}

const CREDENTIAL_KEY = /(client_?secret|password|passwd|token|api_?key|private_?key|secret_?access_?key)/i

/** Every string through redactText; a map entry whose key names a credential is masked unless it is an ARN. */
function redactDeep(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value)
  if (Array.isArray(value)) return value.map(redactDeep)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, typeof v === 'string' && CREDENTIAL_KEY.test(k) && !/^arn:/.test(v) && v !== '' ? REDACTED : redactDeep(v)]),
    )
  }

  return value
}

export function redactFact(name: FactName, value: unknown, profile: Profile): unknown {
  const shaped = name === 'taskDefinition' ? redactTaskDefinition(value as TaskDefinition, profile) : value
  // env values were judged above; the walk must not mask them a second, different way
  if (name !== 'taskDefinition') return redactDeep(shaped)
  const td = shaped as TaskDefinition
  return {
    ...(redactDeep({...td, containers: []}) as TaskDefinition),
    containers: td.containers.map((c) => ({...(redactDeep({...c, environment: []}) as ContainerDefinition), environment: c.environment})),
  }
}

export interface BundleMeta {
  createdBy: string
  createdAt?: string
  target: Record<string, unknown>
}

export function buildBundle(facts: Partial<Record<FactName, FactResult<unknown>>>, meta: BundleMeta, profile: Profile): Bundle {
  const recorded: Record<string, BundleFact> = {}
  for (const name of Object.keys(facts).sort() as FactName[]) {
    const result = facts[name]
    if (!result) continue
    recorded[name] = result.ok
      ? {source: redactText(result.source), value: redactFact(name, result.value, profile)}
      : {unavailable: redactText(result.reason)}
  }

  return {
    createdAt: meta.createdAt ?? new Date().toISOString(),
    createdBy: meta.createdBy,
    facts: recorded,
    format: BUNDLE_FORMAT,
    target: redactDeep(meta.target) as Record<string, unknown>,
    version: BUNDLE_VERSION,
  }
}

/** Writes the bundle as JSON, readable only by its owner: it still describes an account. */
export async function writeBundle(file: string, bundle: Bundle): Promise<void> {
  try {
    await writeFile(file, `${JSON.stringify(bundle, null, 2)}\n`, {mode: 0o600})
  } catch (error) {
    throw new UserError(`Cannot write the bundle to "${file}": ${(error as Error).message}.`, 'Check that the directory exists and is writable.')
  }
}
