// `npm run bench`: every benchmark of the project, one after the other.
import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {coldStart} from './cold-start.js'

// the mocked clients of the TypeScript benchmarks are built directly, not through createClients
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

console.log('== cold start (whole process)')
for (const r of coldStart()) {
  console.log(`${r.name.padEnd(42)} median ${r.median.toFixed(0).padStart(4)} ms  (min ${r.min.toFixed(0)}, max ${r.max.toFixed(0)}, ${r.runs} runs; goal ${r.goal})`)
}

// The TypeScript benchmarks, compiled by `npm run bench` into dist-bench/: the goals table first.
for (const name of ['goals.js', 'live-doctor.js', 'deploy-watch.js']) {
  const file = fileURLToPath(new URL(`../dist-bench/bench/${name}`, import.meta.url))
  if (!existsSync(file)) {
    console.log(`\n== ${name}: not compiled (run npm run bench)`)
    continue
  }

  console.log(`\n== ${name.replace('.js', '')}`)
  const mod = await import(file)
  if (typeof mod.main === 'function') await mod.main()
}
