import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'

import {profileExists} from '../../src/aws/profile.js'
import {errorEndpoint} from '../fixtures/aws/error-endpoint.js'
import {bwops} from '../helpers.js'

// --profile NAME is exactly AWS_PROFILE=NAME, as in the aws CLI: the profile's endpoint_url and
// region apply either way; and a profile that is not defined says so. The profile's endpoint is a
// loopback one that answers every ECS call AccessDenied, so reaching it is visible in the message.

let endpoint: {url: string; close: () => Promise<void>}
let saved: NodeJS.ProcessEnv

beforeAll(async () => {
  endpoint = await errorEndpoint({code: 'AccessDeniedException', message: 'User: arn:aws:iam::111122223333:user/ops is not authorized to perform: ecs:DescribeServices', status: 400})
})
afterAll(async () => {
  await endpoint.close()
})

beforeEach(() => {
  saved = {...process.env}
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k]
  const dir = mkdtempSync(join(tmpdir(), 'bwops-profile-'))
  writeFileSync(join(dir, 'config'), `[default]\nregion = eu-central-1\n\n[profile emu]\nregion = us-east-1\nendpoint_url = ${endpoint.url}\n\n[profile sso-only]\nregion = us-east-1\n`)
  writeFileSync(join(dir, 'credentials'), '[emu]\naws_access_key_id = AKIAFAKEFAKEFAKEFAKE\naws_secret_access_key = fake\n\n[keys-only]\naws_access_key_id = AKIAFAKEFAKEFAKEFAKE\naws_secret_access_key = fake\n')
  process.env.AWS_CONFIG_FILE = join(dir, 'config')
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials')
  process.env.AWS_MAX_ATTEMPTS = '1'
})

afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k]
  Object.assign(process.env, saved)
})

describe('--profile is AWS_PROFILE', () => {
  it('--profile emu reaches the profile\'s endpoint_url', async () => {
    const run = await bwops(['status', '--profile', 'emu', '--cluster', 'c', '--service', 's'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('grant ecs:DescribeServices to arn:aws:iam::111122223333:user/ops')
  })

  it('AWS_PROFILE=emu does the same', async () => {
    process.env.AWS_PROFILE = 'emu'
    const run = await bwops(['status', '--cluster', 'c', '--service', 's'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('grant ecs:DescribeServices to arn:aws:iam::111122223333:user/ops')
  })
})

describe('a profile that is not defined', () => {
  it.each([
    ['--profile', ['--profile', 'nope'], {}],
    ['AWS_PROFILE', [], {AWS_PROFILE: 'nope'}],
  ])('from %s: "profile not found", exit 2, naming the files', async (_from, flag, env) => {
    Object.assign(process.env, env)
    const run = await bwops(['status', ...flag, '--cluster', 'c', '--service', 's'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('The AWS profile "nope" is not found')
    expect(run.stderr).toContain(process.env.AWS_CONFIG_FILE as string)
    expect(run.stderr).toContain('aws configure list-profiles')
    expect(run.stderr).not.toContain('No AWS region is set')
  })

  it('finds profiles where the aws CLI does: [profile NAME] in config, [NAME] in credentials', async () => {
    expect(await Promise.all(['emu', 'sso-only', 'keys-only', 'default', 'nope'].map(profileExists))).toEqual([true, true, true, true, false])
  })
})
