#!/usr/bin/env node
import module from 'node:module'

import {checkNodeSupport} from '../dist/node-support.js'

// Node 22 keeps V8's compiled code of the modules below on disk (in the OS's temporary directory,
// checked against each file's content) and skips most of their compiling on later starts; Node 20
// has no such cache for ES modules (docs/architecture.md, cold start)
module.enableCompileCache?.()

// before anything loads the AWS SDK: an SDK that needs a newer Node is said plainly (src/node-support.ts)
checkNodeSupport()
// plugins run as the JavaScript they ship (docs/plugins.md): oclif's attempt to transpile a linked
// plugin's TypeScript cannot work for ESM and only printed a warning on every command (oclif's
// settings are globalThis.oclif)
globalThis.oclif = {...globalThis.oclif, enableAutoTranspile: false}
// @oclif/core in one file, which the commands and hooks import it from (scripts/bundle-commands.mjs)
const {execute} = await import('../dist/oclif-entry.js')
await execute({dir: import.meta.url})
