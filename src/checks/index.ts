import type {AnyCheck} from './types.js'

import containerLogSignatures from './container-log-signatures.js'
import deploymentVerdict from './deployment-verdict.js'
import envComplete from './env-complete.js'
import healthCheck from './health-check.js'
import iam from './iam.js'
import localProbe from './local-probe.js'
import logGroup from './log-group.js'
import plaintextCredentials from './plaintext-credentials.js'
import quiltStackOutputs from './quilt-stack-outputs.js'
import secretAccess from './secret-access.js'
import secretFormat from './secret-format.js'
import secretReferences from './secret-references.js'
import serviceEvents from './service-events.js'
import stackRollback from './stack-rollback.js'
import stoppedTaskCauses from './stopped-task-causes.js'

/**
 * The built-in checks, in the order their findings rank on a tie: causes before consequences
 * (what stops a task from starting, then what fails its health, then hygiene).
 */
export const builtinChecks: AnyCheck[] = [
  // Live checks first: they are closest to the observed failure.
  deploymentVerdict,
  stoppedTaskCauses,
  containerLogSignatures,
  localProbe,
  serviceEvents,
  stackRollback,
  quiltStackOutputs,
  secretAccess,
  healthCheck, secretReferences, secretFormat, envComplete, iam, plaintextCredentials, logGroup]
