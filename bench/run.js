// `npm run bench`: every benchmark of the project, one after the other: the goals table first.
import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {printColdStart} from './cold-start.js'
import {printStartProfile} from './start-profile.js'

// the mocked clients of the TypeScript benchmarks are built directly, not through createClients
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

/** A TypeScript benchmark, compiled by `npm run bench` into dist-bench/. */
async function runCompiled(name) {
  const file = fileURLToPath(new URL(`../dist-bench/bench/${name}`, import.meta.url))
  if (!existsSync(file)) {
    console.log(`\n== ${name}: not compiled (run npm run bench)`)
    return
  }

  console.log(`\n== ${name.replace('.js', '')}`)
  const mod = await import(file)
  if (typeof mod.main === 'function') await mod.main()
}

await runCompiled('goals.js')

console.log('\n== cold start (whole process)')
printColdStart()

printStartProfile()

for (const name of ['live-doctor.js', 'deploy-watch.js']) await runCompiled(name)
