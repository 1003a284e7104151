import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {loadConfig} from '../../src/config/load.js'
import {UserError} from '../../src/errors.js'
import {bwops, fixture} from '../helpers.js'

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bwops-config-'))
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content)
  return dir
}

describe('loadConfig', () => {
  it('reads .bwops.json', async () => {
    const dir = await dirWith({'.bwops.json': JSON.stringify({mode: 'legacy', skip: ['log-group']})})
    expect(await loadConfig(dir)).toEqual({config: {mode: 'legacy', skip: ['log-group']}, file: join(dir, '.bwops.json')})
  })

  it('reads the bwops key of package.json when there is no .bwops.json', async () => {
    const dir = await dirWith({'package.json': JSON.stringify({bwops: {strict: true}, name: 'x'})})
    expect((await loadConfig(dir)).config).toEqual({strict: true})
  })

  it('gives an empty config when there is none', async () => {
    expect(await loadConfig(await dirWith({'package.json': '{"name": "x"}'}))).toEqual({config: {}})
    expect(await loadConfig(await dirWith({}))).toEqual({config: {}})
  })

  it.each([
    [{mode: 'sideways'}, 'mode: must be one of legacy, secrets-only'],
    [{colour: true}, 'the top level: unknown setting "colour"'],
    [{severity: {'health-check': 'fatal'}}, 'severity.health-check: must be one of error, warning, info'],
    [{target: {region: 'US East'}}, 'target.region: must match pattern'],
    [{skip: 'log-group'}, 'skip: must be array'],
  ])('refuses %j, saying what is wrong', async (config, message) => {
    const dir = await dirWith({'.bwops.json': JSON.stringify(config)})
    const error = await loadConfig(dir).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toContain(message)
  })

  it('refuses malformed JSON', async () => {
    const dir = await dirWith({'.bwops.json': '{"mode": '})
    await expect(loadConfig(dir)).rejects.toThrow(/not valid JSON/)
  })
})

describe('doctor with a config file', () => {
  it('takes its sources, mode, skips and severities from the file, and flags still win', async () => {
    const dir = await dirWith({
      'bwops.json': JSON.stringify({
        mode: 'secrets-only',
        severity: {'plaintext-credentials': 'warning'},
        target: {taskDefinition: fixture('task-definitions/legacy-plaintext.json')},
      }),
    })
    const run = await bwops(['doctor', '--config', join(dir, 'bwops.json'), '--check', 'plaintext-credentials', '--json'])
    const report = JSON.parse(run.stdout)
    expect(report.target.mode).toMatchObject({inferred: false, value: 'secrets-only'})
    expect(report.findings[0]).toMatchObject({check: 'plaintext-credentials', severity: 'warning'})
    expect(report.verdict).toBe('warnings')
    expect(run.exitCode).toBe(0)
    const flagged = await bwops(['doctor', '--config', join(dir, 'bwops.json'), '--check', 'plaintext-credentials', '--mode', 'legacy', '--json'])
    expect(JSON.parse(flagged.stdout).target.mode).toMatchObject({value: 'legacy'})
  })

  it('exits 2 on an invalid config', async () => {
    const dir = await dirWith({'bad.json': JSON.stringify({format: 'pdf'})})
    const run = await bwops(['doctor', '--config', join(dir, 'bad.json')])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('format: must be one of text, json, junit, markdown, github')
  })
})
