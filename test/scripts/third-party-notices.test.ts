import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

import {bundledPackages, noticesText, packageDirOf} from '../../scripts/third-party-notices.mjs'

// The licence notices of the packages the build bundles into dist/ (scripts/third-party-notices.mjs).
// `npm test` builds first (pretest), so dist/THIRD_PARTY_LICENSES.txt is the one the build wrote.

const root = fileURLToPath(new URL('../..', import.meta.url))

describe('the package an esbuild input belongs to', () => {
  it.each([
    ['node_modules/@oclif/core/lib/config/config.js', join('node_modules', '@oclif', 'core')],
    ['node_modules/chalk/source/index.js', join('node_modules', 'chalk')],
    ['node_modules/@oclif/core/node_modules/semver/index.js', join('node_modules', '@oclif', 'core', 'node_modules', 'semver')],
    ['dist/commands/doctor.js', undefined],
  ])('%s', (input, dir) => {
    expect(packageDirOf(input)).toBe(dir)
  })
})

describe('the notices', () => {
  it('hold each package once, with its version, licence and its own licence text', () => {
    const packages = bundledPackages(['node_modules/yaml/dist/index.js', 'node_modules/chalk/source/index.js', 'node_modules/yaml/dist/parse/parser.js'], root)
    const chalk = JSON.parse(readFileSync(join(root, 'node_modules/chalk/package.json'), 'utf8'))
    expect(packages.map((p) => [p.name, p.version, p.licence])).toEqual([
      ['chalk', chalk.version, 'MIT'],
      ['yaml', expect.any(String), 'ISC'],
    ])
    const text = noticesText(packages)
    expect(text).toContain(`chalk ${chalk.version} (MIT)`)
    expect(text).toContain(readFileSync(join(root, 'node_modules/chalk/license'), 'utf8').trim())
  })

  it('dist/THIRD_PARTY_LICENSES.txt names every bundled package, each under a permissive licence with its text', () => {
    const text = readFileSync(join(root, 'dist/THIRD_PARTY_LICENSES.txt'), 'utf8')
    const heads = [...text.matchAll(/^(\S+) (\d\S*) \((.+)\)$/gm)].map((m) => ({licence: m[3]!, name: m[1]!}))
    expect(heads.map((h) => h.name)).toEqual(expect.arrayContaining(['@oclif/core', 'chalk', 'yaml']))
    for (const h of heads) expect(h.licence, h.name).toMatch(/^(MIT|ISC|BSD-2-Clause|BSD-3-Clause|Apache-2\.0|0BSD)$/)
    expect(text).not.toContain('holds no licence file')
    expect(text.match(/Permission is hereby granted|Permission to use, copy, modify/g)?.length).toBe(heads.length)
  })
})
