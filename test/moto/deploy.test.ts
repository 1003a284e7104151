import {DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient} from '@aws-sdk/client-ecs'
import {writeFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

import {motoForTests} from './server.js'
import {against, ACCOUNT, sdkConfig, regionContents, seedQuiltStack, seedSecret, SOUND_SECRET, stackOf, useMotoCredentials} from './seed.js'

const moto = await motoForTests()
const WATCH = ['--yes', '--poll-interval', '1', '--timeout', '60']
const CLIENT_SECRET = 'legacy-client-secret-never-printed'

/** The legacy flags for a region; the client secret from a file, which deploy stores in Secrets Manager. */
function legacyFlags(region: string, secretFile: string): string[] {
  return ['--mode', 'legacy', '--catalog', 'quilt.example.com', '--database', 'quilt_db', '--bucket', 'quilt-user-bucket', '--queue-arn', `arn:aws:sqs:${region}:${ACCOUNT}:quilt-packager`, '--tenant', 'quilt-dtt', '--client-id', 'client-id-1', '--app-id', 'appdef_abc123', '--client-secret-file', secretFile]
}

/** The image and environment names of the container the service runs now. */
async function running(region: string): Promise<{image?: string; env: string[]}> {
  const ecs = new ECSClient(sdkConfig(moto.endpoint, region))
  const service = (await ecs.send(new DescribeServicesCommand({cluster: profile.names.cluster, services: [profile.names.service]}))).services?.[0]
  const td = (await ecs.send(new DescribeTaskDefinitionCommand({taskDefinition: service?.taskDefinition ?? ''}))).taskDefinition
  const container = td?.containerDefinitions?.find((c) => c.name === profile.names.container)
  // moto keeps AWS::NoValue in the environment list as null (AWS drops it): filtered here
  return {env: (container?.environment ?? []).filter(Boolean).map((e) => e.name ?? '').sort(), image: container?.image}
}

describe.skipIf(!moto.ok)(`deploy against moto${moto.ok ? '' : ` (skipped: ${moto.reason})`}`, {timeout: 120_000}, () => {
  let restore: () => void
  const secretFile = join(tmpdir(), `bwops-moto-client-secret-${process.pid}`)
  beforeAll(async () => {
    restore = useMotoCredentials()
    await writeFile(secretFile, `${CLIENT_SECRET}\n`)
  })
  afterAll(async () => {
    restore()
    await moto.stop()
    await rm(secretFile, {force: true})
  })

  it('secrets-only into a fresh region: the stack, its task definition and the result', async () => {
    const region = 'eu-west-1'
    const quilt = await seedQuiltStack(moto.endpoint, region)
    const secret = await seedSecret(moto.endpoint, region, 'benchling-webhook', SOUND_SECRET)
    const run = await against(moto.endpoint, region)(['deploy', '--mode', 'secrets-only', '--quilt-stack-arn', quilt, '--benchling-secret', 'benchling-webhook', '--image-tag', '0.7.9', '--yes', '--json', '--poll-interval', '1', '--timeout', '60'])
    const result = JSON.parse(run.stdout)
    expect(result.outcome).toMatchObject({kind: 'succeeded', stackStatus: 'CREATE_COMPLETE'})
    // moto does not rebuild a stack's outputs when a change set creates it, so there is no
    // WebhookEndpoint to ask /health: the stack and the rollout succeeded, so deploy says it could
    // not verify and exits 0, its verdict "succeeded (not verified: ...)", as it would on AWS
    expect(result).toMatchObject({exitCode: 0, image: 'public.ecr.aws/quiltdata/benchling:0.7.9', mode: 'secrets-only', stackName: 'BenchlingWebhookStack', status: 'deployed', verdict: {reason: expect.stringContaining('(not verified: the stack has no WebhookEndpoint output)'), result: 'succeeded'}})
    expect(run.exitCode).toBe(0)
    expect(run.stderr).toContain('✔ Deploy succeeded: stack BenchlingWebhookStack is CREATE_COMPLETE; secrets-only mode, image public.ecr.aws/quiltdata/benchling:0.7.9 (not verified: the stack has no WebhookEndpoint output).')
    const stack = await stackOf(moto.endpoint, region, 'BenchlingWebhookStack')
    expect(stack.status).toBe('CREATE_COMPLETE')
    expect(stack.parameters).toMatchObject({BenchlingSecret: secret, ImageUri: 'public.ecr.aws/quiltdata/benchling:0.7.9', Mode: 'secrets-only', QuiltStackARN: quilt})
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

  it('legacy into a fresh region: the client secret stored in Secrets Manager, the stack in legacy mode', async () => {
    const region = 'eu-central-1'
    const run = await against(moto.endpoint, region)(['deploy', ...legacyFlags(region, secretFile), '--image-tag', '0.5.4', ...WATCH])
    expect(run.stdout).toMatch(/mode:\s+legacy/)
    expect(run.stdout).toMatch(/The stack is CREATE_COMPLETE/)
    const contents = await regionContents(moto.endpoint, region)
    expect(contents).toEqual({secrets: ['BenchlingWebhookStack/benchling-client-secret'], stacks: ['BenchlingWebhookStack']})
    const stack = await stackOf(moto.endpoint, region, 'BenchlingWebhookStack')
    expect(stack.parameters).toMatchObject({BenchlingAppDefinitionId: 'appdef_abc123', BenchlingTenant: 'quilt-dtt', Mode: 'legacy'})
    expect(stack.parameters.BenchlingClientSecretArn).toMatch(new RegExp(`^arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:BenchlingWebhookStack/benchling-client-secret-`))
    expect((await running(region)).env).toEqual(expect.arrayContaining(['BENCHLING_TENANT', 'QUILT_CATALOG', 'QUEUE_ARN']))
    expect(run.stdout + run.stderr).not.toContain(CLIENT_SECRET)
  })

  it('an update with a new image tag, then a switch to legacy mode, on the same stack', async () => {
    const region = 'ap-northeast-1'
    const quilt = await seedQuiltStack(moto.endpoint, region)
    await seedSecret(moto.endpoint, region, 'benchling-webhook', SOUND_SECRET)
    const deploy = against(moto.endpoint, region)
    const secretsOnly = ['deploy', '--quilt-stack-arn', quilt, '--benchling-secret', 'benchling-webhook', ...WATCH]
    expect((await deploy([...secretsOnly, '--image-tag', '0.7.9'])).stdout).toMatch(/The stack is CREATE_COMPLETE/)
    expect((await running(region)).image).toBe('public.ecr.aws/quiltdata/benchling:0.7.9')

    const update = await deploy([...secretsOnly, '--image-tag', '0.7.10'])
    // moto lists in a change set only the resources the template adds or removes, not those a
    // parameter changes (AWS shows "~ TaskDefinition ... REPLACED"); deploy executes a change set
    // that changes no resource too, since it still changes the stack's parameters
    expect(update.stdout).toMatch(/Change set \S+: 0 to add, 0 to modify \(0 replaced\), 0 to remove/)
    expect(update.stdout).toMatch(/The stack is UPDATE_COMPLETE/)
    expect((await stackOf(moto.endpoint, region, 'BenchlingWebhookStack')).parameters.ImageUri).toBe('public.ecr.aws/quiltdata/benchling:0.7.10')
    // moto updates a stack's resources only where the template changes, not where a parameter's
    // value does, so its service keeps the first task definition; on AWS the service rolls to one
    // with the new image. What deploy asked CloudFormation for is the stack's parameters.

    const switched = await deploy(['deploy', ...legacyFlags(region, secretFile), '--image-tag', '0.5.4', ...WATCH])
    expect(switched.stdout).toMatch(/mode:\s+legacy/)
    expect(switched.stdout).toMatch(/The stack is UPDATE_COMPLETE/)
    const stack = await stackOf(moto.endpoint, region, 'BenchlingWebhookStack')
    expect(stack.parameters).toMatchObject({Mode: 'legacy', BenchlingTenant: 'quilt-dtt'})
    expect(stack.parameters.BenchlingClientSecretArn).toMatch(/secret:BenchlingWebhookStack\/benchling-client-secret-/)
    // the parameters of the mode left behind are cleared, so the template's conditions drop them
    expect(stack.parameters.QuiltStackARN ?? '').toBe('')
  })

  it('leaves no orphan: the client secret stored before a change set that does not run is deleted again', async () => {
    const region = 'ap-south-1'
    const before = await regionContents(moto.endpoint, region)
    // without --yes and without a terminal to ask, deploy refuses after making the change set
    const run = await against(moto.endpoint, region)(['deploy', ...legacyFlags(region, secretFile), '--image-tag', '0.5.4'])
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toContain('No terminal to ask for confirmation: the change set was deleted; nothing changed.')
    expect(run.stdout).toMatch(new RegExp(`The client secret deploy stored for this change \\(arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:BenchlingWebhookStack/benchling-client-secret-\\w+\\) was removed; nothing is left behind\\.`))
    expect(await regionContents(moto.endpoint, region)).toEqual(before)
    expect(before).toEqual({secrets: [], stacks: []})
  })
})
