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
 * The built-in checks, in the order their findings rank on a tie (after severity and impact):
 * causes before consequences. What is wrong in the configuration (a secret, a variable, a
 * permission, a health check) comes first, then what was observed (why tasks stopped, what their
 * logs say, what a local run did), then the failure as ECS and CloudFormation report it.
 */
export const builtinChecks: AnyCheck[] = [
  // the configuration: causes
  secretAccess,
  quiltStackOutputs,
  secretReferences,
  secretFormat,
  envComplete,
  iam,
  healthCheck,
  logGroup,
  // what was observed: the evidence
  stoppedTaskCauses,
  containerLogSignatures,
  localProbe,
  // the failure as reported: consequences
  serviceEvents,
  stackRollback,
  deploymentVerdict,
  // hygiene
  plaintextCredentials,
]
