import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {motoForTests} from './server.js'
import {against, ACCOUNT, regionContents, seedQuiltStack, seedSecret, SOUND_SECRET, stackOf, useMotoCredentials} from './seed.js'

const moto = await motoForTests()

describe.skipIf(!moto.ok)(`deploy against moto${moto.ok ? '' : ` (skipped: ${moto.reason})`}`, () => {
  let restore: () => void
  beforeAll(() => {
    restore = useMotoCredentials()
  })
  afterAll(async () => {
    restore()
    await moto.stop()
  })

  it('secrets-only into a fresh region: the stack, its task definition and the result', async () => {
    const region = 'eu-west-1'
    const quilt = await seedQuiltStack(moto.endpoint, region)
    const secret = await seedSecret(moto.endpoint, region, 'benchling-webhook', SOUND_SECRET)
    const run = await against(moto.endpoint, region)(['deploy', '--quilt-stack-arn', quilt, '--benchling-secret', 'benchling-webhook', '--image-tag', '0.5.6', '--yes', '--json', '--poll-interval', '1', '--timeout', '60'])
    const result = JSON.parse(run.stdout)
    expect(result.outcome).toMatchObject({kind: 'succeeded', stackStatus: 'CREATE_COMPLETE'})
    // moto does not rebuild a stack's outputs when a change set creates it, so there is no
    // WebhookEndpoint to ask /health: deploy says so and exits 1 ("unverified"), as it would on AWS
    expect(result).toMatchObject({exitCode: 1, image: 'public.ecr.aws/quiltdata/benchling:0.5.6', mode: 'secrets-only', stackName: 'BenchlingWebhookStack', status: 'unverified'})
    expect(run.exitCode).toBe(1)
    const stack = await stackOf(moto.endpoint, region, 'BenchlingWebhookStack')
    expect(stack.status).toBe('CREATE_COMPLETE')
    expect(stack.parameters).toMatchObject({BenchlingSecret: secret, ImageUri: 'public.ecr.aws/quiltdata/benchling:0.5.6', Mode: 'secrets-only', QuiltStackARN: quilt})
    expect(stack.parameters.QueueArn).toMatch(new RegExp(`^arn:aws:sqs:${region}:${ACCOUNT}:`))
    expect(Object.keys(stack.physical).sort()).toEqual(['Cluster', 'ExecutionRole', 'Listener', 'LoadBalancer', 'LoadBalancerSecurityGroup', 'LogGroup', 'Service', 'ServiceSecurityGroup', 'TargetGroup', 'TaskDefinition', 'TaskRole'])
    expect(run.stdout).not.toContain(SOUND_SECRET.client_secret)
    expect(run.stderr).not.toContain(SOUND_SECRET.client_secret)
  })

  it('--dry-run leaves nothing behind: no stack, no secret', async () => {
    const region = 'eu-west-2'
    const quilt = await seedQuiltStack(moto.endpoint, region)
    await seedSecret(moto.endpoint, region, 'benchling-webhook', SOUND_SECRET)
    const before = await regionContents(moto.endpoint, region)
    const run = await against(moto.endpoint, region)(['deploy', '--quilt-stack-arn', quilt, '--benchling-secret', 'benchling-webhook', '--dry-run'])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/--dry-run: the change set was deleted/)
    expect(await regionContents(moto.endpoint, region)).toEqual(before)
  })
})
