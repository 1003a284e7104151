// Cold start of whole bwops processes: `bwops --help` and `bwops doctor` on the examples, against
// `node -e 0` in the same run: medians (and min/max) of interleaved runs, so a busy moment of the
// machine weighs on every case alike. The goal (issue #12): within 2.4x `node -e 0` (the goals
// table measures it on the offline doctor). Needs a build (npm run bench).
import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const runs = Number(process.env.BENCH_RUNS ?? 15)

const cases = [
  ['node -e 0', ['-e', '0']],
  ['bwops --help', ['bin/run.js', '--help']],
  ['bwops doctor (example bundle)', ['bin/run.js', 'doctor', '--bundle', 'examples/legacy-missing-app-definition-id.bundle.json']],
  ['bwops doctor --json (task def + secret)', ['bin/run.js', 'doctor', '--task-definition', 'examples/sound-secrets-only.task-definition.json', '--secret-file', 'examples/sound-secret.json', '--json']],
]

function time(args) {
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, {cwd: root, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}})
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status === 2 || result.error) throw new Error(`${args.join(' ')} failed: ${result.stderr || result.error}`)
  return ms
}

export function coldStart() {
  const samples = cases.map(() => [])
  for (const [, args] of cases) time(args) // warm the file system cache once
  for (let i = 0; i < runs; i++) cases.forEach(([, args], c) => samples[c].push(time(args)))
  const rows = cases.map(([name], c) => {
    const sorted = samples[c].sort((a, b) => a - b)
    return {max: sorted.at(-1), median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], name, runs}
  })
  const node = rows[0].median
  return rows.map((r) => ({...r, ratio: r.median / node}))
}

export function printColdStart() {
  for (const r of coldStart()) {
    console.log(`${r.name.padEnd(42)} median ${r.median.toFixed(0).padStart(4)} ms  ${r.ratio.toFixed(2)}x node -e 0  (min ${r.min.toFixed(0)}, max ${r.max.toFixed(0)}, ${r.runs} runs)`)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) printColdStart()
