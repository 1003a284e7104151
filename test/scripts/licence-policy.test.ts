import {describe, expect, it} from 'vitest'

import {judgeLicence, packagesOf, statedLicence} from '../../scripts/licence-policy.js'

describe('the licence policy of the production tree', () => {
  it.each([
    ['MIT', {ok: true}],
    ['Apache-2.0', {ok: true}],
    ['ISC', {ok: true}],
    ['BlueOak-1.0.0', {ok: true}],
    ['(MIT OR CC0-1.0)', {ok: true}],
    ['MIT OR GPL-3.0-only', {ok: true}],
    ['(GPL-2.0 OR MIT)', {ok: true}],
    ['Apache-2.0 WITH LLVM-exception', {ok: true}],
    ['Apache 2.0', {ok: true}],
    ['AGPL-3.0-or-later', {ok: false, why: 'copyleft'}],
    ['GPL-2.0', {ok: false, why: 'copyleft'}],
    ['LGPL-2.1-or-later', {ok: false, why: 'copyleft'}],
    ['SSPL-1.0', {ok: false, why: 'copyleft'}],
    ['MIT AND LGPL-3.0', {ok: false, why: 'copyleft'}],
    ['(MIT AND (BSD-3-Clause OR AGPL-3.0))', {ok: true}],
    ['(GPL-3.0 OR SSPL-1.0)', {ok: false, why: 'copyleft'}],
    ['(GPL-3.0 OR Foo-1.0)', {ok: false, why: 'copyleft'}],
    ['MPL-2.0', {ok: false, why: 'unknown'}],
    ['UNLICENSED', {ok: false, why: 'unknown'}],
    ['SEE LICENSE IN LICENSE.md', {ok: false, why: 'unknown'}],
    ['(MIT', {ok: false, why: 'unknown'}],
    ['', {ok: false, why: 'unknown'}],
    [undefined, {ok: false, why: 'unknown'}],
  ])('%j -> %j', (expression, verdict) => {
    expect(judgeLicence(expression)).toEqual(verdict)
  })

  it.each([
    [{license: 'MIT'}, 'MIT'],
    [{license: {type: 'ISC', url: 'https://example.com'}}, 'ISC'],
    [{licenses: [{type: 'MIT', url: 'http://github.com/mscdex/ssh2/raw/master/LICENSE'}]}, 'MIT'],
    [{licenses: [{type: 'MIT'}, {type: 'GPL-2.0'}]}, '(MIT OR GPL-2.0)'],
    [{}, undefined],
  ])('reads the licence a package.json states: %j', (pkg, stated) => {
    expect(statedLicence(pkg)).toBe(stated)
  })

  it('lists every package of the whole tree once, including those npm ls prints only where they are deduplicated', () => {
    // the shape of `npm ls --omit=dev --all --json --long`: a package's dependencies are printed
    // under one of its copies only, the others are stubs
    const tree = {
      dependencies: {
        a: {dependencies: {shared: {license: 'MIT', version: '1.0.0'}}, license: 'MIT', version: '1.0.0'},
        b: {
          dependencies: {shared: {dependencies: {deep: {license: 'AGPL-3.0-or-later', path: '/x/deep', version: '0.1.0'}}, license: 'MIT', version: '1.0.0'}},
          license: 'Apache-2.0',
          version: '2.0.0',
        },
        old: {licenses: [{type: 'BSD-3-Clause'}], version: '0.0.1'},
      },
    }
    expect(packagesOf(tree)).toEqual([
      {license: 'MIT', name: 'a', version: '1.0.0'},
      {license: 'Apache-2.0', name: 'b', version: '2.0.0'},
      {license: 'AGPL-3.0-or-later', name: 'deep', path: '/x/deep', version: '0.1.0'},
      {license: 'BSD-3-Clause', name: 'old', version: '0.0.1'},
      {license: 'MIT', name: 'shared', version: '1.0.0'},
    ])
  })
})
