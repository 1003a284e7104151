import {type FactSource, known} from '../facts/facts.js'
import type {Profile} from '../profile/types.js'
import {dockerEngine, type DockerEngine} from './engine.js'
import {runProbe} from './probe.js'
import {buildProbeRequest, type ProbeInput, type SecretResolver} from './request.js'

export interface ProbeSourceOptions {
  input: ProbeInput
  profile: Profile
  engine?: DockerEngine
  resolver?: SecretResolver
  progress?: (line: string) => void
  signal?: AbortSignal
}

/**
 * The `probe` fact, for `doctor --probe`: runs the image once, when a check first asks. With no
 * task definition file of its own it uses the run's taskDefinition fact, so the probe gets the
 * same environment, port and command ECS would. A probe that cannot run (no engine, no image)
 * leaves the fact unknown with the reason, and the checks that need it are skipped.
 */
export function probeFactSource(options: ProbeSourceOptions): FactSource {
  const what = options.input.image ?? (options.input.imageTag ? `${options.profile.names.image}:${options.input.imageTag}` : 'the task definition\'s image')
  const describe = `local probe of ${what}`
  return {
    describe,
    loaders: {
      async probe(facts) {
        let input = options.input
        if (!input.taskDefinitionFile && !input.taskDefinition) {
          const td = await facts.get('taskDefinition')
          if (td.ok) input = {...input, taskDefinition: td.value}
        }

        const request = await buildProbeRequest(input, options.profile, options.resolver)
        const fact = await runProbe(request, {
          engine: options.engine ?? dockerEngine(),
          profile: options.profile,
          ...(options.progress ? {progress: options.progress} : {}),
          ...(options.signal ? {signal: options.signal} : {}),
        })
        return known(fact, describe)
      },
    },
  }
}
