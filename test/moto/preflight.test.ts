import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {motoForTests} from './server.js'
import {ACCOUNT, against, QUILT_OUTPUTS, regionContents, seedQuiltStack, seedSecret, SOUND_SECRET, useMotoCredentials} from './seed.js'

// deploy's preflight against moto: each broken state is seeded with the SDK, and deploy must
// refuse it, saying what is wrong, before it creates anything (no stack, no secret, no change set).

const moto = await motoForTests()

describe.skipIf(!moto.ok)(`deploy's preflight against moto${moto.ok ? '' : ` (skipped: ${moto.reason})`}`, {timeout: 120_000}, () => {
  let restore: () => void
  beforeAll(() => {
    restore = useMotoCredentials()
  })
  afterAll(async () => {
    restore()
    await moto.stop()
  })

  /** Deploys secrets-only into the region and returns the run, having checked nothing was created. */
  async function refused(region: string, quiltStackArn: string, secret = 'benchling-webhook') {
    const before = await regionContents(moto.endpoint, region)
    const run = await against(moto.endpoint, region)(['deploy', '--quilt-stack-arn', quiltStackArn, '--benchling-secret', secret, '--yes', '--poll-interval', '1', '--timeout', '60'])
    expect(await regionContents(moto.endpoint, region)).toEqual(before)
    expect(run.stdout + run.stderr).not.toContain(SOUND_SECRET.client_secret)
    return run
  }

  it('a Benchling secret that does not exist', async () => {
    const region = 'us-east-2'
    const quilt = await seedQuiltStack(moto.endpoint, region)
    const run = await refused(region, quilt, 'no-such-secret')
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(`✖ The Benchling secret given with --benchling-secret does not exist in ${region}`)
  })

  it('a Benchling secret without the keys the app reads', async () => {
    const region = 'us-west-1'
    const quilt = await seedQuiltStack(moto.endpoint, region)
    await seedSecret(moto.endpoint, region, 'benchling-webhook', {client_id: SOUND_SECRET.client_id, client_secret: SOUND_SECRET.client_secret})
    const run = await refused(region, quilt)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/✖ The Benchling secret benchling-webhook has no key tenant/)
  })

  it('a Quilt stack without the outputs the webhook reads', async () => {
    const region = 'ca-central-1'
    const {UserAthenaDatabaseName: _, ...outputs} = QUILT_OUTPUTS
    const quilt = await seedQuiltStack(moto.endpoint, region, outputs, false)
    await seedSecret(moto.endpoint, region, 'benchling-webhook', SOUND_SECRET)
    const run = await refused(region, quilt)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('✖ The Quilt stack quilt lacks the outputs UserAthenaDatabaseName, PackagerQueueArn')
  })

  it('a Quilt stack ARN that names no stack', async () => {
    const region = 'sa-east-1'
    await seedSecret(moto.endpoint, region, 'benchling-webhook', SOUND_SECRET)
    const arn = `arn:aws:cloudformation:${region}:${ACCOUNT}:stack/quilt/00000000-1111-2222-3333-444444444444`
    const run = await refused(region, arn)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(`✖ The Quilt stack ${arn} cannot be read`)
  })

  it('a Quilt stack ARN of another region', async () => {
    const region = 'eu-north-1'
    const elsewhere = await seedQuiltStack(moto.endpoint, 'eu-west-3')
    await seedSecret(moto.endpoint, region, 'benchling-webhook', SOUND_SECRET)
    const run = await refused(region, elsewhere)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(`✖ The Quilt stack ${elsewhere} cannot be read: it is in eu-west-3, and this deploy goes to ${region}, where CloudFormation cannot see it`)
    expect(run.stdout).toContain('fix: Deploy into the Quilt stack\'s region (--region eu-west-3)')
  })
})
