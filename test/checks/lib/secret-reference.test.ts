import {describe, expect, test} from 'vitest'

import {parseSecretReference, referencesSecret, referenceTarget} from '../../../src/checks/lib/secret-reference.js'
import type {SecretFact} from '../../../src/facts/types.js'

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:benchling-AbC123'
const content: SecretFact['content'] = {keys: {}, kind: 'json-object'}

describe('parseSecretReference', () => {
  test.each([
    [ARN, {kind: 'secret-arn'}],
    [`${ARN}:client_id::`, {jsonKey: 'client_id', kind: 'secret-arn'}],
    [`${ARN}::AWSPREVIOUS:`, {kind: 'secret-arn', versionStage: 'AWSPREVIOUS'}],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/benchling/client-id', {kind: 'parameter', name: '/benchling/client-id', region: 'us-east-1'}],
    ['benchling-client-id', {kind: 'parameter', name: 'benchling-client-id'}],
    ['/benchling/client-id', {kind: 'parameter', name: '/benchling/client-id'}],
    ['benchling:client_id::', {jsonKey: 'client_id', kind: 'name-with-json-key', name: 'benchling'}],
    ['{{Ref:BenchlingSecret}}:client_id::', {base: '{{Ref:BenchlingSecret}}', jsonKey: 'client_id', kind: 'deploy-time'}],
    ['{{Ref:BenchlingSecret}}', {base: '{{Ref:BenchlingSecret}}', kind: 'deploy-time'}],
  ])('%s', (valueFrom, expected) => {
    expect(parseSecretReference(valueFrom)).toMatchObject(expected)
  })

  test.each([
    ['', /empty/],
    [`${ARN}:client_id`, /three/],
    [`${ARN}:client_id:AWSCURRENT:v1`, /both a version stage and a version id/],
    ['arn:aws:s3:::bucket', /ARN of s3/],
    ['arn:aws:secretsmanager:us-east-1:123456789012:benchling', /secret:<name>/],
    ['a:b', /neither an ARN nor a parameter name/],
    ['has space', /parameter name holds only/],
  ])('invalid: %j', (valueFrom, reason) => {
    const parsed = parseSecretReference(valueFrom)
    expect(parsed.kind).toBe('invalid')
    expect(parsed.kind === 'invalid' && parsed.reason).toMatch(reason)
  })
})

describe('referencesSecret', () => {
  const ref = (v: string) => parseSecretReference(v)
  test.each([
    ['full ARN vs ARN', `${ARN}:client_id::`, {arn: ARN, content}, true],
    ['partial ARN vs full ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:benchling', {arn: ARN, content}, true],
    ['ARN vs name only', `${ARN}:client_id::`, {content, name: 'benchling'}, true],
    ['ARN vs id that is a name', `${ARN}:client_id::`, {content, id: 'benchling'}, true],
    ['other secret by ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:other-XyZ789', {arn: ARN, content}, false],
    ['same name in another region', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:benchling-AbC123', {arn: ARN, content}, false],
    ['deploy-time token', '{{Ref:BenchlingSecret}}:tenant::', {content, id: '{{Ref:BenchlingSecret}}'}, true],
    ['parameter by the secret name', 'benchling', {content, name: 'benchling'}, true],
  ])('%s', (_name, valueFrom, secret, expected) => {
    expect(referencesSecret(ref(valueFrom), secret as SecretFact)).toBe(expected)
  })

  test('a full and a partial ARN of one secret share a target', () => {
    expect(referenceTarget(ref(`${ARN}:a::`))).toBe(referenceTarget(ref('arn:aws:secretsmanager:us-east-1:123456789012:secret:benchling:b::')))
  })
})
