import {describe, expect, test} from 'vitest'

import {allowedDistance, closestName, editDistance} from '../../../src/checks/lib/closest.js'

const EXPECTED = ['QUILT_CATALOG', 'QUILT_DATABASE', 'QuiltStackARN', 'BenchlingSecret', 'PORT', 'LOG_LEVEL', 'PKG_PREFIX']

describe('editDistance', () => {
  test.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['QUILT_CATALOUG', 'QUILT_CATALOG', 1],
    ['same', 'same', 0],
  ])('%s / %s = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d)
    expect(editDistance(b, a)).toBe(d)
  })
})

describe('closestName', () => {
  test.each([
    ['QUILT_CATALOUG', 'QUILT_CATALOG', false],
    ['Quiltstackarn', 'QuiltStackARN', true],
    ['QUILTSTACKARN', 'QuiltStackARN', true],
    ['LOGLEVEL', 'LOG_LEVEL', false],
    ['PKG_PREFX', 'PKG_PREFIX', false],
  ])('%s -> %s', (name, expected, caseOnly) => {
    expect(closestName(name, EXPECTED)).toMatchObject({caseOnly, name: expected})
  })

  test.each(['QUILT_CATALOG', 'HOST', 'PATH', 'SOMETHING_ELSE', 'QUILT_USER'])('no match for %s', (name) => {
    expect(closestName(name, EXPECTED)).toBeUndefined()
  })

  test('short names get less room', () => {
    expect(allowedDistance('HOST')).toBe(0)
    expect(allowedDistance('PORTS')).toBe(1)
    expect(allowedDistance('LOGLEVEL')).toBe(2)
  })
})
