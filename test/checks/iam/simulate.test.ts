import {describe, expect, it} from 'vitest'
import {simulate, type SimRequest} from '../../../src/checks/iam/simulate.js'
import {resourceMatches} from '../../../src/checks/iam/policy-match.js'

// AWS's documented policy evaluation logic (IAM User Guide, "Policy evaluation logic" and the
// reference pages for NotAction, NotResource, permissions boundaries and condition operators),
// as a table for bwops's own evaluator.

const ROLE = 'arn:aws:iam::111122223333:role/benchling-webhook-task'
const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:quilt-packager'
const doc = (...Statement: object[]) => ({Statement, Version: '2012-10-17'})
const ask = (action: string, resource: string, policies: object[], extra: Partial<SimRequest> = {}) =>
  simulate({account: '111122223333', action, identity: policies.map((document, i) => ({document, name: `p${i + 1}`})), principal: ROLE, resource, ...extra})

describe('bwops IAM evaluator: documented evaluation cases', () => {
  it.each([
    ['no statement at all: implicit deny', [], 'implicitly-denied'],
    ['an Allow on the action and resource', [doc({Action: 'sqs:SendMessage', Effect: 'Allow', Resource: QUEUE})], 'allowed'],
    ['actions match without regard to case', [doc({Action: 'SQS:sendmessage', Effect: 'Allow', Resource: QUEUE})], 'allowed'],
    ['a wildcard in the middle of an action', [doc({Action: 'sqs:Send*Batch', Effect: 'Allow', Resource: QUEUE})], 'implicitly-denied'],
    ['a ? wildcard in an action', [doc({Action: 'sqs:SendMessag?', Effect: 'Allow', Resource: QUEUE})], 'allowed'],
    ['an explicit Deny beats an Allow in another policy', [doc({Action: 'sqs:*', Effect: 'Allow', Resource: '*'}), doc({Action: 'sqs:SendMessage', Effect: 'Deny', Resource: '*'})], 'explicitly-denied'],
    ['NotAction with Allow allows every other action', [doc({Effect: 'Allow', NotAction: 'iam:*', Resource: '*'})], 'allowed'],
    ['NotAction with Allow does not allow the listed action', [doc({Effect: 'Allow', NotAction: 'sqs:*', Resource: '*'})], 'implicitly-denied'],
    ['NotResource with Allow allows other resources', [doc({Action: 'sqs:SendMessage', Effect: 'Allow', NotResource: 'arn:aws:sqs:*:*:other'})], 'allowed'],
    ['NotResource with Deny denies every resource but the listed', [doc({Action: 'sqs:*', Effect: 'Allow', Resource: '*'}), doc({Action: 'sqs:*', Effect: 'Deny', NotResource: 'arn:aws:sqs:*:*:other'})], 'explicitly-denied'],
    ['a wildcard does not cross an ARN segment', [doc({Action: 'sqs:SendMessage', Effect: 'Allow', Resource: 'arn:aws:sqs:*:quilt-packager'})], 'implicitly-denied'],
    ['statements of one policy add up', [doc({Action: 'sqs:ReceiveMessage', Effect: 'Allow', Resource: QUEUE}, {Action: 'sqs:SendMessage', Effect: 'Allow', Resource: QUEUE})], 'allowed'],
    ['a condition on a key bwops knows and that holds', [doc({Action: 'sqs:SendMessage', Condition: {StringEquals: {'aws:PrincipalAccount': '111122223333'}}, Effect: 'Allow', Resource: QUEUE})], 'allowed'],
    ['a condition on a key bwops knows and that fails', [doc({Action: 'sqs:SendMessage', Condition: {StringEquals: {'aws:RequestedRegion': 'eu-west-1'}}, Effect: 'Allow', Resource: QUEUE})], 'implicitly-denied'],
    ['a negated condition that holds', [doc({Action: 'sqs:SendMessage', Condition: {StringNotEquals: {'aws:RequestedRegion': 'eu-west-1'}}, Effect: 'Allow', Resource: QUEUE})], 'allowed'],
    ['a condition bwops cannot decide is unknown, never allowed', [doc({Action: 'sqs:SendMessage', Condition: {StringEquals: {'aws:SourceVpc': 'vpc-1'}}, Effect: 'Allow', Resource: QUEUE})], 'unknown'],
    ['a Deny under a condition bwops cannot decide makes an Allow unknown', [doc({Action: 'sqs:*', Effect: 'Allow', Resource: '*'}), doc({Action: 'sqs:*', Condition: {Bool: {'aws:SecureTransport': 'false'}}, Effect: 'Deny', Resource: '*'})], 'unknown'],
    ['a policy variable in the resource is unknown', [doc({Action: 'sqs:SendMessage', Effect: 'Allow', Resource: 'arn:aws:sqs:us-east-1:111122223333:${aws:username}'})], 'unknown'],
    ['a malformed Effect makes the policy invalid', [doc({Action: 'sqs:*', Effect: 'Permit', Resource: '*'})], 'invalid'],
  ])('%s', async (_name, policies, decision) => {
    expect((await ask('sqs:SendMessage', QUEUE, policies)).decision).toBe(decision)
  })

  it.each([
    ['the boundary allows it too: allowed', doc({Action: 'sqs:*', Effect: 'Allow', Resource: '*'}), 'allowed'],
    ['the boundary does not allow it: implicit deny by the boundary', doc({Action: 's3:*', Effect: 'Allow', Resource: '*'}), 'implicitly-denied'],
    ['a Deny in the boundary: explicit deny', doc({Action: '*', Effect: 'Allow', Resource: '*'}, {Action: 'sqs:SendMessage', Effect: 'Deny', Resource: '*'}), 'explicitly-denied'],
  ])('permissions boundary: %s', async (_name, boundary, decision) => {
    const outcome = await ask('sqs:SendMessage', QUEUE, [doc({Action: 'sqs:SendMessage', Effect: 'Allow', Resource: QUEUE})], {boundary: {document: boundary, name: 'fence'}})
    expect(outcome.decision).toBe(decision)
    if (decision === 'implicitly-denied') expect(outcome.deniedBy).toEqual([{kind: 'permissions-boundary', policy: 'fence'}])
  })

  it('a boundary alone grants nothing', async () => {
    const outcome = await ask('sqs:SendMessage', QUEUE, [], {boundary: {document: doc({Action: '*', Effect: 'Allow', Resource: '*'}), name: 'fence'}})
    expect(outcome).toMatchObject({decision: 'implicitly-denied', deniedBy: [{kind: 'identity'}]})
  })

  it('names the granting statement by Sid, or by its position', async () => {
    const outcome = await ask('sqs:SendMessage', QUEUE, [doc({Action: 's3:*', Effect: 'Allow', Resource: '*'}, {Action: 'sqs:*', Effect: 'Allow', Resource: QUEUE})])
    expect(outcome.grantedBy).toEqual([{kind: 'identity', policy: 'p1', statement: '#2'}])
  })

  it('reports an Allow whose action matched but whose resource did not, as a near miss', async () => {
    const outcome = await ask('sqs:SendMessage', QUEUE, [doc({Action: 'sqs:*', Effect: 'Allow', Resource: 'arn:aws:sqs:us-east-1:111122223333:other', Sid: 'Other'})])
    expect(outcome.nearMisses).toEqual([{policy: 'p1', resources: ['arn:aws:sqs:us-east-1:111122223333:other'], statement: 'Other'}])
  })

  it.each([
    [{Service: 'ecs-tasks.amazonaws.com'}, undefined, 'allowed'],
    [{Service: 'ec2.amazonaws.com'}, undefined, 'implicitly-denied'],
    ['*', {StringEquals: {'aws:SourceAccount': '111122223333'}}, 'allowed'],
    [{Service: 'ecs-tasks.amazonaws.com'}, {StringEquals: {'aws:SourceAccount': '999999999999'}}, 'implicitly-denied'],
    [{Service: 'ecs-tasks.amazonaws.com'}, {ArnLike: {'aws:SourceArn': 'arn:aws:ecs:*:111122223333:*'}}, 'unknown'],
  ])('trust policy with principal %j and condition %j', async (Principal, Condition, decision) => {
    const trust = doc({Action: 'sts:AssumeRole', Effect: 'Allow', Principal, ...(Condition ? {Condition} : {})})
    const outcome = await simulate({account: '111122223333', action: 'sts:AssumeRole', identity: [], principal: 'ecs-tasks.amazonaws.com', resource: ROLE, resourcePolicy: trust})
    expect(outcome.decision).toBe(decision)
  })

  it.each([
    ['*', QUEUE, 'yes'],
    ['arn:aws:sqs:*:*:quilt-*', QUEUE, 'yes'],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b:c', 'yes'],
    ['arn:aws-cn:sqs:*:*:quilt-packager', QUEUE, 'no'],
    ['arn:aws:sqs:us-east-1:111122223333:${aws:PrincipalTag/queue}', QUEUE, 'maybe'],
  ])('resource pattern %s against %s: %s', (pattern, resource, expected) => {
    expect(resourceMatches(pattern, resource)).toBe(expected)
  })
})
