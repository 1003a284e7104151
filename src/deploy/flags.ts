import {Flags} from '@oclif/core'

import {UserError} from '../errors.js'
import {readTextInput} from '../facts/read-input.js'
import type {Profile} from '../profile/types.js'
import {type ClientSecretSource, SecretValue} from './options.js'

// The deploy's flags. Each mode's flags exclude the other mode's (oclif `exclusive`), and each
// excludes the --mode value that contradicts it (oclif `relationships`), so a mixed command
// line is refused before anything runs.

const SECRETS_ONLY = ['quilt-stack-arn', 'benchling-secret']
const LEGACY = ['catalog', 'database', 'bucket', 'queue-arn', 'tenant', 'client-id', 'app-id', 'pkg-prefix', 'pkg-key', 'env-file', 'client-secret-id', 'client-secret-file', 'client-secret-stdin']
const CLIENT_SECRET = ['client-secret-id', 'client-secret-file', 'client-secret-stdin']

const notMode = (mode: string) => [{flags: [{name: 'mode', when: async (f: Record<string, unknown>) => f.mode === mode}], type: 'none' as const}]
const secretsOnly = (description: string) => ({description, exclusive: LEGACY, helpGroup: 'SECRETS-ONLY', relationships: notMode('legacy')})
const legacy = (description: string, extra: string[] = []) => ({
  description,
  exclusive: [...SECRETS_ONLY, ...extra],
  helpGroup: 'LEGACY',
  relationships: notMode('secrets-only'),
})
const others = (name: string) => CLIENT_SECRET.filter((n) => n !== name)

export function deployFlags(profile: Profile) {
  return {
    'app-id': Flags.string(legacy('Benchling app definition id (appdef_...)')),
    'benchling-secret': Flags.string(secretsOnly('name or ARN of the Secrets Manager secret with the Benchling credentials')),
    bucket: Flags.string(legacy('Quilt user bucket')),
    catalog: Flags.string(legacy('Quilt catalog host, e.g. nightly.quilttest.com')),
    'client-id': Flags.string(legacy('Benchling app client id')),
    'client-secret-file': Flags.file({...legacy('file holding the Benchling client secret; stored in Secrets Manager by the deploy', others('client-secret-file'))}),
    'client-secret-id': Flags.string(legacy('name or ARN of an existing secret whose JSON key client_secret holds the client secret', others('client-secret-id'))),
    'client-secret-stdin': Flags.boolean(legacy('read the Benchling client secret from standard input; stored in Secrets Manager by the deploy', others('client-secret-stdin'))),
    database: Flags.string(legacy('Quilt Athena database')),
    'desired-count': Flags.integer({default: 2, description: 'how many tasks run', min: 1}),
    'dry-run': Flags.boolean({description: 'check and show the change set, then delete it: nothing changes'}),
    'enable-webhook-verification': Flags.boolean({allowNo: true, description: 'verify webhook signatures (default: on)'}),
    'endpoint-url': Flags.string({description: 'send AWS calls to this endpoint (LocalStack, a proxy)', helpGroup: 'AWS'}),
    'env-file': Flags.file({...legacy('a .env file with the legacy values (QUILT_CATALOG=..., BENCHLING_TENANT=...); flags win over it')}),
    force: Flags.boolean({description: 'deploy even when preflight finds errors'}),
    image: Flags.string({description: 'the full image URI', exclusive: ['image-tag']}),
    'image-tag': Flags.string({description: `a tag of public.ecr.aws/${profile.names.image}`, exclusive: ['image']}),
    'log-level': Flags.string({description: 'the app log level', options: ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL']}),
    mode: Flags.string({description: 'configuration mode; inferred from the flags given when omitted', options: ['legacy', 'secrets-only']}),
    'pkg-key': Flags.string(legacy('metadata key packages are keyed on (default experiment_id)')),
    'pkg-prefix': Flags.string(legacy('prefix of package names (default benchling)')),
    'poll-interval': Flags.integer({default: 5, description: 'seconds between polls while watching', hidden: true, min: 1}),
    config: Flags.string({description: 'a config file naming the target (default: .bwops.json, or the "bwops" key of package.json; docs/config.md)'}),
    profile: Flags.string({description: 'AWS profile', helpGroup: 'AWS'}),
    'queue-arn': Flags.string(legacy('Quilt packager SQS queue ARN')),
    'quilt-stack-arn': Flags.string(secretsOnly('ARN of the Quilt CloudFormation stack')),
    region: Flags.string({description: 'AWS region', helpGroup: 'AWS'}),
    'stack-name': Flags.string({description: `the CloudFormation stack (default: the config's target.stackName, else ${profile.names.stack})`}),
    'subnet-ids': Flags.string({dependsOn: ['vpc-id'], description: 'comma-separated subnets (default: the default VPC\'s)'}),
    tenant: Flags.string(legacy('Benchling tenant name (quilt-dtt for quilt-dtt.benchling.com)')),
    timeout: Flags.integer({default: 1800, description: 'seconds to watch the rollout before giving up watching', min: 60}),
    'vpc-id': Flags.string({description: 'the VPC (default: the region\'s default VPC)'}),
    yes: Flags.boolean({char: 'y', description: 'execute the change set without asking'}),
  }
}

interface SecretFlags {
  'client-secret-id'?: string
  'client-secret-file'?: string
  'client-secret-stdin'?: boolean
}

/** The client secret by reference, or read from a file or stdin; never from a flag's value. */
export async function readClientSecret(flags: SecretFlags, stdin: NodeJS.ReadableStream & {isTTY?: boolean}): Promise<ClientSecretSource | undefined> {
  if (flags['client-secret-id']) return {id: flags['client-secret-id'], kind: 'reference'}
  if (flags['client-secret-file']) {
    const file = flags['client-secret-file']
    return {kind: 'value', value: new SecretValue((await readTextInput(file, 'client secret file')).trim(), `--client-secret-file ${file}`)}
  }

  if (flags['client-secret-stdin']) {
    if (stdin.isTTY) throw new UserError('--client-secret-stdin reads a pipe, and standard input is a terminal.', 'Pipe it in: pass show benchling | bwops deploy ... --client-secret-stdin, or use --client-secret-file.')
    const chunks: Buffer[] = []
    for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
    return {kind: 'value', value: new SecretValue(Buffer.concat(chunks).toString('utf8').trim(), 'standard input')}
  }

  return undefined
}
