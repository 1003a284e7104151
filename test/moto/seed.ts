import {SECRET_V07} from '../fixtures/secrets/index.js'
import {CloudFormationClient, CreateStackCommand, DescribeStackResourcesCommand, DescribeStacksCommand, ListStacksCommand} from '@aws-sdk/client-cloudformation'
import {CreateSecretCommand, ListSecretsCommand, SecretsManagerClient} from '@aws-sdk/client-secrets-manager'

import {bwops, type CommandRun} from '../helpers.js'

// What the moto tests put into the emulator with the SDK, and read back from it, outside bwops.
// The Quilt stack is written by us in the shape of a Quilt catalog stack's outputs (the ones the
// profile's quiltStackOutputs names); the Benchling secret in the shape the webhook 0.5.x reads.

export const ACCOUNT = '123456789012'

/** Fake credentials for moto only, and no shared config of the machine's user. */
export function useMotoCredentials(): () => void {
  const saved = {...process.env}
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k]
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
  })
  return () => {
    process.env = saved
  }
}

export const sdkConfig = (endpoint: string, region: string) => ({credentials: {accessKeyId: 'testing', secretAccessKey: 'testing'}, endpoint, region})

/** the 10-key secret v0.6-v0.7 read, which secrets-only mode as bwops deploy runs it needs */
export const SOUND_SECRET = {...SECRET_V07, client_secret: 'never-print-this-moto'}

export const QUILT_OUTPUTS = {CatalogDomain: 'quilt.example.com', UserAthenaDatabaseName: 'quilt_db', UserBucket: 'quilt-user-bucket'}

/** A stand-in Quilt catalog stack: a queue (its ARN is the PackagerQueueArn output) and the outputs given. */
export async function seedQuiltStack(endpoint: string, region: string, outputs: Record<string, string> = QUILT_OUTPUTS, withQueue = true): Promise<string> {
  const cfn = new CloudFormationClient(sdkConfig(endpoint, region))
  const template = {
    Outputs: {
      ...Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, {Value: v}])),
      ...(withQueue ? {PackagerQueueArn: {Value: {'Fn::GetAtt': ['PackagerQueue', 'Arn']}}} : {}),
    },
    Resources: {PackagerQueue: {Type: 'AWS::SQS::Queue'}},
  }
  const out = await cfn.send(new CreateStackCommand({StackName: 'quilt', TemplateBody: JSON.stringify(template)}))
  return out.StackId ?? ''
}

export async function seedSecret(endpoint: string, region: string, name: string, value: unknown): Promise<string> {
  const sm = new SecretsManagerClient(sdkConfig(endpoint, region))
  const out = await sm.send(new CreateSecretCommand({Name: name, SecretString: typeof value === 'string' ? value : JSON.stringify(value)}))
  return out.ARN ?? ''
}

/** The stacks (not deleted) and the secrets of a region: what "nothing was created" is measured on. */
export async function regionContents(endpoint: string, region: string): Promise<{stacks: string[]; secrets: string[]}> {
  const cfn = new CloudFormationClient(sdkConfig(endpoint, region))
  const sm = new SecretsManagerClient(sdkConfig(endpoint, region))
  const stacks = (await cfn.send(new ListStacksCommand({}))).StackSummaries ?? []
  const secrets = (await sm.send(new ListSecretsCommand({}))).SecretList ?? []
  return {
    secrets: secrets.map((s) => s.Name ?? '').sort(),
    stacks: stacks.filter((s) => s.StackStatus !== 'DELETE_COMPLETE').map((s) => s.StackName ?? '').sort(),
  }
}

export async function stackOf(endpoint: string, region: string, name: string) {
  const cfn = new CloudFormationClient(sdkConfig(endpoint, region))
  const stack = (await cfn.send(new DescribeStacksCommand({StackName: name}))).Stacks?.[0]
  const resources = (await cfn.send(new DescribeStackResourcesCommand({StackName: name}))).StackResources ?? []
  return {
    parameters: Object.fromEntries((stack?.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? ''])),
    physical: Object.fromEntries(resources.map((r) => [r.LogicalResourceId ?? '', r.PhysicalResourceId ?? ''])),
    status: stack?.StackStatus,
  }
}

/** bwops against the moto endpoint, in the region given. */
export const against = (endpoint: string, region: string) => (args: string[]): Promise<CommandRun> => bwops([...args, '--region', region, '--endpoint-url', endpoint])
