import {createRequire} from 'node:module'
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

import {installedSdk, lowestMajor, nodeSupportProblem} from '../src/node-support.js'

const semver = createRequire(import.meta.url)('semver') as {subset(sub: string, dom: string): boolean; satisfies(v: string, r: string): boolean}
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {engines: {node: string}; dependencies: Record<string, string>}
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {packages: Record<string, {dev?: boolean; version?: string; engines?: {node?: string} | string[]}>}

describe('Node versions', () => {
  it('package.json engines lets in only Node versions every production package supports', () => {
    const narrower = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && !p.dev && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.subset(pkg.engines.node, (p.engines as {node: string}).node))
      .map(([path, p]) => `${path} ${(p.engines as {node: string}).node}`)
    expect(narrower).toEqual([])
    // and both Node lines CI runs are in it
    expect(semver.satisfies('20.17.0', pkg.engines.node)).toBe(true)
    expect(semver.satisfies('22.9.0', pkg.engines.node)).toBe(true)
  })

  it('pins every AWS SDK client to a patch range, so a new SDK minor (January 2027: Node 22 only) is not taken by an install', () => {
    const sdk = Object.entries(pkg.dependencies).filter(([name]) => name.startsWith('@aws-sdk/'))
    expect(sdk.length).toBeGreaterThan(0)
    for (const [name, range] of sdk) {
      expect(range, name).toMatch(/^~?\d+\.\d+\.\d+$/)
      expect(semver.satisfies(lock.packages[`node_modules/${name}`]?.version ?? '', range), name).toBe(true)
    }
  })

  it.each([
    ['>=22.0.0', 22],
    ['^20.17.0 || >=22.9.0', 20],
    ['>= 18', 18],
    ['*', undefined],
  ])('lowest major of %j is %j', (range, major) => {
    expect(lowestMajor(range)).toBe(major)
  })

  it('says plainly when the installed SDK needs a newer Node, and nothing when it does not', () => {
    const next = {engines: {node: '>=22.0.0'}, name: '@aws-sdk/core', version: '3.1200.0'}
    expect(nodeSupportProblem('v20.20.2', next)).toBe(
      'bwops is running on Node v20.20.2, and the AWS SDK installed with it (@aws-sdk/core 3.1200.0) needs Node >=22.0.0.\n' +
        'Install Node 22 or later (nvm install 22, or https://nodejs.org) and run bwops with it, or install bwops from a checkout with npm ci, whose lock file holds an SDK that runs on Node 20.',
    )
    expect(nodeSupportProblem('v22.23.3', next)).toBeUndefined()
    expect(nodeSupportProblem('v20.20.2', {engines: {node: '>=20.0.0'}, name: '@aws-sdk/core', version: '3.981.2'})).toBeUndefined()
    expect(nodeSupportProblem('v20.20.2', {name: 'x'})).toBeUndefined()
  })

  it('reads the @aws-sdk/core that Node finds by a package lookup (the fast path of every start)', () => {
    const looked = createRequire(new URL('../src/node-support.ts', import.meta.url))('@aws-sdk/core/package.json') as {name: string; version: string}
    expect(installedSdk()).toMatchObject({name: '@aws-sdk/core', version: looked.version})
  })
})
