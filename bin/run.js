#!/usr/bin/env node
import {checkNodeSupport} from '../dist/node-support.js'

// before anything loads the AWS SDK: an SDK that needs a newer Node is said plainly (src/node-support.ts)
checkNodeSupport()
// plugins run as the JavaScript they ship (docs/plugins.md): oclif's attempt to transpile a linked
// plugin's TypeScript cannot work for ESM and only printed a warning on every command (oclif's
// settings are globalThis.oclif)
globalThis.oclif = {...globalThis.oclif, enableAutoTranspile: false}
// @oclif/core, bundled with the commands (scripts/bundle-commands.mjs)
const {execute} = await import('../dist/oclif-entry.js')
await execute({dir: import.meta.url})
