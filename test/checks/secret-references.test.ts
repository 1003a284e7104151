import {describe, expect, test} from 'vitest'

import secretReferences from '../../src/checks/secret-references.js'
import type {Finding, FindingInput} from '../../src/checks/types.js'
import {describeSecretString} from '../../src/facts/secret-shape.js'
import type {ContainerDefinition, DeploymentContext, SecretFact} from '../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const CLIENT_SECRET = 'Zq8-very-secret-client-value'
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:benchling-AbC123'
const OTHER = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:other-XyZ789'
const HERE: DeploymentContext = {account: '123456789012', region: 'us-east-1'}
const ALL_KEYS = {app_definition_id: 'appdef_wqFfaXBVMu', client_id: 'wqFfVOhbYe', client_secret: CLIENT_SECRET, tenant: 'quilt-dtt'}
const {app_definition_id: _, ...WITHOUT_APPDEF} = ALL_KEYS

const legacyRefs = (arn = ARN) => ({
  BENCHLING_APP_DEFINITION_ID: `${arn}:app_definition_id::`,
  BENCHLING_CLIENT_ID: `${arn}:client_id::`,
  BENCHLING_CLIENT_SECRET: `${arn}:client_secret::`,
})

function secret(json: unknown, ids: Partial<Pick<SecretFact, 'arn' | 'id' | 'name'>> = {}): SecretFact {
  return {content: describeSecretString(typeof json === 'string' ? json : JSON.stringify(json)), ...ids}
}

function container(secrets: Record<string, string>, name = 'BenchlingWebhookContainer'): ContainerDefinition {
  return {environment: [], name, portMappings: [], secrets: Object.entries(secrets).map(([n, valueFrom]) => ({name: n, valueFrom}))}
}

function run(containers: ContainerDefinition[], benchlingSecret: SecretFact | undefined, deployment: DeploymentContext | undefined): FindingInput[] {
  return secretReferences.run({benchlingSecret, deployment, taskDefinition: {containers}} as never, profile)
}

type Expected = [Finding['severity'], Finding['impact'], RegExp]

