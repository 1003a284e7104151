import type {CloudFormationClient, Stack} from '@aws-sdk/client-cloudformation'
import type {Service, TaskDefinition as EcsTaskDefinition} from '@aws-sdk/client-ecs'

import type {AwsContext} from '../../aws/clients.js'
import {describeTaskDefinition} from '../../aws/ecs.js'
import {AwsCallError} from '../../aws/errors.js'
import type {CallerIdentity} from '../../aws/sts.js'
import type {Profile} from '../../profile/types.js'
import {type FactResult, unknown} from '../facts.js'

/** Which deployment a live run looks at, as target resolution found it (src/services/live-target.ts). */
export interface LiveTarget {
  region: string
  cluster: string
  service: string
  /** the webhook stack, when known (from --stack-name, or the service's aws:cloudformation:stack-name tag) */
  stackName?: string
  /** the stack's EcsLogGroup output */
  logGroup?: string
  /** the stack's WebhookEndpoint output */
  webhookEndpoint?: string
  /** answers fetched while resolving, reused so each call happens once per run */
  seen: {service: Service; stack?: Stack; caller?: CallerIdentity}
}

/** One live run: the target, the AWS context, and a cache so no call is made twice. */
export class LiveRun {
  private readonly cache = new Map<string, Promise<unknown>>()

  constructor(
    readonly ctx: AwsContext,
    readonly target: LiveTarget,
    readonly profile: Profile,
    /** a CloudFormation client for another region (the Quilt stack's ARN may name one) */
    private readonly cloudformationIn?: (region: string) => CloudFormationClient,
  ) {}

  /** The context to ask CloudFormation in `region`: this run's, or one with a client for that region (same counter and limiter). */
  cloudformation(region: string): AwsContext | undefined {
    if (region === this.ctx.region) return this.ctx
    const client = this.cloudformationIn?.(region)
    return client ? {...this.ctx, clients: {...this.ctx.clients, cloudformation: client}, region} : undefined
  }

  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let pending = this.cache.get(key) as Promise<T> | undefined
    if (!pending) {
      pending = load()
      this.cache.set(key, pending)
    }

    return pending
  }

  taskDefinition(arn: string): Promise<EcsTaskDefinition | undefined> {
    return this.once(`ecs:DescribeTaskDefinition ${arn}`, () => describeTaskDefinition(this.ctx, arn))
  }
}

/** A loader whose AWS call failed gives an unknown fact saying which call, which error, what to grant. */
export async function guard<T>(load: () => Promise<FactResult<T>>): Promise<FactResult<T>> {
  try {
    return await load()
  } catch (error) {
    if (error instanceof AwsCallError) return unknown(error.message, true)
    throw error
  }
}
