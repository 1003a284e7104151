import {describe, expect, it} from 'vitest'

import {Facts, known, unknown} from '../../src/facts/facts.js'
import type {DeploymentContext} from '../../src/facts/types.js'

describe('Facts', () => {
  it('reads a fact once however many ask', async () => {
    let calls = 0
    const facts = new Facts([{describe: 's', loaders: {deployment: async () => { calls++; return known({region: 'us-east-1'}, 's') }}}])
    const [a, b] = await Promise.all([facts.get('deployment'), facts.get('deployment')])
    expect(a).toEqual(b)
    expect(calls).toBe(1)
  })

  it('takes the first source that knows a fact, and falls through one that does not', async () => {
    const facts = new Facts([
      {describe: 'first', loaders: {deployment: async () => unknown<DeploymentContext>('first does not know')}},
      {describe: 'second', loaders: {deployment: async () => known({region: 'eu-west-1'}, 'second')}},
      {describe: 'third', loaders: {deployment: async () => known({region: 'us-west-2'}, 'third')}},
    ])
    expect(await facts.get('deployment')).toEqual({ok: true, source: 'second', value: {region: 'eu-west-1'}})
  })

  it('joins the reasons when no source knows, and turns a throwing loader into a reason', async () => {
    const facts = new Facts([
      {describe: 'a', loaders: {deployment: async () => unknown<DeploymentContext>('a says no')}},
      {describe: 'b', loaders: {deployment: async () => { throw new Error('b broke') }}},
    ])
    expect(await facts.get('deployment')).toEqual({failed: true, ok: false, reason: 'a says no; b: b broke'})
  })

  it('explains a fact no source gives', async () => {
    const result = await new Facts([]).get('taskDefinition')
    expect(result).toEqual({ok: false, reason: expect.stringContaining('use --task-definition')})
  })

  it('lets a loader use other facts', async () => {
    const facts = new Facts([
      {
        describe: 's',
        loaders: {
          async deployment(f) {
            const mode = await f.get('mode')
            return known({region: mode.ok ? mode.value.value : 'none'}, 's')
          },
          mode: async () => known({inferred: false, value: 'legacy' as const, why: 'x'}, 's'),
        },
      },
    ])
    expect(await facts.get('deployment')).toMatchObject({value: {region: 'legacy'}})
    expect(Object.keys(await facts.settled()).sort()).toEqual(['deployment', 'mode'])
  })
})
