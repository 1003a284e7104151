import {fileURLToPath, pathToFileURL} from 'node:url'
import {describe, expect, it} from 'vitest'

import {costOf, selfTimes, startProfile} from '../../bench/start-profile.js'

// The bench's table of where the offline doctor's start goes (bench/start-profile.js).

const root = fileURLToPath(new URL('../..', import.meta.url))
const file = (rel: string) => pathToFileURL(`${root}${rel}`).href

describe('the start profile of the bench', () => {
  it.each([
    [{functionName: '(garbage collector)', url: ''}, 'V8: garbage collection'],
    [{functionName: 'compileSourceTextModule', url: 'node:internal/modules/esm/utils'}, 'V8: compiling modules (parse)'],
    [{functionName: 'resolve', url: 'node:internal/modules/esm/resolve'}, 'Node: ES module loader (resolve, read, link)'],
    [{functionName: 'Module._findPath', url: 'node:internal/modules/cjs/loader'}, 'Node: module resolution (CommonJS, package.json)'],
    [{functionName: 'compileForInternalLoader', url: 'node:internal/bootstrap/realm'}, 'Node: loading built-in modules'],
    [{functionName: 'openFileHandle', url: ''}, 'Node: file system and other native calls'],
    [{functionName: 'load', url: file('dist/oclif-entry.js')}, 'dist/oclif-entry.js (@oclif/core: config, plugins, parse)'],
    [{functionName: 'run', url: file('dist/commands/doctor.js')}, 'dist/commands/doctor.js'],
    [{functionName: 'parse', url: file('node_modules/@smithy/core/dist/index.js')}, 'package @smithy/core'],
  ])('charges %j to %s', (frame, cost) => {
    expect(costOf(frame)).toBe(cost)
  })

  it('sums each sample\'s time to the cost of the frame it was taken in', () => {
    const profile = {
      nodes: [
        {callFrame: {functionName: '(root)', url: ''}, id: 1},
        {callFrame: {functionName: 'run', url: file('dist/commands/doctor.js')}, id: 2},
        {callFrame: {functionName: '(garbage collector)', url: ''}, id: 3},
      ],
      samples: [2, 3, 2, 2],
      timeDeltas: [1000, 500, 250, 250],
    }
    expect(Object.fromEntries(selfTimes(profile))).toEqual({'V8: garbage collection': 0.5, 'dist/commands/doctor.js': 1.5})
  })

  it('profiles a built offline doctor: the top costs, largest first, shares of the profiled time', () => {
    const {rows, runs, total} = startProfile(1, 5)
    expect(runs).toBe(1)
    expect(rows).toHaveLength(5)
    expect(rows.map((r) => r.ms)).toEqual([...rows.map((r) => r.ms)].sort((a, b) => b - a))
    expect(rows.reduce((a, r) => a + r.ms, 0)).toBeLessThanOrEqual(total + 0.001)
    expect(rows.some((r) => r.cost.startsWith('dist/'))).toBe(true)
  })
})
