// Where the offline doctor's start goes: the run under `node --cpu-prof`, its profile's self time
// summed by what it belongs to (a file of bwops's bundle, a package, Node's module loaders, V8's
// compiler, GC), the top costs first. Profiling slows a run (about 1.5x); the shares are what to
// read. Needs a build (npm run bench).
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const DOCTOR = ['bin/run.js', 'doctor', '--task-definition', 'examples/sound-secrets-only.task-definition.json', '--secret-file', 'examples/sound-secret.json']

/** What a profile node's self time is charged to. */
export function costOf(frame) {
  const {functionName: fn, url} = frame
  if (fn === '(garbage collector)') return 'V8: garbage collection'
  if (fn === '(idle)') return 'idle: waiting on file reads'
  if (fn === '(program)') return 'V8 and Node native code'
  if (fn === 'compileSourceTextModule' || fn === 'wrapSafe' || fn === 'compileFunction') return 'V8: compiling modules (parse)'
  if (!url) return 'Node: file system and other native calls'
  if (url.startsWith('node:internal/modules/esm/')) return 'Node: ES module loader (resolve, read, link)'
  if (url.startsWith('node:internal/modules/') || url === 'node:internal/url') return 'Node: module resolution (CommonJS, package.json)'
  if (url === 'node:internal/bootstrap/realm') return 'Node: loading built-in modules'
  if (url.startsWith('node:')) return 'Node: other internals (startup, fs, streams)'
  const file = url.startsWith('file://') ? fileURLToPath(url) : url
  const rel = file.startsWith(root) ? file.slice(root.length) : file
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(rel)
  if (pkg) return `package ${pkg[1]}`
  if (rel === 'dist/oclif-entry.js') return 'dist/oclif-entry.js (@oclif/core: config, plugins, parse)'
  return rel
}

/** Self time in ms per cost, from one .cpuprofile's JSON. */
export function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const out = new Map()
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i])
    const key = costOf(node.callFrame)
    out.set(key, (out.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  }

  return out
}

/** The top costs of the offline doctor's start over `runs` profiled runs (mean ms, share of the run). */
export function startProfile(runs = 3, top = 8) {
  const dir = mkdtempSync(join(tmpdir(), 'bwops-prof-'))
  try {
    for (let i = 0; i < runs; i++) {
      const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '250', ...DOCTOR], {cwd: root, env: {...process.env, NO_COLOR: '1'}})
      if (r.status === 2 || r.error) throw new Error(`profiled doctor failed: ${r.stderr || r.error}`)
    }

    const sum = new Map()
    const profiles = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))
    for (const f of profiles) {
      for (const [k, ms] of selfTimes(JSON.parse(readFileSync(join(dir, f), 'utf8')))) sum.set(k, (sum.get(k) ?? 0) + ms)
    }

    const total = [...sum.values()].reduce((a, b) => a + b, 0) / profiles.length
    const rows = [...sum].map(([cost, ms]) => ({cost, ms: ms / profiles.length})).sort((a, b) => b.ms - a.ms)
    return {rows: rows.slice(0, top).map((r) => ({...r, share: r.ms / total})), runs: profiles.length, total}
  } finally {
    rmSync(dir, {force: true, recursive: true})
  }
}

export function printStartProfile() {
  const {rows, runs, total} = startProfile()
  console.log(`top costs of the offline doctor's start (self time under --cpu-prof, mean of ${runs} runs, ${total.toFixed(0)} ms profiled):`)
  for (const r of rows) console.log(`  ${r.ms.toFixed(1).padStart(6)} ms ${`${(r.share * 100).toFixed(0)}%`.padStart(4)}  ${r.cost}`)
}

if (import.meta.url === `file://${process.argv[1]}`) printStartProfile()
