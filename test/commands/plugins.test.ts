import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {bwops, fixture} from '../helpers.js'

// An installed oclif plugin contributes checks through the `bwops:checks` hook. The fixture plugin
// is linked the way `bwops plugins link` records it: in the data dir's package.json.
describe('third-party checks from an installed plugin', () => {
  const saved = process.env.BWOPS_DATA_DIR

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'bwops-data-'))
    const root = fixture('plugin-example')
    await writeFile(
      join(dataDir, 'package.json'),
      JSON.stringify({oclif: {plugins: [{name: 'bwops-plugin-example', root, type: 'link'}], schema: 1}, private: true}),
    )
    process.env.BWOPS_DATA_DIR = dataDir
  })

  afterAll(() => {
    if (saved === undefined) delete process.env.BWOPS_DATA_DIR
    else process.env.BWOPS_DATA_DIR = saved
  })

  it('lists the plugin check in the catalogue', async () => {
    const run = await bwops(['checks', '--json'])
    const catalogue = JSON.parse(run.stdout)
    expect(catalogue.checks).toContainEqual(
      expect.objectContaining({id: 'example-non-root', needs: ['taskDefinition'], origin: 'plugin', title: 'Webhook container does not run as root'}),
    )
  })

  it('runs the plugin check in doctor, beside the built-in ones', async () => {
    const td = fixture('task-definitions/legacy-plaintext.json')
    const run = await bwops(['doctor', '--task-definition', td, '--check', 'example-non-root', '--check', 'plaintext-credentials', '--json'])
    const report = JSON.parse(run.stdout)
    expect(report.checks.map((c: {id: string}) => c.id).sort()).toEqual(['example-non-root', 'plaintext-credentials'])
    expect(report.findings).toContainEqual(
      expect.objectContaining({check: 'example-non-root', severity: 'warning', title: 'Container BenchlingWebhookContainer runs as root'}),
    )
  })
})
