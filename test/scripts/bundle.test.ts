import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

import {lazyRequires} from '../../scripts/lazy-require.mjs'
import {OCLIF_LAZY, oclifEdits} from '../../scripts/oclif-shims.mjs'

// The cold-start bundle (scripts/bundle-commands.mjs): what its rewriting of @oclif/core does, and
// what a built offline run loads. `npm test` builds first (pretest).

const root = fileURLToPath(new URL('../..', import.meta.url))

/** Runs a module's text as CommonJS with a require that records what it was asked for. */
function evaluate(text: string, modules: Record<string, unknown>): {exports: Record<string, unknown>; required: string[]} {
  const required: string[] = []
  const exports: Record<string, unknown> = {}
  const require = (id: string) => {
    required.push(id)
    return modules[id]
  }
  // eslint-disable-next-line no-new-func
  new Function('require', 'exports', text)(require, exports)
  return {exports, required}
}

describe('lazy requires in @oclif/core (scripts/lazy-require.mjs)', () => {
  const tscModule = [
    '"use strict";',
    'var __importDefault = (this && this.__importDefault) || function (mod) { return (mod && mod.__esModule) ? mod : { "default": mod }; };',
    'Object.defineProperty(exports, "__esModule", { value: true });',
    'const help_1 = require("./help");',
    'const ejs_1 = __importDefault(require("ejs"));',
    'require("./side-effect");',
    'exports.Parser = __importStar(require("./parser"));',
    'function __importStar(m) { return m; }',
    'exports.render = (s) => (0, ejs_1.default).render(s);',
    'exports.help = () => new help_1.Help("x").text;',
  ].join('\n')
  const modules = {'./help': {Help: class { constructor(public text: string) {} }}, './parser': {parse: 1}, './side-effect': {}, ejs: {render: (s: string) => `<${s}>`}}

  it('requires a module when its binding is first used, not when the module loads', () => {
    const {exports, required} = evaluate(lazyRequires(tscModule).text, modules)
    expect(required).toEqual(['./side-effect'])
    expect((exports.render as (s: string) => string)('a')).toBe('<a>')
    expect(required).toEqual(['./side-effect', 'ejs'])
    expect((exports.help as () => string)()).toBe('x')
    expect((exports.Parser as {parse: number}).parse).toBe(1)
    expect(required).toEqual(['./side-effect', 'ejs', './help', './parser'])
  })

  it('requires each module once, and names what it rewrote', () => {
    const {lazied, text} = lazyRequires(tscModule)
    expect(lazied).toEqual(['help_1', 'ejs_1'])
    const {exports, required} = evaluate(text, modules)
    ;(exports.render as (s: string) => string)('a')
    ;(exports.render as (s: string) => string)('b')
    expect(required.filter((r) => r === 'ejs')).toHaveLength(1)
  })

  it('leaves a module without such requires as it was', () => {
    const plain = 'const x = require("y");\nexports.a = x;'
    expect(lazyRequires(plain)).toEqual({lazied: [], text: plain})
  })
})

describe('edits to @oclif/core (scripts/oclif-shims.mjs)', () => {
  const lib = join(createRequire(import.meta.url).resolve('@oclif/core'), '..')

  it.each(Object.entries(oclifEdits).flatMap(([file, edits]) => edits.map(([why, find]) => [file, why, find])))(
    '%s: %s still applies to the installed @oclif/core (its text is there once)',
    (file, _why, find) => {
      const text = readFileSync(join(lib, file), 'utf8')
      expect(text.split(find)).toHaveLength(2)
    },
  )
})

describe('a built offline run (dist/, bin/run.js)', () => {
  function modulesOf(args: string[]): {files: string[]; status: number | null; stdout: string} {
    const dir = mkdtempSync(join(tmpdir(), 'bwops-modules-'))
    try {
      const list = join(dir, 'modules.txt')
      const r = spawnSync(process.execPath, ['--import', './test/fixtures/loader/list-modules.mjs', 'bin/run.js', ...args], {cwd: root, encoding: 'utf8', env: {...process.env, BWOPS_MODULE_LIST: list, DEBUG: '', NO_COLOR: '1'}})
      return {files: readFileSync(list, 'utf8').trim().split('\n').map((f) => f.slice(root.length)), status: r.status, stdout: r.stdout}
    } finally {
      rmSync(dir, {force: true, recursive: true})
    }
  }

  it('doctor on files loads a few files of bwops, no AWS SDK client and none of what oclif needs only for other runs', () => {
    const {files, status, stdout} = modulesOf(['doctor', '--task-definition', 'examples/sound-secrets-only.task-definition.json', '--secret-file', 'examples/sound-secret.json'])
    expect(status).toBe(0)
    expect(stdout).toContain('PASSED')
    expect(files.filter((f) => f.startsWith('node_modules/@aws-sdk/client-'))).toEqual([])
    const lazyLoaded = files.filter((f) => OCLIF_LAZY.some((p) => f.startsWith(`node_modules/${p}/`)))
    expect(lazyLoaded).toEqual([])
    // bin/run.js, its Node check, oclif, the init hook, the command and the chunks it shares with
    // what it imports only for live and Docker runs
    expect(files.filter((f) => f.startsWith('dist/')).length).toBeLessThanOrEqual(12)
  })

  it('--json (whose findings carry the line they are about) reads its inputs with the bundled YAML parser, one file', () => {
    const {files, status, stdout} = modulesOf(['doctor', '--task-definition', 'examples/sound-secrets-only.task-definition.json', '--secret-file', 'examples/sound-secret.json', '--json'])
    expect(status).toBe(0)
    expect(JSON.parse(stdout).findings.some((f: {location?: {line?: number}}) => f.location?.line !== undefined)).toBe(true)
    expect(files).toContain('dist/vendor/yaml.cjs')
    expect(files.filter((f) => f.startsWith('node_modules/yaml/'))).toEqual([])
  })

  it('--help loads what help needs, when it needs it', () => {
    const {files, status, stdout} = modulesOf(['--help'])
    expect(status).toBe(0)
    expect(stdout).toContain('doctor')
    expect(files.some((f) => f.startsWith('node_modules/wrap-ansi/'))).toBe(true)
    expect(files.filter((f) => f.startsWith('dist/commands/'))).toEqual([])
  })
})
