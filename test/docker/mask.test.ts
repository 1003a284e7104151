import {describe, expect, it} from 'vitest'

import {isCredential, makeMasker, MASK, secretValues} from '../../src/docker/mask.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const none = new Set<string>()

describe('isCredential', () => {
  it.each<[string, string, boolean, Set<string>?]>([
    ['BENCHLING_CLIENT_SECRET', 'abc', true],
    ['BENCHLING_SECRETS', '{"client_id":"x"}', true],
    ['BENCHLING_CLIENT_ID', 'id-123', true],
    ['DB_PASSWORD', 'pw', true],
    ['GITHUB_TOKEN', 'x', true],
    ['AWS_ACCESS_KEY_ID', 'AKIAABCDEFGHIJKLMNOP', true],
    ['SOMETHING', 'AKIAABCDEFGHIJKLMNOP', true],
    ['INLINE', '{"client_secret": "x"}', true],
    ['FROM_SECRETS', 'plain', true, new Set(['FROM_SECRETS'])],
    ['BENCHLING_TENANT', 'quilt-dtt', false],
    ['QUILT_CATALOG', 'nightly.quilttest.com', false],
    ['PORT', '5000', false],
  ])('%s', (name, value, expected, names = none) => {
    expect(isCredential({name, value}, profile, names)).toBe(expected)
  })
})

describe('masking', () => {
  const env = [
    {name: 'BENCHLING_CLIENT_SECRET', value: 'shh-very-secret'},
    {name: 'BENCHLING_SECRETS', value: '{"client_id": "cid-12345", "client_secret": "inner-secret", "tenant": "quilt-dtt"}'},
    {name: 'BENCHLING_TENANT', value: 'quilt-dtt'},
    {name: 'API_KEY', value: 'abc'},
  ]
  const mask = makeMasker(secretValues(env, profile, none))

  it('hides each credential, and each string inside inline secret JSON', () => {
    expect(mask('secret=shh-very-secret id=cid-12345 s=inner-secret')).toBe(`secret=${MASK} id=${MASK} s=${MASK}`)
    expect(mask(env[1]!.value)).toBe(MASK)
  })

  it('leaves other values, and credentials too short to mask safely, alone', () => {
    expect(mask('tenant quilt-dtt on port 5000, abc')).toBe('tenant quilt-dtt on port 5000, abc')
  })

  it('masks a longer value before a shorter one it contains', () => {
    expect(makeMasker(['abcd', 'abcdefgh'])('x abcdefgh y abcd')).toBe(`x ${MASK} y ${MASK}`)
  })
})
