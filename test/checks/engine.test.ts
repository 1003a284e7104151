import {describe, expect, it} from 'vitest'

import {runChecks, selectChecks, UnknownCheckError} from '../../src/checks/engine.js'
import {validateCheck} from '../../src/checks/plugins.js'
import {type AnyCheck, defineCheck} from '../../src/checks/types.js'
import {Facts, known} from '../../src/facts/facts.js'
import type {TaskDefinition} from '../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const td: TaskDefinition = {containers: [{environment: [], name: 'BenchlingWebhookContainer', portMappings: [], secrets: []}]}
const facts = () => new Facts([{describe: 'test', loaders: {taskDefinition: async () => known(td, 'test td')}}])

const finds = (severity: 'error' | 'warning' | 'info') =>
  defineCheck({
    description: 'x',
    id: `finds-${severity}`,
    needs: ['taskDefinition'],
    run: () => [{detail: 'd', fix: 'f', impact: 'start', severity, title: `a ${severity}`}],
    title: 'x',
  })
const throws = defineCheck({description: 'x', id: 'throws', needs: ['taskDefinition'], run: () => { throw new TypeError('boom') }, title: 'x'})
const needsSecret = defineCheck({description: 'x', id: 'needs-secret', needs: ['benchlingSecret'], run: () => [], title: 'x'})
const clean = defineCheck({description: 'x', id: 'clean', needs: ['taskDefinition'], run: () => [], title: 'x'})

describe('runChecks', () => {
  it('gives each check a status from its findings', async () => {
    const results = await runChecks([finds('error'), finds('warning'), finds('info'), clean], facts(), profile)
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['finds-error', 'failed'],
      ['finds-warning', 'warning'],
      ['finds-info', 'passed'],
      ['clean', 'passed'],
    ])
    expect(results[0]!.findings[0]).toMatchObject({check: 'finds-error', docs: 'docs/checks/finds-error.md', evidence: []})
    expect(results[0]!.sources).toEqual(['test td'])
  })

  it('skips a check whose facts are missing, with the reason', async () => {
    const [result] = await runChecks([needsSecret], facts(), profile)
    expect(result).toMatchObject({status: 'skipped'})
    expect(result!.reason).toContain('benchlingSecret: no Benchling secret was given')
  })

  it('reports a check that throws as crashed, and the others still run', async () => {
    const results = await runChecks([throws, finds('error')], facts(), profile)
    expect(results[0]).toMatchObject({id: 'throws', reason: 'TypeError: boom', status: 'crashed'})
    expect(results[1]).toMatchObject({id: 'finds-error', status: 'failed'})
  })
})

describe('selectChecks', () => {
  const all: AnyCheck[] = [clean, throws, needsSecret]
  it.each([
    [[], [], ['clean', 'throws', 'needs-secret']],
    [['clean'], [], ['clean']],
    [[], ['throws'], ['clean', 'needs-secret']],
    [['clean', 'throws'], ['throws'], ['clean']],
  ])('--check %j --skip %j', (only, skip, expected) => {
    expect(selectChecks(all, only, skip).map((c) => c.id)).toEqual(expected)
  })

  it('refuses an unknown id, naming the known ones', () => {
    expect(() => selectChecks(all, ['nope'])).toThrow(UnknownCheckError)
    expect(() => selectChecks(all, [], ['nope'])).toThrow(/Unknown check "nope". Known checks: clean, needs-secret, throws/)
  })
})

describe('validateCheck (plugin checks)', () => {
  const taken = new Set(['clean'])
  it.each([
    [null, /not an object/],
    [{id: 'Bad Id', needs: [], run() {}, title: 't'}, /kebab-case id/],
    [{id: 'clean', needs: [], run() {}, title: 't'}, /already loaded/],
    [{id: 'no-run', needs: [], title: 't'}, /lacks a title, a needs list or a run function/],
  ])('refuses %j', (value, message) => {
    expect(validateCheck(value, 'p', taken)).toMatch(message)
  })

  it('accepts a well-formed check and fills in its description', () => {
    const check = validateCheck({id: 'ok-check', needs: ['taskDefinition'], run: () => [], title: 'T'}, 'p', taken)
    expect(check).toMatchObject({description: 'T', id: 'ok-check'})
  })
})
