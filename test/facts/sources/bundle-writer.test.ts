import {describe, expect, it} from 'vitest'

import check from '../../../src/checks/plaintext-credentials.js'
import {REDACTED, redactTaskDefinition} from '../../../src/facts/sources/bundle-writer.js'
import type {TaskDefinition} from '../../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../../src/profile/benchling-webhook.js'

const td = (environment: Record<string, string>): TaskDefinition => ({
  containers: [{environment: Object.entries(environment).map(([name, value]) => ({name, value})), name: 'BenchlingWebhookContainer', portMappings: [], secrets: []}],
})
const findings = (t: TaskDefinition) => check.run({taskDefinition: t} as never, profile)

// A bundle keeps a plain-text credential's name and replaces its value with a stand-in of the same
// shape, so doctor on the bundle flags it exactly as the live run did, without the value.
describe('bundle writer: credential stand-ins', () => {
  it.each([
    ['a client secret', {BENCHLING_CLIENT_SECRET: 'PLANTED-1'}],
    ['an access key id', {SOME_ID: 'AKIAPLANTEDPLANTED12'}],
    ['a URL with a password', {DATABASE_URL: 'postgres://webhook:PLANTED-2@db.internal:5432/quilt'}],
    ['inline secret JSON', {BENCHLING_SECRETS: '{"client_id": "x", "client_secret": "PLANTED-3"}'}],
  ])('%s: same findings, no value', (_name, env) => {
    const original = td(env)
    const redacted = redactTaskDefinition(original, profile)
    expect(findings(redacted)).toEqual(findings(original))
    expect(findings(original)).toHaveLength(1)
    expect(JSON.stringify(redacted)).not.toMatch(/PLANTED/)
  })

  it('leaves ordinary values alone and masks credential-shaped text in them', () => {
    const redacted = redactTaskDefinition(td({LOG_LEVEL: 'INFO', QUILT_CATALOG: 'nightly.quilttest.com'}), profile)
    expect(redacted.containers[0]!.environment).toEqual([
      {name: 'LOG_LEVEL', value: 'INFO'},
      {name: 'QUILT_CATALOG', value: 'nightly.quilttest.com'},
    ])
    expect(REDACTED).toBe('***redacted***')
  })
})
