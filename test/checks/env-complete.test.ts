import {describe, expect, test} from 'vitest'

import envComplete from '../../src/checks/env-complete.js'
import type {Finding, FindingInput} from '../../src/checks/types.js'
import type {ContainerDefinition, DeploymentContext, Mode, TaskDefinition} from '../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const CLIENT_SECRET = 'sup3r-s3cret-client-value'
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:benchling-AbC123'
const STACK_ARN = 'arn:aws:cloudformation:us-east-1:123456789012:stack/quilt/0f1e2d3c-1111-2222'
const HERE: DeploymentContext = {account: '123456789012', region: 'us-east-1'}

const LEGACY: Record<string, string> = {
  BENCHLING_TENANT: 'quilt-dtt',
  LOG_LEVEL: 'INFO',
  QUEUE_ARN: 'arn:aws:sqs:us-east-1:123456789012:quilt-packager',
  QUILT_CATALOG: 'nightly.quilttest.com',
  QUILT_DATABASE: 'quilt_db',
  QUILT_USER_BUCKET: 'quilt-user-bucket',
}
const LEGACY_SECRETS = {
  BENCHLING_APP_DEFINITION_ID: `${SECRET_ARN}:app_definition_id::`,
  BENCHLING_CLIENT_ID: `${SECRET_ARN}:client_id::`,
  BENCHLING_CLIENT_SECRET: `${SECRET_ARN}:client_secret::`,
}
const SECRETS_ONLY: Record<string, string> = {BenchlingSecret: 'benchling-webhook', QuiltStackARN: STACK_ARN}

function container(env: Record<string, string | undefined>, secrets: Record<string, string> = {}, name = 'BenchlingWebhookContainer'): ContainerDefinition {
  return {
    environment: Object.entries(env).flatMap(([n, value]) => (value === undefined ? [] : [{name: n, value}])),
    essential: true,
    name,
    portMappings: [{containerPort: 5000}],
    secrets: Object.entries(secrets).map(([n, valueFrom]) => ({name: n, valueFrom})),
  }
}

function run(containers: ContainerDefinition[], mode: Mode, deployment?: DeploymentContext): FindingInput[] {
  const taskDefinition: TaskDefinition = {containers, family: 'benchling-webhook-task'}
  return envComplete.run({deployment, mode: {inferred: true, value: mode, why: 'test'}, taskDefinition} as never, profile)
}

type Expected = [Finding['severity'], Finding['impact'], RegExp]

function expectFindings(findings: FindingInput[], expected: Expected[]): void {
  const seen = findings.map((f) => `${f.severity}/${f.impact}: ${f.title}`)
  expect(findings, seen.join('\n')).toHaveLength(expected.length)
  for (const [severity, impact, title] of expected) {
    expect(findings.some((f) => f.severity === severity && f.impact === impact && title.test(f.title)), `${severity}/${impact} ${title} in\n${seen.join('\n')}`).toBe(true)
  }

  expect(JSON.stringify(findings)).not.toContain(CLIENT_SECRET)
  for (const f of findings) expect(f.fix.length).toBeGreaterThan(0)
}

