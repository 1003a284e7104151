import {UserError} from '../../errors.js'
import {contractOf} from '../../profile/select.js'
import type {Profile} from '../../profile/types.js'
import {failureOf, type FactSource, known, unknown} from '../facts.js'
import {inferMode} from '../mode.js'
import {normalizeTaskDefinition} from '../normalize-task-definition.js'
import {readStructured, readTextInput} from '../read-input.js'
import {describeSecretString} from '../secret-shape.js'
import type {DeploymentContext, Mode} from '../types.js'

/** --task-definition FILE: read eagerly, so a bad file is a usage error before any check runs. */
export async function taskDefinitionFileSource(file: string): Promise<FactSource> {
  const describe = `task definition file ${file}`
  const td = normalizeTaskDefinition(await readStructured(file, 'task definition'), `The task definition "${file}"`)
  return {describe, loaders: {taskDefinition: async () => known(td, describe)}}
}

/** --secret-file FILE: the Benchling secret as Secrets Manager holds it; only its shape is kept. */
export async function secretFileSource(file: string): Promise<FactSource> {
  const describe = `secret file ${file}`
  const text = await readTextInput(file, 'secret file')
  if (text.trim() === '') throw new UserError(`The secret file "${file}" is empty.`, 'Give the secret JSON, e.g. {"client_id": "...", "client_secret": "...", "tenant": "..."}.')
  const content = describeSecretString(text)
  return {describe, loaders: {benchlingSecret: async () => known({content}, describe)}}
}

/** The mode: from --mode, else inferred from the task definition's variables. */
export function modeSource(profile: Profile, flag?: Mode): FactSource {
  if (flag) {
    return {describe: '--mode flag', loaders: {mode: async () => known({inferred: false, value: flag, why: 'set with --mode'}, '--mode flag')}}
  }

  return {
    describe: 'mode inference',
    loaders: {
      async mode(facts) {
        const td = await facts.get('taskDefinition')
        if (!td.ok) return unknown('the mode could not be told: no task definition to infer it from (use --mode legacy|secrets-only)', failureOf(td))
        // the release's contract: a line that runs in one mode only fixes it
        const release = await facts.get('release')
        const contract = release.ok ? contractOf(release.value) : profile
        if (release.ok && contract.release.modes.length === 1) {
          const value = contract.release.modes[0]!
          return known({inferred: true, value, why: `release ${contract.release.version ?? contract.release.line} runs in ${value} mode only`}, 'release inference')
        }

        const mode = inferMode(td.value, contract)
        return mode
          ? known(mode, `inferred from ${td.source}`)
          : unknown('the mode could not be told: the container sets neither mode\'s variables (use --mode legacy|secrets-only)')
      },
    },
  }
}

const ARN_CONTEXT = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]*):(\d{12}):/

/** Where the deployment lives: from flags, else from the ARNs the task definition carries. */
export function deploymentSource(flags: DeploymentContext): FactSource {
  return {
    describe: 'deployment context',
    loaders: {
      async deployment(facts) {
        if (flags.region && flags.account) return known(flags, 'flags')
        const td = await facts.get('taskDefinition')
        const arns = td.ok ? [td.value.taskDefinitionArn, td.value.executionRoleArn, td.value.taskRoleArn] : []
        const context: DeploymentContext = {...flags}
        for (const arn of arns) {
          const m = arn ? ARN_CONTEXT.exec(arn) : null
          if (!m) continue
          context.account ??= m[2]
          if (m[1]) context.region ??= m[1]
        }

        return context.region || context.account
          ? known(context, flags.region || flags.account ? 'flags and task definition ARNs' : 'task definition ARNs')
          : unknown('the deployment\'s region and account are not known (use --region and --account)')
      },
    },
  }
}
