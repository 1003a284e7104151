import {DescribeStacksCommand} from '@aws-sdk/client-cloudformation'
import {DescribeServicesCommand} from '@aws-sdk/client-ecs'
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {liveDoctorSources} from '../../src/services/live-doctor.js'
import type {LiveFlagValues} from '../../src/services/live-flags.js'
import {awsError, mockAccount} from '../fixtures/aws/account.js'
import {CLUSTER, SERVICE, STACK, stackResources} from '../fixtures/aws/data.js'

// the profile the failures below name exists, as bwops checks before any call
const savedConfig = process.env.AWS_CONFIG_FILE
beforeAll(() => {
  const file = join(mkdtempSync(join(tmpdir(), 'bwops-target-')), 'config')
  writeFileSync(file, '[profile prod]\nregion = us-east-1\n')
  process.env.AWS_CONFIG_FILE = file
})
afterAll(() => {
  if (savedConfig === undefined) delete process.env.AWS_CONFIG_FILE
  else process.env.AWS_CONFIG_FILE = savedConfig
})

type Account = ReturnType<typeof mockAccount>

async function resolve(flags: LiveFlagValues, arrange: (a: Account) => void = () => {}) {
  const account = mockAccount()
  arrange(account)
  return liveDoctorSources({region: 'us-east-1', ...flags}, profile, {clients: account.clients})
}

async function userError(flags: LiveFlagValues, arrange: (a: Account) => void): Promise<UserError> {
  const error = await resolve(flags, arrange).then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(UserError)
  expect((error as UserError).exitCode).toBe(2)
  return error as UserError
}

describe('live target resolution', () => {
  it('finds cluster and service from the default stack\'s outputs', async () => {
    const {target} = await resolve({})
    expect(target).toMatchObject({cluster: CLUSTER, logGroup: '/ecs/benchling-webhook', region: 'us-east-1', service: SERVICE, stackName: STACK})
    expect(target.webhookEndpoint).toContain('execute-api')
  })

  it('falls back to the stack resources when the outputs do not name them', async () => {
    const {target} = await resolve({'stack-name': STACK}, ({mocks}) => {
      mocks.cfn.on(DescribeStacksCommand).resolves({Stacks: [{CreationTime: new Date(), Outputs: [], StackName: STACK, StackStatus: 'CREATE_COMPLETE'}]})
    })
    expect(target).toMatchObject({cluster: CLUSTER, service: SERVICE})
    expect(stackResources.filter((r) => r.ResourceType === 'AWS::ECS::Cluster' || r.ResourceType === 'AWS::ECS::Service')).toHaveLength(2)
  })

  it('skips the stack with --cluster and --service', async () => {
    const {calls, target} = await resolve({cluster: CLUSTER, service: SERVICE})
    expect(target.stackName).toBeUndefined()
    const ops = calls.summary().byOperation
    // no stack call; the doctor's reads ahead are of the named service (its tasks, its task definition)
    expect(Object.keys(ops).filter((op) => op.startsWith('cloudformation:'))).toEqual([])
    expect(ops).toMatchObject({'ecs:DescribeServices': 1, 'sts:GetCallerIdentity': 1})
  })

  const failures: {name: string; flags: LiveFlagValues; arrange: (a: Account) => void; message: RegExp; next: RegExp}[] = [
    {
      arrange: ({mocks}) => mocks.sts.on(GetCallerIdentityCommand).rejects(awsError('CredentialsProviderError', 'Could not load credentials from any providers')),
      flags: {},
      message: /no usable AWS credentials \(CredentialsProviderError\)/,
      name: 'missing credentials',
      next: /AWS_PROFILE/,
    },
    {
      arrange: ({mocks}) => mocks.sts.on(GetCallerIdentityCommand).rejects(awsError('ExpiredToken', 'The security token included in the request is expired')),
      flags: {profile: 'prod'},
      message: /\(ExpiredToken, profile prod\)/,
      name: 'expired credentials',
      next: /aws sso login --profile prod/,
    },
    {
      arrange: () => {},
      flags: {'stack-name': 'NoSuchStack'},
      message: /The stack "NoSuchStack" does not exist in region us-east-1 of account 123456789012/,
      name: 'an unknown stack (or the wrong region)',
      next: /--region/,
    },
    {
      arrange: ({mocks}) => mocks.ecs.on(DescribeServicesCommand).rejects(awsError('ClusterNotFoundException', 'Cluster not found.')),
      flags: {cluster: 'nope', service: SERVICE},
      message: /cluster "nope" does not exist in region us-east-1/,
      name: 'an unknown cluster',
      next: /--cluster/,
    },
    {
      arrange: ({mocks}) => mocks.ecs.on(DescribeServicesCommand).resolves({failures: [{arn: 'arn:aws:ecs:us-east-1:123456789012:service/nope', reason: 'MISSING'}], services: []}),
      flags: {cluster: CLUSTER, service: 'nope'},
      message: /service "nope" in cluster "benchling-webhook-cluster" was not found \(MISSING\) in region us-east-1/,
      name: 'an unknown service',
      next: /--service/,
    },
    {
      arrange: ({mocks}) => mocks.cfn.on(DescribeStacksCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform: cloudformation:DescribeStacks')),
      flags: {},
      message: /AccessDenied calling cloudformation:DescribeStacks/,
      name: 'a denied stack lookup',
      next: /Grant cloudformation:DescribeStacks, or name the service with --cluster and --service/,
    },
  ]
  it.each(failures)('stops with a usage error on $name', async ({arrange, flags, message, next}) => {
    const error = await userError(flags, arrange)
    expect(error.message).toMatch(message)
    expect(error.next).toMatch(next)
  })
})
