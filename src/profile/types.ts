import type {LogSignature} from '../catalogue/types.js'
import type {Mode} from '../facts/types.js'

/** How a variable's value must look. */
export type ValueKind =
  | 'text'
  | 'host'
  | 'bucket'
  | 'glue-database'
  | 'sqs-arn'
  | 'cloudformation-stack-arn'
  | 'secret-id'
  | 'tenant'
  | 'app-definition-id'
  | 'boolean'
  | 'log-level'
  | 'port'

export interface EnvSpec {
  name: string
  required: boolean
  kind: ValueKind
  /** may come from the task definition's `secrets` instead of `environment` */
  secretAllowed?: boolean
  /** holds a credential: never in plain `environment` */
  credential?: boolean
  /** names that mean the same thing and drifted, e.g. PACKAGE_PREFIX for PKG_PREFIX */
  aliases?: string[]
  /** other variables that satisfy this one when present (BENCHLING_SECRETS for the credentials) */
  satisfiedBy?: string[]
  default?: string
  description: string
}

export interface SecretKeySpec {
  name: string
  required: boolean
  kind: ValueKind
  /** a credential: its value is never shown, only its shape */
  credential?: boolean
  description: string
}

/** Which resource of the deployment a permission is needed on. */
export type ResourceRef =
  | 'benchling-secret'
  | 'referenced-secrets'
  | 'quilt-stack'
  | 'queue'
  | 'bucket'
  | 'bucket-objects'
  | 'athena-workgroup'
  /** the Glue catalog, the Quilt database and its tables */
  | 'glue-database'
  | 'log-group'
  | 'image-repository'
  | '*'

export interface PermissionNeed {
  actions: string[]
  resource: ResourceRef
  why: string
  /** needed only in this mode; both when absent */
  mode?: Mode
  /**
   * the Sid of the statement a generated template grants it with (letters and digits); needs of one
   * role that share a Sid share a statement, so they must share the resource
   */
  sid?: string
}

export interface Profile {
  id: string
  title: string
  names: {
    stack: string
    cluster: string
    service: string
    taskFamily: string
    container: string
    port: number
    logGroup: string
    logStreamPrefix: string
    image: string
  }
  health: {
    paths: string[]
    /** the path the load balancer should ask */
    targetGroupPaths: string[]
    /** a Python service needs about this long to boot before its first health check counts */
    minStartPeriodSeconds: number
    minGracePeriodSeconds: number
  }
  env: Record<Mode, EnvSpec[]>
  /** variables either mode may carry without being wrong */
  commonEnv: EnvSpec[]
  secret: {
    keys: SecretKeySpec[]
    optionalKeys: SecretKeySpec[]
    /** names people write for the keys the app reads, that case folding cannot reach */
    aliases: Record<string, string>
  }
  permissions: {task: PermissionNeed[]; execution: PermissionNeed[]}
  quiltStackOutputs: {required: string[][]; catalog: string[]}
  /** the service's own failure signatures in its logs; the catalogue adds the generic ones */
  logSignatures: LogSignature[]
  /** the log levels the app accepts */
  logLevels: string[]
  /** what the app logs when a mode's required variables are missing */
  missingConfigMessage: Record<Mode, string>
}
