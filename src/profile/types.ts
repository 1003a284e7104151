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
  | 'sqs-url'

/**
 * Where an upstream fact comes from: `tag:path[:lines]` in quiltdata/benchling-webhook, e.g.
 * `v0.18.0:docker/src/config.py:93-126`. Every fact a contract states carries one.
 */
export type Citation = string

/** The releases a fact holds for inside its line: from `since` (inclusive) to `before` (exclusive). */
export interface VersionBounds {
  since?: string
  before?: string
}

export interface EnvSpec extends VersionBounds {
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
  cite: Citation
}

export interface SecretKeySpec extends VersionBounds {
  name: string
  required: boolean
  kind: ValueKind
  /** a credential: its value is never shown, only its shape */
  credential?: boolean
  /** the app accepts an empty string (webhook_allow_list: no IP filter) */
  mayBeEmpty?: boolean
  description: string
  cite: Citation
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
  cite: Citation
}

/** A container of the task other than the webhook, judged by its own role. */
export interface SidecarSpec extends VersionBounds {
  name: string
  /** what it does, in words */
  role: string
  essential: boolean
  cite: Citation
}

/** Which release line of the upstream app a profile states the rules of. */
export interface ReleaseInfo {
  /** `v0.5`, `v0.6-v0.7`, `v0.8.0-v0.8.8`, `v0.8.9+`, or `any` for what holds for every line */
  line: string
  title: string
  /** first release of the line (inclusive) and the first release after it */
  from?: string
  before?: string
  /** the modes the line runs in */
  modes: Mode[]
  /** the exact release, when it is known; bounded facts are then narrowed to it */
  version?: string
  /** citations for the facts that are not lists of specs (port, health, load balancer, names) */
  cites: Record<string, Citation>
}

export interface Profile {
  id: string
  title: string
  release: ReleaseInfo
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
    /** the load balancer upstream's stack puts in front: 'application' (ALB) or 'network' (NLB); both for `any` */
    loadBalancers: Array<'application' | 'network'>
  }
  /** the ports the app may listen on by default (one per line; both for `any`) */
  ports: number[]
  sidecars: SidecarSpec[]
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
  quiltStackOutputs: {required: string[][]; catalog: string[]; cite?: Citation}
  /** the service's own failure signatures in its logs; the catalogue adds the generic ones */
  logSignatures: LogSignature[]
  /** the log levels the app accepts */
  logLevels: string[]
  /** what the app logs when a mode's required variables are missing */
  missingConfigMessage: Record<Mode, string>
}
