import {describe, expect, it} from 'vitest'

import {PLACEMENTS, sidOf, statementsFor} from '../../src/deploy/template/iam-statements.js'
import type {PermissionNeed} from '../../src/profile/types.js'

const need = (over: Partial<PermissionNeed>): PermissionNeed => ({actions: ['sqs:SendMessage'], cite: 'test', resource: 'queue', why: 'test', ...over})
const queue = PLACEMENTS.queue.resource

describe('sidOf', () => {
  it.each<[Partial<PermissionNeed>, string]>([
    [{sid: 'SendToPackager'}, 'SendToPackager'],
    [{resource: 'bucket-objects'}, 'AllowBucketObjects'],
    [{resource: 'glue-database'}, 'AllowGlueDatabase'],
    [{resource: '*'}, 'AllowAnyResource'],
  ])('%j -> %s', (over, sid) => expect(sidOf(need(over))).toBe(sid))
})

describe('statementsFor', () => {
  it.each<[string, PermissionNeed[], unknown[]]>([
    ['a need of both modes: one plain statement', [need({sid: 'Send'})], [{Action: ['sqs:SendMessage'], Effect: 'Allow', Resource: queue, Sid: 'Send'}]],
    [
      'a need of one mode: kept only in that mode',
      [need({mode: 'legacy', sid: 'Send'})],
      [{'Fn::If': ['IsLegacy', {Action: ['sqs:SendMessage'], Effect: 'Allow', Resource: queue, Sid: 'Send'}, {Ref: 'AWS::NoValue'}]}],
    ],
    [
      'needs sharing a Sid, one of them for a mode: the mode picks the actions',
      [need({sid: 'Send'}), need({actions: ['sqs:GetQueueUrl'], mode: 'secrets-only', sid: 'Send'})],
      [{Action: {'Fn::If': ['IsSecretsOnly', ['sqs:SendMessage', 'sqs:GetQueueUrl'], ['sqs:SendMessage']]}, Effect: 'Allow', Resource: queue, Sid: 'Send'}],
    ],
    [
      'a resource the template has in one mode: the statement only there',
      [need({actions: ['cloudformation:DescribeStacks'], resource: 'quilt-stack'})],
      [{'Fn::If': ['IsSecretsOnly', {Action: ['cloudformation:DescribeStacks'], Effect: 'Allow', Resource: {Ref: 'QuiltStackARN'}, Sid: 'AllowQuiltStack'}, {Ref: 'AWS::NoValue'}]}],
    ],
    [
      'ECR login on *: only with a private image repository',
      [need({actions: ['ecr:GetAuthorizationToken'], resource: '*'})],
      [{'Fn::If': ['HasImageRepository', {Action: ['ecr:GetAuthorizationToken'], Effect: 'Allow', Resource: '*', Sid: 'AllowAnyResource'}, {Ref: 'AWS::NoValue'}]}],
    ],
    ['another action on *: always', [need({actions: ['xray:PutTraceSegments'], resource: '*'})], [{Action: ['xray:PutTraceSegments'], Effect: 'Allow', Resource: '*', Sid: 'AllowAnyResource'}]],
  ])('%s', (_name, needs, expected) => expect(statementsFor(needs)).toEqual(expected))

  it.each<[string, PermissionNeed[], RegExp]>([
    ['needs sharing a Sid on different resources', [need({sid: 'Same'}), need({resource: 'bucket', sid: 'Same'})], /Sid Same are on different resources/],
    ['a legacy need on a resource the template has only in secrets-only', [need({mode: 'legacy', resource: 'benchling-secret'})], /benchling-secret only in secrets-only mode/],
    ['a mode need on a resource that has a condition of its own', [need({mode: 'legacy', resource: 'image-repository'})], /needs both HasImageRepository and IsLegacy/],
  ])('refuses %s, rather than drop a need', (_name, needs, message) => expect(() => statementsFor(needs)).toThrow(message))
})
