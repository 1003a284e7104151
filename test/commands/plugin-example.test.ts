import {spawnSync} from 'node:child_process'
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {fixture, ROOT} from '../helpers.js'

// The example plugin (examples/plugin-example), installed as an operator would: `bwops plugins
// link` into a data dir of its own, then bwops run as a real process. Its hook imports
// `benchling-webhook-ops` with no copy of bwops beside it: the running bwops provides it.

const home = mkdtempSync(join(tmpdir(), 'bwops-plugin-'))
const env = {...process.env, BWOPS_CACHE_DIR: join(home, 'cache'), BWOPS_CONFIG_DIR: join(home, 'config'), BWOPS_DATA_DIR: join(home, 'data'), NO_COLOR: '1'}
const bwops = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/run.js'), ...args], {cwd: ROOT, encoding: 'utf8', env, input: ''})
  return {code: r.status, stderr: r.stderr, stdout: r.stdout}
}

const DOCS = 'https://github.com/quiltdata/bwops/tree/main/examples/plugin-example#example-non-root'
const legacy = fixture('task-definitions/legacy-plaintext.json')

afterAll(() => rmSync(home, {force: true, recursive: true}))

describe('the example plugin, linked and run', () => {
  beforeAll(() => {
    const link = bwops('plugins', 'link', '--no-install', join(ROOT, 'examples/plugin-example'))
    expect(link.code).toBe(0)
    const data = JSON.parse(readFileSync(join(home, 'data/package.json'), 'utf8'))
    expect(data.oclif.plugins).toEqual([{name: 'bwops-plugin-example', root: join(ROOT, 'examples/plugin-example'), type: 'link'}])
  })

  it('lists its check with the docs link it chose, and no warning on stderr', () => {
    const r = bwops('checks', '--json')
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    const {checks, notices} = JSON.parse(r.stdout)
    expect(notices).toEqual([])
    expect(checks).toContainEqual(expect.objectContaining({docs: DOCS, id: 'example-non-root', needs: ['taskDefinition'], origin: 'plugin'}))
  })

  it('runs its check in doctor: a root container is a warning whose docs are the plugin\'s', () => {
    const r = bwops('doctor', '--task-definition', legacy, '--check', 'example-non-root', '--check', 'plaintext-credentials', '--json')
    expect(r.stderr).toBe('')
    const report = JSON.parse(r.stdout)
    expect(report.checks.map((c: {id: string}) => c.id).sort()).toEqual(['example-non-root', 'plaintext-credentials'])
    expect(report.findings).toContainEqual(
      expect.objectContaining({check: 'example-non-root', docs: DOCS, evidence: ['container BenchlingWebhookContainer: no user'], severity: 'warning', subject: 'container:BenchlingWebhookContainer'}),
    )
    const md = bwops('doctor', '--task-definition', legacy, '--check', 'example-non-root', '--format', 'markdown')
    expect(md.stdout).toContain(`[docs](${DOCS})`)
  })

  it('passes a container that runs as a user', () => {
    const td = JSON.parse(readFileSync(legacy, 'utf8'))
    for (const c of td.taskDefinition.containerDefinitions) c.user = '1000:1000'
    const file = join(home, 'user-td.json')
    writeFileSync(file, JSON.stringify(td))
    const report = JSON.parse(bwops('doctor', '--task-definition', file, '--check', 'example-non-root', '--json').stdout)
    expect(report.checks).toEqual([expect.objectContaining({id: 'example-non-root', status: 'passed'})])
  })

  it('its committed JavaScript is the build of its TypeScript, type-checked against the package\'s exported types', () => {
    const build = join(home, 'build')
    mkdirSync(join(build, 'node_modules'), {recursive: true})
    for (const f of ['src', 'tsconfig.json', 'package.json']) cpSync(join(ROOT, 'examples/plugin-example', f), join(build, f), {recursive: true})
    // what `npm install` makes of its devDependency "benchling-webhook-ops": "file:../.."
    symlinkSync(ROOT, join(build, 'node_modules/benchling-webhook-ops'), 'dir')
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', build], {encoding: 'utf8'})
    expect(tsc.stdout + tsc.stderr).toBe('')
    expect(readFileSync(join(build, 'dist/checks-hook.js'), 'utf8')).toBe(readFileSync(join(ROOT, 'examples/plugin-example/dist/checks-hook.js'), 'utf8'))
  })
})

describe('a plugin that reads AWS\'s field names', () => {
  it('is told which name bwops\'s facts use, above the report', () => {
    const dir = join(home, 'aws-shaped')
    mkdirSync(join(dir, 'dist'), {recursive: true})
    writeFileSync(join(dir, 'package.json'), JSON.stringify({name: 'bwops-plugin-aws-shaped', oclif: {hooks: {'bwops:checks': './dist/hook.js'}}, type: 'module', version: '1.0.0'}))
    writeFileSync(
      join(dir, 'dist/hook.js'),
      `import {defineCheck} from 'benchling-webhook-ops'
export default async () => [defineCheck({id: 'aws-shaped', needs: ['taskDefinition'], title: 'Reads containerDefinitions',
  run: ({taskDefinition}) => (taskDefinition.containerDefinitions ?? []).flatMap((c) => c.Environment ?? []).map(() => ({detail: 'd', fix: 'f', impact: 'hygiene', severity: 'warning', title: 't'}))})]
`,
    )
    expect(bwops('plugins', 'link', '--no-install', dir).code).toBe(0)
    const r = bwops('doctor', '--task-definition', legacy, '--check', 'aws-shaped', '--json')
    expect(JSON.parse(r.stdout).notices).toEqual([
      'plugin check "aws-shaped" read facts.taskDefinition.containerDefinitions, which bwops\'s facts do not have: read facts.taskDefinition.containers (the facts\' shapes: docs/plugins.md)',
    ])
    const text = bwops('doctor', '--task-definition', legacy, '--check', 'aws-shaped')
    expect(text.stdout + text.stderr).toContain('read facts.taskDefinition.containerDefinitions')
    expect(bwops('plugins', 'unlink', 'bwops-plugin-aws-shaped').code).toBe(0)
  })
})
