import {describe, expect, test} from 'vitest'

import {parseArn, parseSecretArn, parseSqsArn, parseStackArn, queueUrlToArn, splitOutsideTokens} from '../../../src/checks/lib/arn.js'

describe('splitOutsideTokens', () => {
  test.each([
    ['a:b:c', ['a', 'b', 'c']],
    ['arn:aws:secretsmanager:{{Ref:AWS::Region}}:1:secret:x', ['arn', 'aws', 'secretsmanager', '{{Ref:AWS::Region}}', '1', 'secret', 'x']],
    ['{{Ref:Secret}}:client_id::', ['{{Ref:Secret}}', 'client_id', '', '']],
    ['', ['']],
  ])('%s', (value, parts) => {
    expect(splitOutsideTokens(value)).toEqual(parts)
  })
})

describe('parseArn', () => {
  test.each([
    ['arn:aws:sqs:us-east-1:123456789012:q', {account: '123456789012', partition: 'aws', region: 'us-east-1', resource: 'q', service: 'sqs'}],
    ['arn:aws-cn:s3:::bucket/key:x', {account: '', partition: 'aws-cn', region: '', resource: 'bucket/key:x', service: 's3'}],
  ])('parses %s', (value, arn) => {
    expect(parseArn(value)).toEqual(arn)
  })

  test.each(['', 'arn:aws:sqs', 'nope:aws:sqs:r:a:q', 'arn:gcp:sqs:r:a:q', 'https://sqs.us-east-1.amazonaws.com/1/q'])('refuses %j', (value) => {
    expect(parseArn(value)).toBeUndefined()
  })
})

describe('parseStackArn', () => {
  test('a stack ARN', () => {
    expect(parseStackArn('arn:aws:cloudformation:us-east-1:123456789012:stack/quilt/0f1e2d3c-aaaa-bbbb')).toMatchObject({
      account: '123456789012',
      region: 'us-east-1',
      stackId: '0f1e2d3c-aaaa-bbbb',
      stackName: 'quilt',
    })
  })

  test.each([
    'quilt',
    'arn:aws:cloudformation:us-east-1:123456789012:stack/quilt',
    'arn:aws:cloudformation:us-east-1:1234:stack/quilt/id',
    'arn:aws:cloudformation::123456789012:stack/quilt/id',
    'arn:aws:sqs:us-east-1:123456789012:stack/quilt/id',
  ])('refuses %s', (value) => {
    expect(parseStackArn(value)).toBeUndefined()
  })
})

describe('parseSqsArn and queueUrlToArn', () => {
  test.each([
    ['arn:aws:sqs:us-east-1:123456789012:quilt-packager', true],
    ['arn:aws:sqs:us-east-1:123456789012:jobs.fifo', true],
    ['arn:aws:sqs:us-east-1:123456789012:', false],
    ['arn:aws:sqs::123456789012:q', false],
    ['arn:aws:sns:us-east-1:123456789012:q', false],
  ])('%s -> %s', (value, ok) => {
    expect(Boolean(parseSqsArn(value))).toBe(ok)
  })

  test.each([
    ['https://sqs.us-west-2.amazonaws.com/123456789012/quilt-packager', 'arn:aws:sqs:us-west-2:123456789012:quilt-packager'],
    ['arn:aws:sqs:us-west-2:123456789012:q', undefined],
  ])('url %s', (value, arn) => {
    expect(queueUrlToArn(value)).toBe(arn)
  })
})

describe('parseSecretArn', () => {
  test.each([
    ['arn:aws:secretsmanager:us-east-1:123456789012:secret:benchling-AbC123', {extra: [], secretName: 'benchling', suffix: 'AbC123'}],
    ['arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/benchling-AbC123:client_id::', {extra: ['client_id', '', ''], secretName: 'prod/benchling', suffix: 'AbC123'}],
    ['arn:aws:secretsmanager:us-east-1:123456789012:secret:benchling', {extra: [], secretName: 'benchling', suffix: undefined}],
  ])('%s', (value, expected) => {
    const arn = parseSecretArn(value)
    expect(arn).toMatchObject({extra: expected.extra, secretName: expected.secretName})
    expect(arn?.suffix).toBe(expected.suffix)
    expect(arn?.base).toBe(value.split(':').slice(0, 7).join(':'))
  })

  test.each(['benchling', 'arn:aws:secretsmanager:us-east-1:123456789012:benchling', 'arn:aws:ssm:us-east-1:123456789012:parameter/x'])('refuses %s', (value) => {
    expect(parseSecretArn(value)).toBeUndefined()
  })
})
