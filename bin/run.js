#!/usr/bin/env node
import {checkNodeSupport} from '../dist/node-support.js'

// before anything loads the AWS SDK: an SDK that needs a newer Node is said plainly (src/node-support.ts)
checkNodeSupport()
// @oclif/core, bundled with the commands (scripts/bundle-commands.mjs)
const {execute} = await import('../dist/oclif-entry.js')
await execute({dir: import.meta.url})
