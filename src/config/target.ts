import {loadConfig, type RepoConfig} from './load.js'

// The repository's config (.bwops.json, or the "bwops" key of package.json) names the deployment
// for every command that takes a target, as doctor's does: a flag given wins over the config.

export interface TargetFlags {
  cluster?: string
  config?: string
  profile?: string
  region?: string
  service?: string
  'stack-name'?: string
}

/** The flags with what the config's `target` fills in where a flag is not given, and the config. */
export async function withConfigTarget<F extends TargetFlags>(flags: F, cwd = process.cwd()): Promise<{flags: F; config: RepoConfig}> {
  const {config} = await loadConfig(cwd, flags.config)
  const t = config.target ?? {}
  const filled = {
    ...flags,
    ...(flags.cluster ?? t.cluster ? {cluster: flags.cluster ?? t.cluster} : {}),
    ...(flags.profile ?? t.profile ? {profile: flags.profile ?? t.profile} : {}),
    ...(flags.region ?? t.region ? {region: flags.region ?? t.region} : {}),
    ...(flags.service ?? t.service ? {service: flags.service ?? t.service} : {}),
    ...(flags['stack-name'] ?? t.stackName ? {'stack-name': flags['stack-name'] ?? t.stackName} : {}),
  }
  return {config, flags: filled}
}
