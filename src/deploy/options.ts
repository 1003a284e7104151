import type {Mode} from '../facts/types.js'

/**
 * A credential read from a file or standard input. The value is kept off every enumerable or
 * printable path (JSON, string, inspect), so a stray log line shows *** rather than the secret.
 */
export class SecretValue {
  readonly #value: string

  constructor(
    value: string,
    /** where it came from, for messages: "--client-secret-file x", "standard input" */
    readonly from: string,
  ) {
    this.#value = value
  }

  reveal(): string {
    return this.#value
  }

  toJSON(): string {
    return '***'
  }

  toString(): string {
    return '***'
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SecretValue(*** from ${this.from})`
  }
}

export interface LegacyValues {
  catalog?: string
  database?: string
  bucket?: string
  queueArn?: string
  tenant?: string
  clientId?: string
  appId?: string
  pkgPrefix?: string
  pkgKey?: string
}

/** Where the legacy client secret comes from: an existing secret, or a value the deploy stores. */
export type ClientSecretSource = {kind: 'reference'; id: string} | {kind: 'value'; value: SecretValue}

/** What the command hands the deploy service: flags, already parsed and read. */
export interface DeployOptions {
  mode?: Mode
  stackName: string
  region?: string
  profile?: string
  endpointUrl?: string
  image?: string
  imageTag?: string
  quiltStackArn?: string
  benchlingSecret?: string
  legacy: LegacyValues
  clientSecret?: ClientSecretSource
  logLevel?: string
  enableWebhookVerification?: boolean
  vpcId?: string
  subnetIds?: string[]
  desiredCount?: number
  yes: boolean
  dryRun: boolean
  force: boolean
  timeoutSeconds: number
  pollSeconds: number
}
