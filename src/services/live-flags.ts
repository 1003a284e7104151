import {Flags} from '@oclif/core'

// The flags every live command shares (doctor, bundle): which deployment, and how to reach AWS.
// Spread them into a command's flags: `static flags = {...liveFlags, ...}`.

export const liveFlags = {
  config: Flags.string({description: 'a config file naming the target (default: .bwops.json, or the "bwops" key of package.json; docs/config.md)'}),
  cluster: Flags.string({description: 'the ECS cluster (with --service; instead of reading the stack)', helpGroup: 'AWS'}),
  'endpoint-url': Flags.string({
    description: 'send every AWS call to this URL (a local AWS emulator); AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> are honoured too',
    helpGroup: 'AWS',
  }),
  progress: Flags.boolean({allowNo: true, description: 'say on stderr what bwops waits for (default: a spinner on a terminal; nothing on a pipe or in CI, where --progress prints a line per wait)'}),
  profile: Flags.string({description: 'the AWS profile to use (default: AWS_PROFILE, then the default chain)', helpGroup: 'AWS'}),
  region: Flags.string({description: 'the AWS region the deployment runs in (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile)', helpGroup: 'AWS'}),
  service: Flags.string({description: 'the ECS service (with --cluster; instead of reading the stack)', helpGroup: 'AWS'}),
  'stack-name': Flags.string({description: 'the webhook\'s CloudFormation stack (default BenchlingWebhookStack)', helpGroup: 'AWS'}),
  verbose: Flags.boolean({description: 'also print the AWS calls made, by operation'}),
}

export interface LiveFlagValues {
  cluster?: string
  'endpoint-url'?: string
  profile?: string
  region?: string
  service?: string
  'stack-name'?: string
  verbose?: boolean
}

/** What a live command waits on, in words: `stack X` or `service C/S`. */
export function liveWhat(flags: LiveFlagValues, defaultStack: string): string {
  return flags.cluster && flags.service ? `service ${flags.cluster}/${flags.service}` : `stack ${flags['stack-name'] ?? defaultStack}`
}

/** A run is live when a live flag names the target or how to reach AWS, or when no offline source was given. */
export function wantsLive(flags: LiveFlagValues, offlineSourceGiven: boolean): boolean {
  const named = Boolean(flags['stack-name'] || flags.cluster || flags.service || flags.profile || flags['endpoint-url'])
  return named || !offlineSourceGiven
}
