#!/usr/bin/env node
import {execute} from '@oclif/core'

import {checkNodeSupport} from '../dist/node-support.js'

// before anything loads the AWS SDK: an SDK that needs a newer Node is said plainly (src/node-support.ts)
checkNodeSupport()
await execute({dir: import.meta.url})
