import type {Profile} from '../../profile/types.js'
import {chooseRelease, contractOf} from '../../profile/select.js'
import {type Facts, type FactSource, known} from '../facts.js'

/**
 * The `release` fact: which release line's rules judge the deployment, from --app-version, the
 * webhook image's tag, the release the stack records, or the variables (src/profile/select.ts).
 * `base` tells the webhook container by name, the same at every release.
 */
export function releaseSource(base: Profile, flag?: string): FactSource {
  return {
    describe: 'release inference',
    loaders: {
      async release(facts) {
        const [td, declared] = await Promise.all([facts.get('taskDefinition'), facts.get('declaredVersion')])
        const fact = chooseRelease({base, declared: declared.ok ? declared.value : undefined, flag, taskDefinition: td.ok ? td.value : undefined})
        return known(fact, fact.inferred ? 'release inference' : '--app-version flag')
      },
    },
  }
}

/** The contract the run's release fact names, else `fallback` (a run with no release source). */
export async function contractFromFacts(facts: Facts, fallback: Profile): Promise<Profile> {
  const release = await facts.get('release')
  return release.ok ? contractOf(release.value) : fallback
}
