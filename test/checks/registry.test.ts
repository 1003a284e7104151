import {existsSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

import {builtinChecks} from '../../src/checks/index.js'
import {ROOT} from '../helpers.js'

// Like ESLint's rule registry: a check without its docs page or its table test fails the build.
describe('the check registry', () => {
  it('has unique kebab-case ids', () => {
    const ids = builtinChecks.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  })

  it.each(builtinChecks.map((c) => [c.id, c] as const))('%s has a docs page, a table test, a title and a description', (id, check) => {
    const doc = `${ROOT}docs/checks/${id}.md`
    expect(existsSync(doc), `${doc} is missing`).toBe(true)
    expect(readFileSync(doc, 'utf8')).toContain(id)
    expect(existsSync(`${ROOT}test/checks/${id}.test.ts`), `test/checks/${id}.test.ts is missing`).toBe(true)
    expect(check.title.length).toBeGreaterThan(10)
    expect(check.description.length).toBeGreaterThan(20)
    expect(check.needs.length).toBeGreaterThan(0)
  })
})
