import {describe, expect, it} from 'vitest'

import check from '../../src/checks/plaintext-credentials.js'
import type {TaskDefinition} from '../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const td = (environment: Record<string, string>): TaskDefinition => ({
  containers: [
    {environment: Object.entries(environment).map(([name, value]) => ({name, value})), name: 'BenchlingWebhookContainer', portMappings: [], secrets: []},
  ],
})

const run = (env: Record<string, string>) => check.run({taskDefinition: td(env)} as never, profile)

describe('plaintext-credentials', () => {
  it.each([
    ['a sound legacy environment', {BENCHLING_TENANT: 'quilt-dtt', QUEUE_ARN: 'arn:aws:sqs:us-east-1:123456789012:q', QUILT_CATALOG: 'a.b.com'}],
    ['a secrets-only environment (BenchlingSecret is a reference)', {BenchlingSecret: 'benchling-webhook-secret', QuiltStackARN: 'arn:aws:cloudformation:us-east-1:123456789012:stack/q/1'}],
    ['BenchlingSecret as an ARN', {BenchlingSecret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bw-AbCdEf'}],
    ['BENCHLING_SECRETS as a secret ARN', {BENCHLING_SECRETS: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bw-AbCdEf'}],
    ['an empty client secret (env-complete reports it)', {BENCHLING_CLIENT_SECRET: ''}],
    ['a token name holding a parameter reference', {API_TOKEN_PARAM: 'arn:aws:ssm:us-east-1:123456789012:parameter/token'}],
    ['a deploy-time reference to a secret ARN', {MY_SECRET_ARN: '{{Ref:SecretArn}}'}],
  ])('passes %s', (_name, env) => {
    expect(run(env)).toEqual([])
  })

  it.each([
    ['the client secret in plain text', {BENCHLING_CLIENT_SECRET: 'PLANTED-s3cr3t-value'}, 'BENCHLING_CLIENT_SECRET', /holds a credential/],
    ['an AWS access key id under any name', {SOME_ID: 'AKIAABCDEFGHIJKLMNOP'}, 'SOME_ID', /AWS access key id/],
    ['an AWS secret key by name', {AWS_SECRET_ACCESS_KEY: 'PLANTED/abcdefghijklmnopqrstuvwxyz0123456789'}, 'AWS_SECRET_ACCESS_KEY', /name says it holds a credential/],
    ['inline secret JSON', {BENCHLING_SECRETS: '{"client_id": "x", "client_secret": "PLANTED"}'}, 'BENCHLING_SECRETS', /JSON holding a client_secret/],
    ['a private key', {TLS_KEY: '-----BEGIN RSA PRIVATE KEY-----\nPLANTED\n-----END RSA PRIVATE KEY-----'}, 'TLS_KEY', /private key/],
    ['a password by name', {DB_PASSWORD: 'PLANTED-pw'}, 'DB_PASSWORD', /name says/],
    ['a URL with a password, under any name', {DATABASE_URL: 'postgres://webhook:PLANTED-pw@db.internal:5432/quilt'}, 'DATABASE_URL', /a URL with a password in it/],
    ['a catalog URL with a password', {QUILT_CATALOG: 'https://admin:PLANTED@nightly.quilttest.com'}, 'QUILT_CATALOG', /a URL with a password in it/],
    ['a client secret from a NoEcho parameter, still plain text', {BENCHLING_CLIENT_SECRET: '{{Ref:ClientSecret}}'}, 'BENCHLING_CLIENT_SECRET', /holds a credential/],
  ])('fails %s, naming the variable and never the value', (_name, env, variable, why) => {
    const findings = run(env)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({impact: 'hygiene', severity: 'error'})
    expect(findings[0]!.title).toContain(variable)
    expect(findings[0]!.detail).toMatch(why)
    expect(JSON.stringify(findings)).not.toContain('PLANTED')
  })
})

describe('plaintext-credentials fixes', () => {
  it.each([
    ['BENCHLING_CLIENT_SECRET', 'PLANTED-s3cr3t-value', ':secret:<name>:client_secret::"'],
    // BENCHLING_SECRETS holds the whole secret: a JSON key suffix would make ECS look for a key
    // "secrets" and stop the task ("did not contain json key secrets")
    ['BENCHLING_SECRETS', '{"client_id": "x", "client_secret": "PLANTED"}', ':secret:<name>"'],
  ])('%s: the valueFrom the fix proposes', (name, value, ending) => {
    const [finding] = run({[name]: value})
    expect(finding?.fix).toContain(ending)
  })
})
