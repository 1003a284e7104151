// Cold start of whole bwops processes: `bwops --help` and `bwops doctor` on a bundled example,
// median (and min/max) over several runs. Goal: under 300 ms each. Needs a build (npm run bench).
import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const runs = Number(process.env.BENCH_RUNS ?? 15)

const cases = [
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
  const rows = []
  for (const [name, args] of cases) {
    time(args) // warm the file system cache once
    const samples = Array.from({length: runs}, () => time(args)).sort((a, b) => a - b)
    const median = samples[Math.floor(samples.length / 2)]
    rows.push({goal: 'under 300 ms', max: samples.at(-1), median, min: samples[0], name, runs})
  }
  return rows
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of coldStart()) {
    console.log(`${r.name.padEnd(42)} median ${r.median.toFixed(0).padStart(4)} ms  (min ${r.min.toFixed(0)}, max ${r.max.toFixed(0)}, ${r.runs} runs; goal ${r.goal})`)
  }
}
