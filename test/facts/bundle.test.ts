import {describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {Facts} from '../../src/facts/facts.js'
import {bundleSource, parseBundle} from '../../src/facts/sources/bundle.js'

const container = {environment: [], name: 'BenchlingWebhookContainer', portMappings: [], secrets: []}
const good = {
  createdAt: '2026-11-27T10:00:00Z',
  createdBy: 'bwops 0.1.0',
  facts: {
    logGroup: {unavailable: 'AccessDeniedException calling logs:DescribeLogGroups'},
    taskDefinition: {source: 'ecs:DescribeTaskDefinition', value: {containers: [container], family: 'benchling-webhook-task'}},
  },
  format: 'bwops-bundle',
  target: {region: 'us-east-1'},
  version: 1,
}

describe('bundle reader', () => {
  it('gives recorded facts with their source, and recorded gaps with their reason', async () => {
    const facts = new Facts([bundleSource(parseBundle(good, 'b.json'), 'b.json')])
    expect(await facts.get('taskDefinition')).toEqual({
      ok: true,
      source: 'ecs:DescribeTaskDefinition (recorded in b.json)',
      value: {containers: [container], family: 'benchling-webhook-task'},
    })
    expect(await facts.get('logGroup')).toEqual({ok: false, reason: 'AccessDeniedException calling logs:DescribeLogGroups (recorded in b.json)'})
  })

  it.each([
    ['not an object', [1], /is not a bwops bundle/],
    ['another format', {format: 'other', version: 1}, /is not a bwops bundle/],
    ['no version', {facts: {}, format: 'bwops-bundle'}, /has no valid "version"/],
    ['a newer version', {facts: {}, format: 'bwops-bundle', version: 9}, /format version 9; this bwops reads up to version 1/],
    ['no facts', {format: 'bwops-bundle', version: 1}, /has no "facts" object/],
    ['a malformed fact', {facts: {taskDefinition: {value: 'x'}}, format: 'bwops-bundle', version: 1}, /malformed fact "taskDefinition"/],
  ])('refuses %s with a clear message', (_name, input, message) => {
    expect(() => parseBundle(input, 'b.json')).toThrow(UserError)
    expect(() => parseBundle(input, 'b.json')).toThrow(message)
  })
})
