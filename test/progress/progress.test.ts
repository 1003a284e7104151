import {describe, expect, it} from 'vitest'

import {callsSoFar, createProgress, progressMode} from '../../src/progress/progress.js'

const recorder = (isTTY: boolean) => {
  const out: string[] = []
  return {isTTY, out, write: (t: string) => out.push(t)}
}

describe('progressMode', () => {
  it.each([
    [true, undefined, {}, 'spinner'],
    [false, undefined, {}, 'off'],
    [true, undefined, {CI: 'true'}, 'off'],
    [true, undefined, {CI: 'false'}, 'spinner'],
    [true, undefined, {TERM: 'dumb'}, 'off'],
    [false, true, {CI: 'true'}, 'lines'],
    [true, true, {CI: 'true'}, 'spinner'],
    [true, false, {}, 'off'],
  ] as const)('a terminal %s, --progress %s, env %j: %s', (isTTY, asked, env, mode) => {
    expect(progressMode({isTTY, write: () => 0}, asked, env as NodeJS.ProcessEnv)).toBe(mode)
  })
})

describe('createProgress', () => {
  it('spinner: draws the label and what is known, then clears its line when the wait ends', async () => {
    const s = recorder(true)
    const value = await createProgress(s, 'spinner', {intervalMs: 5}).during('Reading stack S from AWS', () => new Promise((r) => setTimeout(() => r(42), 30)), () => '3 AWS calls, last ecs:DescribeServices')
    expect(value).toBe(42)
    expect(s.out[0]).toMatch(/^\r\u001B\[2K⠋ Reading stack S from AWS \(3 AWS calls, last ecs:DescribeServices\) 0s$/)
    expect(s.out.length).toBeGreaterThan(2)
    expect(s.out.at(-1)).toBe('\r\u001B[2K')
  })

  it('spinner: clears on failure too, and a line of its own is printed above it', async () => {
    const s = recorder(true)
    const p = createProgress(s, 'spinner', {intervalMs: 1000})
    await expect(
      p.during('Waiting', async () => {
        p.line('pulling the image')
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(s.out).toEqual(['\r\u001B[2K⠋ Waiting 0s', '\r\u001B[2K', 'pulling the image\n', '\r\u001B[2K⠙ Waiting 0s', '\r\u001B[2K'])
  })

  it('stop() ends the spinner before data is printed, and the wait goes on silently', async () => {
    const s = recorder(true)
    const p = createProgress(s, 'spinner', {intervalMs: 1})
    await p.during('Reading the logs', async () => {
      p.stop()
      const before = s.out.length
      await new Promise((r) => setTimeout(r, 20))
      expect(s.out.length).toBe(before)
    })
    expect(s.out.at(-1)).toBe('\r\u001B[2K')
  })

  it('lines: one plain line per wait; off: nothing', async () => {
    const lines = recorder(false)
    await createProgress(lines, 'lines').during('Finding stack S in AWS', async () => 1)
    expect(lines.out).toEqual(['… Finding stack S in AWS\n'])
    const off = recorder(false)
    await createProgress(off, 'off').during('Finding stack S in AWS', async () => 1)
    expect(off.out).toEqual([])
  })

  it('callsSoFar names the count and the last call', () => {
    expect(callsSoFar(undefined)).toBeUndefined()
    expect(callsSoFar({records: []})).toBeUndefined()
    expect(callsSoFar({records: [{action: 'sts:GetCallerIdentity'}, {action: 'ecs:DescribeServices'}]})).toBe('2 AWS calls, last ecs:DescribeServices')
  })
})
