import {readFile} from 'node:fs/promises'
import {homedir} from 'node:os'
import {join} from 'node:path'

import {UserError} from '../errors.js'

// The AWS profile as the aws CLI treats it: --profile is the same as AWS_PROFILE (so everything the
// SDK reads from the profile applies, endpoint_url and region included), and a profile that is in
// neither shared file is an error that says so, not a missing region further on.

/** The shared files the SDK reads, as the aws CLI finds them. */
function sharedFiles(): {config: string; credentials: string} {
  const home = process.env.HOME ?? homedir()
  return {
    config: process.env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'),
    credentials: process.env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'),
  }
}

/** The section names of an INI file; empty when the file does not exist. */
async function sections(file: string): Promise<string[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return []
  }

  return [...text.matchAll(/^\s*\[\s*([^\]]+?)\s*\]\s*$/gm)].map((m) => m[1]!)
}

/** Whether a profile is defined: `[profile NAME]` (or `[NAME]`) in config, `[NAME]` in credentials. */
export async function profileExists(name: string): Promise<boolean> {
  const files = sharedFiles()
  const [config, credentials] = await Promise.all([sections(files.config), sections(files.credentials)])
  const inConfig = config.some((s) => s === `profile ${name}` || s.replace(/^profile\s+/, '') === name)
  return inConfig || credentials.includes(name)
}

/** --profile NAME is AWS_PROFILE=NAME for the whole run: call before any client is made. */
export function useProfile(profile: string | undefined): void {
  if (profile) process.env.AWS_PROFILE = profile
}

/**
 * The profile the run uses (--profile, else AWS_PROFILE) must exist, unless it is `default`, which
 * the SDK reads from the environment, SSO or instance roles too.
 */
export async function checkProfile(flag: string | undefined): Promise<void> {
  const name = flag ?? process.env.AWS_PROFILE
  if (!name || name === 'default' || (await profileExists(name))) return
  const files = sharedFiles()
  throw new UserError(
    `The AWS profile "${name}" is not found${flag ? '' : ' (from AWS_PROFILE)'}: neither ${files.config} nor ${files.credentials} defines it.`,
    'List the profiles with `aws configure list-profiles`, and give one of them with --profile (or AWS_PROFILE); `aws configure --profile NAME` creates one.',
  )
}
