import {narrow} from './contracts.js'
import {v05} from './lines/v0.5.js'
import {v06v07} from './lines/v0.6-v0.7.js'
import type {PermissionNeed, Profile} from './types.js'

// The webhook as `bwops deploy` runs it, and the names every command finds it by: legacy mode as
// v0.5.4 reads it, secrets-only mode as v0.7.10 reads it (QuiltStackARN and BenchlingSecret, a
// 10-key secret), port 5000 behind an ALB. `doctor` judges a deployment by the contract of its own
// release instead (contracts.ts, select.ts); the two agree on every name.

const legacy = narrow(v05, '0.5.4')
const secretsOnly = narrow(v06v07, '0.7.10')

const shared = (n: PermissionNeed) => legacy.permissions.task.some((m) => m.sid === n.sid && m.resource === n.resource && m.actions.join() === n.actions.join())

export const benchlingWebhookProfile: Profile = {
  ...secretsOnly,
  commonEnv: [...secretsOnly.commonEnv, ...legacy.commonEnv.filter((s) => !secretsOnly.commonEnv.some((t) => t.name === s.name))],
  env: {legacy: legacy.env.legacy, 'secrets-only': secretsOnly.env['secrets-only']},
  missingConfigMessage: {legacy: legacy.missingConfigMessage.legacy, 'secrets-only': secretsOnly.missingConfigMessage['secrets-only']},
  permissions: {
    execution: secretsOnly.permissions.execution,
    // what both modes need, then what only secrets-only mode needs (the app reads the Quilt stack and the secret itself)
    task: [...secretsOnly.permissions.task.filter(shared), ...secretsOnly.permissions.task.filter((n) => !shared(n)).map((n) => ({...n, mode: 'secrets-only' as const}))],
  },
  release: {...secretsOnly.release, line: 'bwops deploy', modes: ['legacy', 'secrets-only'], title: 'as bwops deploy runs it: legacy mode as v0.5.4, secrets-only mode as v0.7.10', version: undefined},
}
