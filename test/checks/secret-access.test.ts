import {describe, expect, test} from 'vitest'

import check from '../../src/checks/secret-access.js'
import type {SecretAccessFact} from '../../src/facts/live-types.js'
import type {FactMap} from '../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:benchling-AbCdEf'
const secret = (status: SecretAccessFact['status'], over: Partial<SecretAccessFact> = {}): SecretAccessFact => ({id: 'benchling-webhook', status, ...over})
const run = (facts: Partial<FactMap>) => check.run(facts as never, profile)

describe('secret-access', () => {
  test.each<{name: string; facts: Partial<FactMap>; expected: string[]}>([
    {expected: [], facts: {secretAccess: secret('readable', {arn: ARN})}, name: 'readable'},
    {expected: ['error | The Benchling secret benchling-webhook was not found in us-east-2'], facts: {deployment: {region: 'us-east-2'}, secretAccess: secret('not-found', {error: 'ResourceNotFoundException'})}, name: 'not found, region from the target'},
    {expected: [`error | The Benchling secret ${ARN} was not found in eu-west-1`], facts: {deployment: {region: 'us-east-2'}, secretAccess: {id: ARN, status: 'not-found'}}, name: 'not found, region from the ARN'},
    {
      expected: ['warning | Access denied to the Benchling secret for arn:aws:sts::123456789012:assumed-role/Ops/me'],
      facts: {callerIdentity: {account: '123456789012', arn: 'arn:aws:sts::123456789012:assumed-role/Ops/me'}, secretAccess: secret('access-denied', {error: 'AccessDeniedException'})},
      name: 'access denied names the caller',
    },
    {expected: ['error | The Benchling secret benchling-webhook is scheduled for deletion'], facts: {secretAccess: secret('marked-for-deletion', {arn: ARN})}, name: 'marked for deletion'},
    {expected: ['error | The Benchling secret benchling-webhook is binary, not a string'], facts: {secretAccess: secret('not-string')}, name: 'binary secret'},
    {expected: ['warning | Could not read the Benchling secret benchling-webhook'], facts: {secretAccess: secret('error', {error: 'ThrottlingException'})}, name: 'other error'},
  ])('$name', ({expected, facts}) => {
    expect(run(facts).map((f) => `${f.severity} | ${f.title}`)).toEqual(expected)
  })

  test('access denied names the action, the task role and the KMS key', () => {
    const [f] = run({
      callerIdentity: {account: '1', arn: 'arn:aws:sts::1:assumed-role/Ops/me'},
      roles: {task: {arn: 'arn:aws:iam::1:role/BenchlingTaskRole', inlinePolicies: [], kind: 'task', managedPolicies: []}},
      secretAccess: secret('access-denied', {arn: ARN, kmsKeyId: 'alias/bench'}),
    })
    expect(f?.detail).toContain('secretsmanager:GetSecretValue and kms:Decrypt on its key alias/bench')
    expect(f?.detail).toContain('arn:aws:iam::1:role/BenchlingTaskRole')
    expect(f?.evidence).toEqual([`secret ${ARN}: access-denied`])
  })

  test('marked for deletion says how to restore', () => {
    const [f] = run({secretAccess: secret('marked-for-deletion', {arn: ARN})})
    expect(f?.fix).toBe(`Restore it: \`aws secretsmanager restore-secret --secret-id ${ARN} --region eu-west-1\`.`)
  })
})