describe('env-complete', () => {
  test.each<[string, Mode, Record<string, string | undefined>, Record<string, string>, DeploymentContext | undefined, Expected[]]>([
    ['legacy, complete', 'legacy', LEGACY, LEGACY_SECRETS, HERE, []],
    ['secrets-only, complete', 'secrets-only', SECRETS_ONLY, {}, HERE, []],
    ['secrets-only, secret by ARN', 'secrets-only', {...SECRETS_ONLY, BenchlingSecret: SECRET_ARN}, {}, HERE, []],
    ['legacy, client secret in plain env (another check\'s business)', 'legacy', LEGACY, {...LEGACY_SECRETS, BENCHLING_CLIENT_SECRET: undefined as never}, HERE, []],
    ['legacy, missing two', 'legacy', {...LEGACY, QUEUE_ARN: undefined, QUILT_USER_BUCKET: undefined}, LEGACY_SECRETS, HERE, [['error', 'start', /lacks QUILT_USER_BUCKET, QUEUE_ARN, required in legacy mode/]]],
    ['legacy, QUILT_CATALOG and QUILT_DATABASE may be unset (v0.5.4 has a default, and does not require the database)', 'legacy', {...LEGACY, QUILT_CATALOG: undefined, QUILT_DATABASE: undefined}, LEGACY_SECRETS, HERE, []],
    ['legacy, empty value', 'legacy', {...LEGACY, QUILT_USER_BUCKET: '  '}, LEGACY_SECRETS, HERE, [['error', 'start', /lacks QUILT_USER_BUCKET/]]],
    ['legacy, no credentials at all', 'legacy', LEGACY, {}, HERE, [['error', 'start', /lacks BENCHLING_CLIENT_ID, BENCHLING_CLIENT_SECRET, BENCHLING_APP_DEFINITION_ID/]]],
    ['secrets-only, missing BenchlingSecret', 'secrets-only', {QuiltStackARN: STACK_ARN}, {}, HERE, [['error', 'start', /lacks BenchlingSecret, required in secrets-only mode/]]],
    ['catalog as URL', 'legacy', {...LEGACY, QUILT_CATALOG: 'https://nightly.quilttest.com/'}, LEGACY_SECRETS, HERE, [['error', 'runtime', /QUILT_CATALOG .* is a URL, not a host/]]],
    ['catalog not a host', 'legacy', {...LEGACY, QUILT_CATALOG: 'nightly quilt'}, LEGACY_SECRETS, HERE, [['error', 'runtime', /QUILT_CATALOG .* is not a host name/]]],
    ['bucket as s3 URL', 'legacy', {...LEGACY, QUILT_USER_BUCKET: 's3://quilt-user-bucket/data'}, LEGACY_SECRETS, HERE, [['error', 'runtime', /s3:\/\/ URL, not a bucket name/]]],
    ['bucket as ARN', 'legacy', {...LEGACY, QUILT_USER_BUCKET: 'arn:aws:s3:::quilt-user-bucket'}, LEGACY_SECRETS, HERE, [['error', 'runtime', /bucket ARN, not a bucket name/]]],
    ['bucket with capitals', 'legacy', {...LEGACY, QUILT_USER_BUCKET: 'Quilt_Bucket'}, LEGACY_SECRETS, HERE, [['error', 'runtime', /not a valid bucket name/]]],
    ['queue as URL', 'legacy', {...LEGACY, QUEUE_ARN: 'https://sqs.us-east-1.amazonaws.com/123456789012/quilt-packager'}, LEGACY_SECRETS, HERE, [['error', 'runtime', /queue URL, not a queue ARN/]]],
    ['queue not an ARN', 'legacy', {...LEGACY, QUEUE_ARN: 'quilt-packager'}, LEGACY_SECRETS, HERE, [['error', 'runtime', /not an SQS queue ARN/]]],
    ['tenant as URL', 'legacy', {...LEGACY, BENCHLING_TENANT: 'https://quilt-dtt.benchling.com'}, LEGACY_SECRETS, HERE, [['error', 'runtime', /BENCHLING_TENANT .* is a URL, not a tenant name/]]],
    ['tenant as domain', 'legacy', {...LEGACY, BENCHLING_TENANT: 'quilt-dtt.benchling.com'}, LEGACY_SECRETS, HERE, [['error', 'runtime', /is a domain, not a tenant name/]]],
    ['log level unknown', 'legacy', {...LEGACY, LOG_LEVEL: 'VERBOSE'}, LEGACY_SECRETS, HERE, [['error', 'start', /LOG_LEVEL .* is not a log level/]]],
    ['log level lower case', 'legacy', {...LEGACY, LOG_LEVEL: 'debug'}, LEGACY_SECRETS, HERE, [['warning', 'hygiene', /LOG_LEVEL .* lower case/]]],
    ['boolean not a boolean', 'legacy', {...LEGACY, ENABLE_WEBHOOK_VERIFICATION: 'yes'}, LEGACY_SECRETS, HERE, [['error', 'runtime', /ENABLE_WEBHOOK_VERIFICATION .* not true or false/]]],
    ['boolean fine', 'legacy', {...LEGACY, ENABLE_WEBHOOK_VERIFICATION: 'False'}, LEGACY_SECRETS, HERE, []],
    ['port not numeric', 'legacy', {...LEGACY, PORT: 'http'}, LEGACY_SECRETS, HERE, [['error', 'start', /PORT .* not a port number/]]],
    ['port fine', 'legacy', {...LEGACY, PORT: '5000'}, LEGACY_SECRETS, HERE, []],
    ['padded value', 'legacy', {...LEGACY, QUILT_CATALOG: 'nightly.quilttest.com '}, LEGACY_SECRETS, HERE, [['warning', 'runtime', /QUILT_CATALOG .* white space/]]],
    ['stack name for ARN', 'secrets-only', {...SECRETS_ONLY, QuiltStackARN: 'quilt'}, {}, HERE, [['error', 'start', /QuiltStackARN .* is a stack name, not a stack ARN/]]],
    ['secret id with a JSON key', 'secrets-only', {...SECRETS_ONLY, BenchlingSecret: `${SECRET_ARN}:client_id::`}, {}, HERE, [['error', 'start', /BenchlingSecret .* carries a JSON key/]]],
    ['secret id not a name', 'secrets-only', {...SECRETS_ONLY, BenchlingSecret: 'my secret'}, {}, HERE, [['error', 'start', /neither a secret name nor a secret ARN/]]],
    ['stack in another account', 'secrets-only', {...SECRETS_ONLY, QuiltStackARN: STACK_ARN.replace('123456789012', '999999999999')}, {}, HERE, [['error', 'start', /stack in another account/]]],
    ['stack in another region', 'secrets-only', {...SECRETS_ONLY, QuiltStackARN: STACK_ARN.replace('us-east-1', 'us-west-2')}, {}, HERE, [['warning', 'runtime', /stack in another region/]]],
    ['secret outside the stack region', 'secrets-only', {...SECRETS_ONLY, BenchlingSecret: SECRET_ARN.replace('us-east-1', 'eu-west-1')}, {}, HERE, [['error', 'start', /secret in eu-west-1, but the app reads it in us-east-1/]]],
    ['secret in another account', 'secrets-only', {...SECRETS_ONLY, BenchlingSecret: SECRET_ARN.replace('123456789012', '999999999999')}, {}, HERE, [['warning', 'start', /secret in another account/]]],
    ['queue in another account', 'legacy', {...LEGACY, QUEUE_ARN: 'arn:aws:sqs:us-east-1:999999999999:quilt-packager'}, LEGACY_SECRETS, HERE, [['warning', 'runtime', /queue in another account 999999999999/]]],
    ['no deployment context: no comparison', 'secrets-only', {...SECRETS_ONLY, QuiltStackARN: STACK_ARN.replace('123456789012', '999999999999')}, {}, undefined, []],
    ['deploy-time values are not judged', 'secrets-only', {BenchlingSecret: '{{Ref:BenchlingSecret}}', QuiltStackARN: '{{Ref:QuiltStackARN}}'}, {}, HERE, [['info', 'hygiene', /2 variables .* known only at deploy time/]]],
    ['PACKAGE_PREFIX alone', 'legacy', {...LEGACY, PACKAGE_PREFIX: 'lab'}, LEGACY_SECRETS, HERE, [['warning', 'runtime', /PACKAGE_PREFIX .* is ignored: the app reads PKG_PREFIX/]]],
    ['PACKAGE_PREFIX beside PKG_PREFIX', 'legacy', {...LEGACY, PACKAGE_PREFIX: 'lab', PKG_PREFIX: 'lab'}, LEGACY_SECRETS, HERE, [['warning', 'hygiene', /PACKAGE_PREFIX .* old name/]]],
    ['misspelt required name', 'legacy', {...LEGACY, QUILT_USER_BUCKET: undefined, QUILT_USER_BUCKT: 'quilt-user-bucket'}, LEGACY_SECRETS, HERE, [['error', 'start', /lacks QUILT_USER_BUCKET/], ['warning', 'start', /QUILT_USER_BUCKT .* misspelling of QUILT_USER_BUCKET/]]],
    ['name in the wrong case', 'secrets-only', {BenchlingSecret: 'benchling-webhook', Quiltstackarn: STACK_ARN}, {}, HERE, [['error', 'start', /lacks QuiltStackARN/], ['warning', 'start', /Quiltstackarn .* misspelling of QuiltStackARN/]]],
    ['misspelt optional name', 'legacy', {...LEGACY, LOGLEVEL: 'INFO'}, LEGACY_SECRETS, HERE, [['warning', 'runtime', /LOGLEVEL .* misspelling of LOG_LEVEL/]]],
    ['unrelated extra names are fine', 'legacy', {...LEGACY, HOST: '0.0.0.0', PYTHONUNBUFFERED: '1'}, LEGACY_SECRETS, HERE, []],
    ['both modes: secrets-only wins', 'secrets-only', {...SECRETS_ONLY, QUILT_CATALOG: 'nightly.quilttest.com', QUILT_DATABASE: 'quilt_db'}, {}, HERE, [['warning', 'runtime', /sets variables of both modes; the app will run in secrets-only mode/]]],
    ['judged as secrets-only, set up for legacy', 'secrets-only', LEGACY, LEGACY_SECRETS, HERE, [['warning', 'runtime', /is set up for legacy mode, not secrets-only/]]],
    ['judged as legacy, set up for secrets-only', 'legacy', SECRETS_ONLY, {}, HERE, [['warning', 'runtime', /is set up for secrets-only mode, not legacy/]]],
    ['both modes: half secrets-only means legacy', 'legacy', {...LEGACY, QuiltStackARN: STACK_ARN}, LEGACY_SECRETS, HERE, [['warning', 'runtime', /both modes; the app will run in legacy mode/]]],
  ])('%s', (_name, mode, env, secrets, deployment, expected) => {
    const clean = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== undefined))
    const plain = secrets.BENCHLING_CLIENT_SECRET === undefined && mode === 'legacy' && 'BENCHLING_CLIENT_ID' in secrets ? {...env, BENCHLING_CLIENT_SECRET: CLIENT_SECRET} : env
    expectFindings(run([container(plain, clean)], mode, deployment), expected)
  })

  test('credentials in plain environment are never echoed, however they look', () => {
    const env = {...LEGACY, BENCHLING_CLIENT_ID: 'client-1', BENCHLING_CLIENT_SECRET: ` ${CLIENT_SECRET} `}
    const findings = run([container(env, {BENCHLING_APP_DEFINITION_ID: LEGACY_SECRETS.BENCHLING_APP_DEFINITION_ID})], 'legacy', HERE)
    expectFindings(findings, [])
  })

  test('deploy-time values: the info finding says what each waits on', () => {
    const findings = run([container({BenchlingSecret: '{{Ref:BenchlingSecret}}', QuiltStackARN: 'arn:aws:cloudformation:{{Ref:AWS::Region}}:{{Ref:AWS::AccountId}}:stack/quilt/x'})], 'secrets-only', HERE)
    expect(findings.map((f) => f.evidence)).toEqual([
      [
        'container BenchlingWebhookContainer: BenchlingSecret waits on Ref BenchlingSecret',
        'container BenchlingWebhookContainer: QuiltStackARN waits on Ref AWS::Region, Ref AWS::AccountId',
      ],
    ])
  })

  test('judges the container the profile names, not a sidecar listed first', () => {
    const sidecar = container({QUILT_CATALOG: 'https://wrong.example.com'}, {}, 'log-router')
    expectFindings(run([sidecar, container(LEGACY, LEGACY_SECRETS)], 'legacy', HERE), [])
  })

  test('falls back to the first essential container', () => {
    const sidecar = {...container({}, {}, 'init'), essential: false}
    expectFindings(run([sidecar, container({...LEGACY, QUILT_USER_BUCKET: undefined}, LEGACY_SECRETS, 'app')], 'legacy', HERE), [['error', 'start', /container app lacks QUILT_USER_BUCKET/]])
  })

  test('the missing-variable finding quotes what the app logs and says how to fix it', () => {
    const [finding] = run([container({...LEGACY, QUILT_USER_BUCKET: undefined}, LEGACY_SECRETS)], 'legacy', HERE)
    expect(finding?.detail).toContain('Missing required configuration: QUILT_USER_BUCKET')
    expect(finding?.fix).toContain('QUILT_USER_BUCKET (the Quilt user bucket')
    expect(finding?.evidence).toEqual(['container BenchlingWebhookContainer: QUILT_USER_BUCKET is not set'])
  })

  test.each([
    ['QUILT_CATALOG', 'https://nightly.quilttest.com/', '"nightly.quilttest.com"'],
    ['QUILT_USER_BUCKET', 's3://quilt-user-bucket/data', '"quilt-user-bucket"'],
    ['BENCHLING_TENANT', 'https://quilt-dtt.benchling.com', '"quilt-dtt"'],
    ['QUEUE_ARN', 'https://sqs.us-east-1.amazonaws.com/123456789012/quilt-packager', '"arn:aws:sqs:us-east-1:123456789012:quilt-packager"'],
  ])('the fix for %s names the value to use', (name, value, use) => {
    const [finding] = run([container({...LEGACY, [name]: value}, LEGACY_SECRETS)], 'legacy', HERE)
    expect(finding?.fix).toContain(use)
  })

  test('PACKAGE_PREFIX without PKG_PREFIX says the default is used', () => {
    const [finding] = run([container({...LEGACY, PACKAGE_PREFIX: 'lab'}, LEGACY_SECRETS)], 'legacy', HERE)
    expect(finding?.detail).toContain('silently uses the default "benchling"')
    expect(finding?.fix).toContain('Rename PACKAGE_PREFIX to PKG_PREFIX')
  })

  test('mixed modes: says which variables the app ignores', () => {
    const [finding] = run([container({...SECRETS_ONLY, QUILT_CATALOG: 'nightly.quilttest.com'})], 'legacy', HERE)
    expect(finding?.detail).toContain('ignore QUILT_CATALOG')
    expect(finding?.detail).toContain('bwops judged this deployment as legacy mode')
  })
})
