import type {AnyCheck} from './types.js'

import plaintextCredentials from './plaintext-credentials.js'

/**
 * The built-in checks, in the order their findings rank on a tie: causes before consequences
 * (what stops a task from starting, then what fails its health, then hygiene).
 */
export const builtinChecks: AnyCheck[] = [plaintextCredentials]
