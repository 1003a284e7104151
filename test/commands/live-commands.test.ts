import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {bwops} from '../helpers.js'

// The live commands through the CLI, where no AWS call is needed to answer: bad input and missing
// credentials each get a clear message and exit 2, never a stack trace. (Their behaviour against
// AWS is tested at the service level with aws-sdk-client-mock.)
describe('live commands without an AWS account', () => {
  let saved: NodeJS.ProcessEnv
  beforeEach(() => {
    saved = {...process.env}
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k]
    Object.assign(process.env, {AWS_CONFIG_FILE: '/nonexistent/config', AWS_EC2_METADATA_DISABLED: 'true', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials'})
  })
  afterEach(() => {
    process.env = saved
  })

  it.each([
    [['logs', '--since', 'bogus', '--region', 'us-east-1'], /--since "bogus" is not a duration or a time/],
    [['status', '--region', 'us-east-1'], /no usable AWS credentials/],
    [['logs', '--region', 'us-east-1'], /no usable AWS credentials/],
    [['bundle', '--out', '/tmp/bwops-never-written.json', '--region', 'us-east-1'], /no usable AWS credentials/],
    [['doctor', '--cluster', 'c', '--service', 's', '--region', 'us-east-1'], /no usable AWS credentials/],
  ])('%j: exit 2 with a clear message', async (args, message) => {
    const run = await bwops(args)
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('deploy refuses conflicting mode flags through oclif relationships', async () => {
    const run = await bwops(['deploy', '--quilt-stack-arn', 'arn:aws:cloudformation:us-east-1:123456789012:stack/q/1', '--catalog', 'x.example.com', '--region', 'us-east-1'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/cannot also be provided|conflict|secrets-only|legacy/i)
  })
})