describe('secret-references', () => {
  test.each<[string, Record<string, string>, SecretFact | undefined, DeploymentContext | undefined, Expected[]]>([
    ['every key present, secret known by ARN', legacyRefs(), secret(ALL_KEYS, {arn: ARN}), HERE, []],
    ['every key present, secret from a file', legacyRefs(), secret(ALL_KEYS), HERE, []],
    ['whole secret, no JSON key', {BENCHLING_SECRETS: ARN}, secret(ALL_KEYS, {arn: ARN}), HERE, []],
    ['SSM parameter by name and by ARN', {A: '/benchling/a', B: 'arn:aws:ssm:us-east-1:123456789012:parameter/benchling/b'}, undefined, HERE, []],
    ['the real failure: app_definition_id missing (secret known by ARN)', legacyRefs(), secret(WITHOUT_APPDEF, {arn: ARN}), HERE, [['error', 'start', /BENCHLING_APP_DEFINITION_ID in container BenchlingWebhookContainer references JSON key app_definition_id, which the secret lacks/]]],
    ['the real failure, secret from a file', legacyRefs(), secret(WITHOUT_APPDEF), HERE, [['error', 'start', /references JSON key app_definition_id, which the secret lacks/]]],
    ['the real failure, secret known by name', legacyRefs(), secret(WITHOUT_APPDEF, {name: 'benchling'}), HERE, [['error', 'start', /references JSON key app_definition_id/]]],
    ['the real failure, partial ARN reference', legacyRefs('arn:aws:secretsmanager:us-east-1:123456789012:secret:benchling'), secret(WITHOUT_APPDEF, {arn: ARN}), HERE, [['error', 'start', /BENCHLING_APP_DEFINITION_ID .* references JSON key app_definition_id/], ['warning', 'hygiene', /BENCHLING_APP_DEFINITION_ID .* partial secret ARN/], ['warning', 'hygiene', /BENCHLING_CLIENT_ID .* partial/], ['warning', 'hygiene', /BENCHLING_CLIENT_SECRET .* partial/]]],
    ['the real failure through a deploy-time token', legacyRefs('{{Ref:BenchlingSecret}}'), secret(WITHOUT_APPDEF, {id: '{{Ref:BenchlingSecret}}'}), HERE, [['error', 'start', /references JSON key app_definition_id/]]],
    ['a secret file, references to two secrets: not judged', {A: `${ARN}:client_id::`, B: `${OTHER}:app_definition_id::`}, secret(WITHOUT_APPDEF), HERE, [['info', 'hygiene', /2 JSON key references were not checked/]]],
    ['references to another secret: not judged', {B: `${OTHER}:app_definition_id::`}, secret(WITHOUT_APPDEF, {arn: ARN}), HERE, [['info', 'hygiene', /1 JSON key reference was not checked/]]],
    ['no secret known', legacyRefs(), undefined, HERE, [['info', 'hygiene', /3 JSON key references were not checked/]]],
    ['secret not JSON', legacyRefs(), secret('plain text', {arn: ARN}), HERE, [['error', 'start', /BENCHLING_APP_DEFINITION_ID .* secret is not a JSON object/], ['error', 'start', /BENCHLING_CLIENT_ID .* not a JSON object/], ['error', 'start', /BENCHLING_CLIENT_SECRET .* not a JSON object/]]],
    ['secret a JSON array', {BENCHLING_CLIENT_ID: `${ARN}:client_id::`}, secret([1, 2], {arn: ARN}), HERE, [['error', 'start', /references JSON key client_id, but the secret is not a JSON object/]]],
    ['JSON key after a secret name', {BENCHLING_CLIENT_ID: 'benchling:client_id::'}, undefined, HERE, [['error', 'start', /JSON key after a secret name; ECS needs the secret's full ARN/]]],
    ['the Benchling secret by name is read from Parameter Store', {BENCHLING_SECRETS: 'benchling'}, secret(ALL_KEYS, {name: 'benchling'}), HERE, [['error', 'start', /read as an SSM parameter/]]],
    ['not a reference at all', {X: 'arn:aws:s3:::bucket'}, undefined, HERE, [['error', 'start', /X in container .*: valueFrom is not a reference ECS can read/]]],
    ['JSON key without its two colons', {X: `${ARN}:client_id`}, undefined, HERE, [['error', 'start', /not a reference ECS can read/]]],
    ['secret in another region', {X: ARN.replace('us-east-1', 'eu-west-1')}, undefined, HERE, [['error', 'start', /the secret is in eu-west-1, the service in us-east-1/]]],
    ['secret in another account', {X: ARN.replace('123456789012', '999999999999')}, undefined, HERE, [['warning', 'start', /the secret is in another account \(999999999999\)/]]],
    ['no deployment context: no comparison', {X: ARN.replace('us-east-1', 'eu-west-1')}, undefined, undefined, []],
    ['region known only at deploy time', {X: 'arn:aws:secretsmanager:{{Ref:AWS::Region}}:123456789012:secret:benchling-AbC123'}, undefined, HERE, []],
  ])('%s', (_name, refs, benchlingSecret, deployment, expected) => {
    const findings = run([container(refs)], benchlingSecret, deployment)
    const seen = findings.map((f) => `${f.severity}/${f.impact}: ${f.title}`)
    expect(findings, seen.join('\n')).toHaveLength(expected.length)
    for (const [severity, impact, title] of expected) {
      expect(findings.some((f) => f.severity === severity && f.impact === impact && title.test(f.title)), `${title} in\n${seen.join('\n')}`).toBe(true)
    }

    const text = JSON.stringify(findings)
    for (const value of Object.values(ALL_KEYS)) if (value !== 'quilt-dtt') expect(text).not.toContain(value)
  })

  test('the real failure: quotes the ECS stop reason and gives the put-secret-value shape', () => {
    const [finding] = run([container(legacyRefs())], secret(WITHOUT_APPDEF, {arn: ARN}), HERE)
    expect(finding?.detail).toContain('retrieved secret from Secrets Manager did not contain json key app_definition_id')
    expect(finding?.fix).toContain(`aws secretsmanager put-secret-value --secret-id ${ARN} --secret-string file://secret.json`)
    expect(finding?.fix).toContain('add "app_definition_id"')
    expect(finding?.fix).toContain('--force-new-deployment')
    expect(finding?.evidence).toContain(`secret ${ARN} keys: client_id, client_secret, tenant`)
  })

  test('a key written differently is named in the fix', () => {
    const [finding] = run([container(legacyRefs())], secret({...WITHOUT_APPDEF, appDefinitionId: 'appdef_x'}, {arn: ARN}), HERE)
    expect(finding?.detail).toContain('The secret has appDefinitionId')
    expect(finding?.fix).toContain('rename "appDefinitionId" to "app_definition_id"')
  })

  test('every container is read, not only the webhook', () => {
    const findings = run([container({}), container({TOKEN: 'arn:aws:kms:us-east-1:123456789012:key/x'}, 'sidecar')], undefined, HERE)
    expect(findings.map((f) => f.title)).toEqual(['TOKEN in container sidecar: valueFrom is not a reference ECS can read'])
  })

  test('a name with a JSON key: the fix keeps the key', () => {
    const [finding] = run([container({BENCHLING_CLIENT_ID: 'benchling:client_id::'})], undefined, HERE)
    expect(finding?.fix).toContain('aws secretsmanager describe-secret --secret-id benchling --query ARN --output text')
    expect(finding?.fix).toContain('<that ARN>:client_id::')
  })
})
