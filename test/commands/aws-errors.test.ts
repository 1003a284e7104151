import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'

import {asAwsCallError, AwsCallError} from '../../src/aws/errors.js'
import {type AwsErrorAnswer, errorEndpoint} from '../fixtures/aws/error-endpoint.js'
import {bwops} from '../helpers.js'

// Every command that reads AWS meets AWS's errors the same way: denied names the permission and
// the identity, expired credentials say how to log in, throttling says so; exit 2, never "a bug",
// never a stack trace. The errors come over the wire from a loopback endpoint, in AWS's formats.

const DENIED: AwsErrorAnswer = {code: 'AccessDeniedException', message: 'User: arn:aws:iam::111122223333:user/ops is not authorized to perform: ecs:DescribeServices on resource: arn:aws:ecs:us-east-1:111122223333:service/c/s because no identity-based policy allows the ecs:DescribeServices action', status: 400}
const EXPIRED: AwsErrorAnswer = {code: 'ExpiredTokenException', message: 'The security token included in the request is expired', status: 400}
const THROTTLED: AwsErrorAnswer = {code: 'ThrottlingException', message: 'Rate exceeded', status: 400}

const COMMANDS = [
  ['status', '--cluster', 'c', '--service', 's'],
  ['logs', '--cluster', 'c', '--service', 's'],
  ['logs', '--cluster', 'c', '--service', 's', '--follow'],
  ['bundle', '--out', '/tmp/bwops-aws-errors-never-written.json', '--cluster', 'c', '--service', 's'],
  ['doctor', '--cluster', 'c', '--service', 's'],
  ['doctor', '--stack-name', 'BenchlingWebhookStack'],
]

describe.each([
  ['access denied', DENIED, [/grant ecs:DescribeServices to arn:aws:iam::111122223333:user\/ops|grant cloudformation:DescribeStacks to arn:aws:iam::111122223333:user\/ops/]],
  ['expired credentials', EXPIRED, [/no usable AWS credentials \(ExpiredTokenException\): they are missing, invalid or expired|credentials are missing, invalid or expired/, /aws sso login/]],
  ['throttling', THROTTLED, [/AWS throttled the call/, /AWS_MAX_ATTEMPTS/]],
])('AWS answers %s', (_name, answer, expected) => {
  let endpoint: {url: string; close: () => Promise<void>}
  let saved: NodeJS.ProcessEnv
  beforeAll(async () => {
    endpoint = await errorEndpoint(answer)
  })
  afterAll(async () => {
    await endpoint.close()
  })
  beforeEach(() => {
    saved = {...process.env}
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k]
    // one attempt: the SDK's retries of a throttled call would only make the test slow
    Object.assign(process.env, {AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_CONFIG_FILE: '/nonexistent/config', AWS_EC2_METADATA_DISABLED: 'true', AWS_MAX_ATTEMPTS: '1', AWS_SECRET_ACCESS_KEY: 'not-a-real-key', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials'})
  })
  afterEach(() => {
    process.env = saved
  })

  it.each(COMMANDS.map((c) => [c.join(' '), c] as const))('%s: exit 2 with what to do', async (_label, args) => {
    const run = await bwops([...args, '--region', 'us-east-1', '--endpoint-url', endpoint.url])
    expect(run.exitCode).toBe(2)
    const said = run.stderr.replace(/\s*\n\s*›\s*/g, ' ')
    for (const pattern of expected) expect(said).toMatch(pattern)
    expect(said).not.toMatch(/bug in bwops|failed unexpectedly|\n\s+at /)
    expect(said).not.toContain('not-a-real-key')
  })
})

describe('asAwsCallError', () => {
  it.each([
    ['an SDK service error', Object.assign(new Error('Rate exceeded'), {$metadata: {attempts: 3, httpStatusCode: 400}, name: 'ThrottlingException'}), 'throttled'],
    ['a credentials provider error', Object.assign(new Error('Could not load credentials from any providers'), {name: 'CredentialsProviderError'}), 'credentials'],
    ['an AwsCallError', new AwsCallError('logs:GetLogEvents', 'AccessDeniedException', 'User: arn:aws:sts::1:assumed-role/r/s is not authorized'), 'denied'],
  ])('%s is an AWS error of kind %s', (_name, error, kind) => {
    expect(asAwsCallError(error)?.kind).toBe(kind)
  })

  it('a plain error is not AWS\'s', () => {
    expect(asAwsCallError(new TypeError('x is undefined'))).toBeUndefined()
  })

  it('a denial names the identity AWS named', () => {
    expect(new AwsCallError('logs:GetLogEvents', 'AccessDeniedException', 'User: arn:aws:sts::111122223333:assumed-role/oncall/alice is not authorized to perform: logs:GetLogEvents').message)
      .toBe('AccessDeniedException calling logs:GetLogEvents: grant logs:GetLogEvents to arn:aws:sts::111122223333:assumed-role/oncall/alice')
  })
})
