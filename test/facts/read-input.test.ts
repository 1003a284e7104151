import {mkdir, mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {depthOver, MAX_DEPTH, parseStructured, readTextInput} from '../../src/facts/read-input.js'

const nest = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`

describe('structured input', () => {
  it.each([
    [0, 1, false],
    [{a: {b: [1]}}, 3, false],
    [{a: {b: [1]}}, 2, true],
    [[[[]]], 2, true],
  ])('depthOver(%j, %i) is %s', (value, max, over) => {
    expect(depthOver(value, max)).toBe(over)
  })

  it('a cycle (what a YAML alias in its own anchor makes) is over any depth, and ends', () => {
    const cycle: Record<string, unknown> = {}
    cycle.self = [cycle]
    expect(depthOver(cycle, MAX_DEPTH)).toBe(true)
  })

  it.each([
    ['JSON', nest(MAX_DEPTH + 1), false, /nests deeper than 100 levels: no bundle is shaped like that/],
    ['JSON 100 000 deep', nest(100_000), false, /nests deeper than 100 levels/],
    ['a YAML alias inside its own anchor', 'a: &a\n  - *a\n', true, /or a YAML alias refers to the node that holds it/],
  ])('refuses %s nested past the limit', (_name, text, yaml, message) => {
    expect(() => parseStructured(text, 'f', 'bundle', yaml)).toThrow(UserError)
    expect(() => parseStructured(text, 'f', 'bundle', yaml)).toThrow(message)
  })

  it('reads a value nested to the limit', () => {
    expect(parseStructured(nest(MAX_DEPTH), 'f', 'bundle')).toBeInstanceOf(Array)
  })
})

describe('reading a file', () => {
  it.each([
    ['a directory, for a noun that ends in "file"', 'secret file', 'Name the secret file itself.'],
    ['a directory, for any other noun', 'template', 'Name the template file itself.'],
  ])('%s', async (_name, what, next) => {
    const dir = await mkdtemp(join(tmpdir(), 'bwops-read-'))
    await mkdir(join(dir, 'd'))
    const error = await readTextInput(join(dir, 'd'), what).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).next).toBe(next)
  })

  it('binary data: the next step does not assume JSON or YAML', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bwops-read-'))
    await writeFile(join(dir, 'x.env'), Buffer.from([0, 1, 2]))
    const error = (await readTextInput(join(dir, 'x.env'), 'env file').catch((e: unknown) => e)) as UserError
    expect(error.message).toMatch(/is not text/)
    expect(error.next).toMatch(/is the env file you meant: it must be a text file/)
  })
})
