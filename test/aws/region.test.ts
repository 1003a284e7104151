import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {createAwsContext} from '../../src/aws/clients.js'

// The region as the aws CLI picks it: --region, AWS_REGION, AWS_DEFAULT_REGION, then the
// profile's (from AWS_CONFIG_FILE). Nothing here reaches AWS: the region is resolved locally.

const VARS = ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'] as const
let saved: Record<string, string | undefined>

beforeEach(() => {
  saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]))
  for (const v of VARS) delete process.env[v]
  const dir = mkdtempSync(join(tmpdir(), 'bwops-region-'))
  writeFileSync(join(dir, 'config'), '[default]\nregion = eu-central-1\n\n[profile ops]\nregion = ap-south-1\n')
  writeFileSync(join(dir, 'credentials'), '')
  process.env.AWS_CONFIG_FILE = join(dir, 'config')
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials')
})

afterEach(() => {
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v]
    else process.env[v] = saved[v]
  }
})

describe('region resolution', () => {
  it.each([
    ['--region wins over everything', {region: 'us-east-2'}, {AWS_DEFAULT_REGION: 'us-west-2', AWS_REGION: 'eu-west-1'}, 'us-east-2'],
    ['AWS_REGION before AWS_DEFAULT_REGION', {}, {AWS_DEFAULT_REGION: 'us-west-2', AWS_REGION: 'eu-west-1'}, 'eu-west-1'],
    ['AWS_DEFAULT_REGION before the profile', {profile: 'ops'}, {AWS_DEFAULT_REGION: 'us-west-2'}, 'us-west-2'],
    ['the named profile\'s region', {profile: 'ops'}, {}, 'ap-south-1'],
    ['AWS_PROFILE\'s region', {}, {AWS_PROFILE: 'ops'}, 'ap-south-1'],
    ['the default profile\'s region', {}, {}, 'eu-central-1'],
  ])('%s', async (_name, options, env, expected) => {
    Object.assign(process.env, env)
    expect((await createAwsContext(options)).region).toBe(expected)
  })

  it('with no region anywhere, says each place one can be set', async () => {
    writeFileSync(process.env.AWS_CONFIG_FILE as string, '[profile bare]\noutput = json\n')
    await expect(createAwsContext({profile: 'bare'})).rejects.toMatchObject({
      message: 'No AWS region is set, so bwops cannot tell where the deployment runs.',
    })
    await expect(createAwsContext({profile: 'bare'})).rejects.toHaveProperty('next', 'Give --region (e.g. --region us-east-1), or set AWS_REGION or AWS_DEFAULT_REGION, or a region in profile bare.')
  })
})
