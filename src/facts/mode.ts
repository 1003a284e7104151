import type {Profile} from '../profile/types.js'
import type {Mode, ModeFact, TaskDefinition} from './types.js'

/** Tells the mode from the variables the webhook container carries. */
export function inferMode(td: TaskDefinition, profile: Profile): ModeFact | undefined {
  const container = td.containers.find((c) => c.name === profile.names.container) ?? td.containers[0]
  if (!container) return undefined
  const names = new Set([...container.environment.map((e) => e.name), ...container.secrets.map((s) => s.name)])
  const count = (mode: Mode) => profile.env[mode].filter((spec) => names.has(spec.name)).length
  const secretsOnly = count('secrets-only')
  const legacy = count('legacy')
  if (secretsOnly === 0 && legacy === 0) return undefined
  const value: Mode = secretsOnly > 0 && secretsOnly * 4 >= legacy ? 'secrets-only' : 'legacy'
  const seen = profile.env[value].filter((spec) => names.has(spec.name)).map((spec) => spec.name)
  return {inferred: true, value, why: `container ${container.name} sets ${seen.join(', ')}`}
}
