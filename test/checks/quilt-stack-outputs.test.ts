import {describe, expect, test} from 'vitest'

import check from '../../src/checks/quilt-stack-outputs.js'
import type {QuiltStackFact} from '../../src/facts/live-types.js'
import type {Mode} from '../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const full = {BucketName: 'quilt-bucket', CatalogDomain: 'quilt.example.com', PackagerQueueArn: 'arn:aws:sqs:us-east-1:1:q', UserAthenaDatabaseName: 'userdb'}
const quilt = (outputs: Record<string, string>): QuiltStackFact => ({arn: 'arn:aws:cloudformation:us-east-1:1:stack/quilt/abc', name: 'quilt', outputs, status: 'UPDATE_COMPLETE'})
const run = (value: Mode, outputs: Record<string, string>) =>
  check.run({mode: {inferred: true, value, why: 'test'}, quiltStack: quilt(outputs)} as never, profile).map((f) => `${f.severity} | ${f.title}`)

describe('quilt-stack-outputs', () => {
  test.each<{name: string; mode: Mode; outputs: Record<string, string>; expected: string[]}>([
    {expected: [], mode: 'secrets-only', name: 'all outputs present', outputs: full},
    {expected: [], mode: 'secrets-only', name: 'UserBucket instead of BucketName, ApiGatewayEndpoint for the catalog', outputs: {ApiGatewayEndpoint: 'https://x.execute-api.us-east-1.amazonaws.com/prod', PackagerQueueArn: 'q', UserAthenaDatabaseName: 'db', UserBucket: 'b'}},
    {expected: ['error | Quilt stack quilt lacks output PackagerQueueArn or PackagerQueueUrl'], mode: 'secrets-only', name: 'one output missing', outputs: {...full, PackagerQueueArn: ''}},
    {
      // the bucket is not among them: v0.6-v0.7 read it from the secret's user_bucket
      expected: ['error | Quilt stack quilt lacks output UserAthenaDatabaseName', 'error | Quilt stack quilt has no catalog output (Catalog, CatalogDomain, ApiGatewayEndpoint)'],
      mode: 'secrets-only',
      name: 'several missing, and the catalog',
      outputs: {PackagerQueueArn: 'q'},
    },
    {expected: [], mode: 'legacy', name: 'legacy mode does not read the stack', outputs: {}},
  ])('$name', ({expected, mode, outputs}) => {
    expect(run(mode, outputs)).toEqual(expected)
  })

  test('evidence lists the outputs present', () => {
    const [f] = check.run({mode: {inferred: false, value: 'secrets-only', why: ''}, quiltStack: quilt({PackagerQueueArn: 'q'})} as never, profile)
    expect(f?.evidence).toEqual(['stack arn:aws:cloudformation:us-east-1:1:stack/quilt/abc (UPDATE_COMPLETE)', 'outputs present: PackagerQueueArn'])
  })

  test.each<{name: string; stack: QuiltStackFact; title: string; fix: RegExp}>([
    {
      fix: /^Set QuiltStackARN to arn:aws:cloudformation:ap-south-1:1:stack\/quilt\/abc \(the stack in ap-south-1\)/,
      name: 'not in the region the ARN names, but where the service runs',
      stack: {arn: 'arn:aws:cloudformation:ca-central-1:1:stack/quilt/abc', elsewhere: {arn: 'arn:aws:cloudformation:ap-south-1:1:stack/quilt/abc', region: 'ap-south-1'}, missing: true, name: 'quilt', outputs: {}, region: 'ca-central-1'},
      title: 'error | The Quilt stack quilt does not exist in ca-central-1, the region QuiltStackARN names; it is in ap-south-1',
    },
    {
      fix: /describe-stacks --stack-name <name> --region <region>/,
      name: 'nowhere',
      stack: {arn: 'arn:aws:cloudformation:us-east-1:1:stack/quilt/abc', missing: true, name: 'quilt', outputs: {}, region: 'us-east-1'},
      title: 'error | The Quilt stack quilt does not exist in us-east-1, the region QuiltStackARN names',
    },
  ])('a stack that is not where its ARN says: $name', ({fix, stack, title}) => {
    const findings = check.run({mode: {inferred: true, value: 'secrets-only', why: ''}, quiltStack: stack} as never, profile)
    expect(findings.map((f) => `${f.severity} | ${f.title}`)).toEqual([title])
    expect(findings[0]?.fix).toMatch(fix)
  })
})
