import {UserError} from '../errors.js'
import {normalizeTaskDefinition} from '../facts/normalize-task-definition.js'
import {readStructured, readTextInput} from '../facts/read-input.js'
import type {ContainerDefinition, EnvVar, SecretRef, TaskDefinition} from '../facts/types.js'
import type {Profile} from '../profile/types.js'
import {mergeEnv, parseEnvFile, parseEnvFlag} from './env.js'
import type {ProbeRequest} from './probe.js'

// Turns what the user gave (flags, files, a task definition fact) into one probe request: which
// image, which environment, which container settings. Reads files; touches no engine.

export interface ProbeInput {
  image?: string
  imageTag?: string
  envFile?: string
  env?: string[]
  taskDefinitionFile?: string
  /** a task definition already known (doctor's fact), used when no file is named */
  taskDefinition?: TaskDefinition
  containerName?: string
  resolveSecrets?: boolean
  port?: number
  memoryMiB?: number
  timeoutSeconds: number
  config?: boolean
}

/** Reads the values of a task definition's `secrets` (Secrets Manager, SSM). Values never leave the probe. */
export interface SecretResolver {
  resolve(refs: SecretRef[]): Promise<EnvVar[]>
}

export async function buildProbeRequest(input: ProbeInput, profile: Profile, resolver?: SecretResolver): Promise<ProbeRequest> {
  const td = input.taskDefinitionFile
    ? normalizeTaskDefinition(await readStructured(input.taskDefinitionFile, 'task definition'), `The task definition "${input.taskDefinitionFile}"`)
    : input.taskDefinition
  const container = td ? pickContainer(td, profile, input.containerName) : undefined
  const image = input.image ?? (input.imageTag ? `${profile.names.image}:${input.imageTag}` : container?.image)
  if (!image) {
    throw new UserError('No image to probe.', 'Name one with --image IMAGE or --image-tag TAG, or give a task definition whose container names its image.')
  }

  const {fileEnv, flagEnv} = await readProbeEnv(input)
  const given = new Set([...fileEnv, ...flagEnv].map((e) => e.name))
  const secretRefs = container?.secrets ?? []
  let secretEnv: EnvVar[] = []
  if (input.resolveSecrets && secretRefs.length > 0) {
    if (!resolver) {
      throw new UserError(
        '--resolve-secrets needs AWS access to read the task definition\'s secrets, and this bwops cannot read them yet.',
        `Pass the values yourself with --env-file or --env NAME (from this shell): ${secretRefs.map((s) => s.name).join(', ')}.`,
      )
    }

    secretEnv = await resolver.resolve(secretRefs.filter((s) => !given.has(s.name)))
  }

  const env = mergeEnv(container?.environment ?? [], secretEnv, fileEnv, flagEnv)
  const passed = new Set(env.map((e) => e.name))
  const memory = input.memoryMiB ?? container?.memory ?? (td?.memory && /^\d+$/.test(td.memory) ? Number(td.memory) : undefined)
  return {
    config: input.config ?? false,
    container,
    env,
    image,
    memoryMiB: memory,
    missingSecrets: secretRefs.map((s) => s.name).filter((n) => !passed.has(n)),
    port: input.port,
    secretNames: secretRefs.map((s) => s.name),
    timeoutSeconds: input.timeoutSeconds,
  }
}

/**
 * The variables the user gave (--env-file, --env), read and checked: doctor --probe calls it before
 * any check runs, so a bad env file is a usage error (exit 2), not a skipped probe.
 */
export async function readProbeEnv(input: Pick<ProbeInput, 'env' | 'envFile'>): Promise<{fileEnv: EnvVar[]; flagEnv: EnvVar[]}> {
  const fileEnv = input.envFile ? parseEnvFile(await readTextInput(input.envFile, 'env file'), input.envFile) : []
  return {fileEnv, flagEnv: (input.env ?? []).map((f) => parseEnvFlag(f))}
}

/** The named container, else the profile's, else the only one, else the first essential one. */
export function pickContainer(td: TaskDefinition, profile: Profile, name?: string): ContainerDefinition {
  if (name) {
    const named = td.containers.find((c) => c.name === name)
    if (!named) throw new UserError(`The task definition has no container "${name}".`, `Use one of: ${td.containers.map((c) => c.name).join(', ')}.`)
    return named
  }

  return td.containers.find((c) => c.name === profile.names.container) ?? (td.containers.length === 1 ? td.containers[0] : undefined) ?? td.containers.find((c) => c.essential !== false) ?? td.containers[0]!
}
