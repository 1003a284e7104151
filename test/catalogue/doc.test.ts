import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

import {catalogueIds, renderCatalogueDoc} from '../../src/catalogue/doc.js'
import {ROOT} from '../helpers.js'

describe('docs/catalogue.md', () => {
  const doc = readFileSync(`${ROOT}docs/catalogue.md`, 'utf8')

  it('names every catalogue entry', () => {
    for (const id of catalogueIds()) expect(doc, `${id} is missing from docs/catalogue.md`).toContain(`| ${id}`)
  })

  it('is what scripts/catalogue-doc.ts writes (run `npx vite-node scripts/catalogue-doc.ts`)', () => {
    expect(doc).toBe(renderCatalogueDoc())
  })

  it('has unique ids within each table', () => {
    const ids = catalogueIds()
    expect(new Set(ids).size).toBe(ids.length)
  })
})
