import {describe, expect, it} from 'vitest'

import {describeExitCode, exitCodes} from '../../src/catalogue/exit-codes.js'

describe('describeExitCode', () => {
  it.each([
    [1, 'exit-1', /application error/],
    [2, 'exit-2', /bad command line/],
    [126, 'exit-126', /not executable/],
    [127, 'exit-127', /command not found/],
    [137, 'exit-137', /out of memory/],
    [139, 'exit-139', /segmentation fault/],
    [143, 'exit-143', /SIGTERM/],
    [130, 'exit-signal', /signal 2/],
    [42, 'exit-other', /exit status 42/],
  ])('%i', (code, id, meaning) => {
    const got = describeExitCode(code)
    expect(got.id).toBe(id)
    expect(got.code).toBe(code)
    expect(got.meaning).toMatch(meaning)
    expect(got.fix.length).toBeGreaterThan(10)
  })

  it('has one entry per code, each with a cause and a fix', () => {
    expect(new Set(exitCodes.map((e) => e.code)).size).toBe(exitCodes.length)
    for (const e of exitCodes) {
      expect(e.id).toBe(`exit-${e.code}`)
      expect(e.cause).toMatch(/\.$/)
      expect(e.fix.length).toBeGreaterThan(10)
    }
  })
})
