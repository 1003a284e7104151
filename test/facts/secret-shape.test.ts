import {describe, expect, it} from 'vitest'

import {describeSecretString} from '../../src/facts/secret-shape.js'

describe('describeSecretString', () => {
  it('keeps the shape of each key and never a value', () => {
    const content = describeSecretString(JSON.stringify({app_definition_id: 'appdef_x1', client_id: 'id-PLANTED', client_secret: ' PLANTED ', n: 3, tenant: 'https://quilt-dtt.benchling.com/'}))
    expect(content.kind).toBe('json-object')
    if (content.kind !== 'json-object') return
    expect(content.keys.client_secret).toMatchObject({empty: false, padded: true, type: 'string'})
    expect(content.keys.tenant).toMatchObject({looksLikeUrl: true, tenantFromUrl: 'quilt-dtt', tenantShaped: false})
    expect(content.keys.app_definition_id).toMatchObject({appDefinitionShaped: true})
    expect(content.keys.n).toMatchObject({type: 'number'})
    expect(JSON.stringify(content)).not.toContain('PLANTED')
  })

  it('derives a tenant name only from naming keys, never from a credential', () => {
    const content = describeSecretString(JSON.stringify({client_secret: 'https://PLANTED.benchling.com'}))
    expect(JSON.stringify(content)).not.toMatch(/planted/i)
  })

  it.each([
    ['"a string"', {jsonType: 'string', kind: 'json-other'}],
    ['[1]', {jsonType: 'array', kind: 'json-other'}],
    ['null', {jsonType: 'null', kind: 'json-other'}],
    ['{"client_secret": "PLANTED"', {kind: 'not-json', reason: 'the JSON ends early'}],
    ['client_secret=PLANTED', {kind: 'not-json', reason: 'it is not valid JSON'}],
  ])('%s', (text, expected) => {
    const content = describeSecretString(text)
    expect(content).toEqual(expected)
    expect(JSON.stringify(content)).not.toContain('PLANTED')
  })
})

describe('secretValueMasker', () => {
  it('hides credential values by value, longest first, and leaves names and short values', async () => {
    const {secretValueMasker} = await import('../../src/facts/secret-shape.js')
    const mask = secretValueMasker(JSON.stringify({app_definition_id: 'appdef_x1', client_id: 'cid-PLANTED-1', client_secret: 'PLANTED-2-secret', tenant: 'quilt-dtt'}))
    expect(mask('id cid-PLANTED-1 secret PLANTED-2-secret tenant quilt-dtt app appdef_x1')).toBe('id *** secret *** tenant quilt-dtt app appdef_x1')
  })

  it('hides a whole secret that is not a JSON object', async () => {
    const {secretValueMasker} = await import('../../src/facts/secret-shape.js')
    expect(secretValueMasker('PLANTED-plain-secret')('got PLANTED-plain-secret!')).toBe('got ***!')
    expect(secretValueMasker('{"client_secret": "x"}')('x marks the spot')).toBe('x marks the spot')
  })
})
