import {describe, expect, it} from 'vitest'

import type {DeployOptions} from '../../src/deploy/options.js'
import {checkDeployInput} from '../../src/deploy/validate-input.js'
import {UserError} from '../../src/errors.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const base: DeployOptions = {dryRun: false, force: false, legacy: {}, pollSeconds: 5, stackName: 'S', timeoutSeconds: 600, yes: false}
const STACK = 'arn:aws:cloudformation:us-east-1:123456789012:stack/quilt/0f0e-11'
const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:benchling-AbCdEf'

describe('deploy identifiers are checked before any AWS call', () => {
  it.each<[string, Partial<DeployOptions>]>([
    ['a stack ARN and a secret name', {benchlingSecret: 'benchling-webhook', quiltStackArn: STACK}],
    ['a stack ARN and a secret ARN', {benchlingSecret: SECRET, quiltStackArn: STACK}],
    ['a partial secret ARN (no suffix)', {benchlingSecret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:benchling', quiltStackArn: STACK}],
    ['a legacy queue ARN and a client secret by name', {clientSecret: {id: 'client/secret', kind: 'reference'}, legacy: {queueArn: 'arn:aws:sqs:us-east-1:123456789012:q'}}],
    ['VPC and subnet ids, short and long', {subnetIds: ['subnet-0123abcd', 'subnet-0123456789abcdef0'], vpcId: 'vpc-0123456789abcdef0'}],
    ['a catalog URL (a value preflight judges, and --force may override)', {legacy: {catalog: 'https://x.example.com'}}],
  ])('accepts %s', (_name, extra) => {
    expect(() => checkDeployInput({...base, ...extra}, profile)).not.toThrow()
  })

  it.each<[string, Partial<DeployOptions>, RegExp]>([
    ['a stack name', {quiltStackArn: 'quilt'}, /^--quilt-stack-arn "quilt" is a stack name, not a stack ARN; expected arn:aws:cloudformation/],
    ['a bucket ARN for the stack', {quiltStackArn: 'arn:aws:s3:::bucket'}, /is an ARN of s3, not a CloudFormation stack ARN/],
    ['a stack ARN without its id', {quiltStackArn: 'arn:aws:cloudformation:us-east-1:123456789012:stack/quilt'}, /is not a CloudFormation stack ARN/],
    ['an SSM parameter ARN for the secret', {benchlingSecret: 'arn:aws:ssm:us-east-1:123456789012:parameter/x'}, /--benchling-secret .* is an ARN of ssm, not a Secrets Manager secret/],
    ['a secret ARN with a JSON key', {benchlingSecret: `${SECRET}:client_id::`}, /carries a JSON key or version[\s\S]*use arn:aws:secretsmanager:us-east-1:123456789012:secret:benchling-AbCdEf/],
    ['a secret name with spaces', {benchlingSecret: 'my secret'}, /is neither a secret name nor a secret ARN/],
    ['a client secret id of another service', {clientSecret: {id: 'arn:aws:kms:us-east-1:123456789012:key/1', kind: 'reference'}}, /--client-secret-id .* is an ARN of kms/],
    ['a queue URL', {legacy: {queueArn: 'https://sqs.us-east-1.amazonaws.com/123456789012/q'}}, /is a queue URL, not a queue ARN; use arn:aws:sqs:us-east-1:123456789012:q/],
    ['a queue name', {legacy: {queueArn: 'q'}}, /--queue-arn "q" is not an SQS queue ARN/],
    ['a VPC id without its prefix', {vpcId: '0123abcd'}, /--vpc-id "0123abcd" is not a VPC id/],
    ['a subnet id of the wrong length', {subnetIds: ['subnet-123']}, /"subnet-123" is not a subnet id/],
  ])('refuses %s with exit 2', (_name, extra, message) => {
    let error: unknown
    try {
      checkDeployInput({...base, ...extra}, profile)
    } catch (caught) {
      error = caught
    }

    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).exitCode).toBe(2)
    expect((error as UserError).message).toMatch(message)
  })

  it('names every malformed value at once', () => {
    expect(() => checkDeployInput({...base, benchlingSecret: 'arn:aws:s3:::b', quiltStackArn: 'q'}, profile)).toThrow(/These values are malformed:\n {2}- --quilt-stack-arn[\s\S]*\n {2}- --benchling-secret/)
  })
})
