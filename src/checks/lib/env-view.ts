import type {ContainerDefinition} from '../../facts/types.js'
import type {EnvSpec, Profile} from '../../profile/types.js'

/** One container's variables as the app will see them: plain `environment` and ECS `secrets`. */
export interface EnvView {
  container: ContainerDefinition
  /** plain environment values by name (the last one wins, as in ECS) */
  env: Map<string, string>
  /** names injected from `secrets` */
  secrets: Set<string>
  /** every name the container sets, in order, once */
  names: string[]
}

export function envView(container: ContainerDefinition): EnvView {
  const env = new Map(container.environment.map((e) => [e.name, e.value]))
  const secrets = new Set(container.secrets.map((s) => s.name))
  const names = [...new Set([...container.environment.map((e) => e.name), ...container.secrets.map((s) => s.name)])]
  return {container, env, names, secrets}
}

/** Set and non-empty: a variable set to "" is as good as missing to the app. */
export function isSet(view: EnvView, name: string): boolean {
  return view.secrets.has(name) || (view.env.get(name)?.trim() ?? '') !== ''
}

/** Every variable the profile knows, by name: both modes and the common ones. */
export function knownSpecs(profile: Profile): Map<string, EnvSpec> {
  const specs = new Map<string, EnvSpec>()
  for (const spec of [...profile.env.legacy, ...profile.env['secrets-only'], ...profile.commonEnv]) specs.set(spec.name, spec)
  return specs
}
