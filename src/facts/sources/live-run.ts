import type {CloudFormationClient, Stack, StackEvent} from '@aws-sdk/client-cloudformation'
import type {LogGroup} from '@aws-sdk/client-cloudwatch-logs'
import type {Service, TaskDefinition as EcsTaskDefinition} from '@aws-sdk/client-ecs'

import type {AwsContext} from '../../aws/clients.js'
import {stackEventsOfLastOperation} from '../../aws/cloudformation.js'
import {describeTaskDefinition, describeTasks, listTaskArns} from '../../aws/ecs.js'
import {describeLogGroup} from '../../aws/logs.js'
import {AwsCallError} from '../../aws/errors.js'
import type {CallerIdentity} from '../../aws/sts.js'
import type {Profile} from '../../profile/types.js'
import {type FactResult, unknown} from '../facts.js'
import type {TasksFact} from '../live-types.js'
import {taskFrom} from './live-convert.js'

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

/**
 * The live reads of one run, each AWS call made once (keyed by what it asks): the loaders and the
 * speculative reads started from the stack (live-prefetch.ts) share this cache, so a read begun
 * while the service is still being looked up is the one a fact later awaits.
 */
export class LiveReads {
  constructor(
    readonly ctx: AwsContext,
    /** a CloudFormation client for another region (the Quilt stack's ARN may name one) */
    protected readonly cloudformationIn?: (region: string) => CloudFormationClient,
    protected readonly cache = new Map<string, Promise<unknown>>(),
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

  /** The cache, for a run that goes on from these reads. */
  shared(): Map<string, Promise<unknown>> {
    return this.cache
  }

  /** Starts a read nobody awaits yet: its failure is kept for whoever asks, never left unhandled. */
  start(read: Promise<unknown>): void {
    read.catch(() => undefined)
  }

  taskDefinition(arn: string): Promise<EcsTaskDefinition | undefined> {
    return this.once(`ecs:DescribeTaskDefinition ${arn}`, () => describeTaskDefinition(this.ctx, arn))
  }

  /** ListTasks of one desired status, every page; cluster and service by name. */
  taskArns(cluster: string, service: string, status: 'RUNNING' | 'STOPPED'): Promise<string[]> {
    return this.once(`ecs:ListTasks ${cluster} ${service} ${status}`, () => listTaskArns(this.ctx, cluster, service, status))
  }

  /**
   * The service's tasks: both lists, then one DescribeTasks for all (in batches of 100), the stopped
   * newest stop first. Cluster and service by name.
   */
  tasks(cluster: string, service: string): Promise<TasksFact> {
    return this.once(`tasks ${cluster} ${service}`, async () => {
      const [stoppedArns, runningArns] = await Promise.all([this.taskArns(cluster, service, 'STOPPED'), this.taskArns(cluster, service, 'RUNNING')])
      const described = (await describeTasks(this.ctx, cluster, [...stoppedArns, ...runningArns])).map(taskFrom)
      const stopped = new Set(stoppedArns)
      const newestStop = (a: {stoppedAt?: string; createdAt?: string}) => a.stoppedAt ?? a.createdAt ?? ''
      return {
        running: described.filter((t) => !stopped.has(t.taskArn)),
        stopped: described.filter((t) => stopped.has(t.taskArn)).sort((a, b) => newestStop(b).localeCompare(newestStop(a))),
      }
    })
  }

  /** DescribeLogGroups for one group: undefined when it does not exist. */
  logGroup(name: string): Promise<LogGroup | undefined> {
    return this.once(`logs:DescribeLogGroups ${name}`, () => describeLogGroup(this.ctx, name))
  }

  /** The stack's events back to the start of its last operation. */
  stackEvents(name: string, stackId?: string): Promise<StackEvent[]> {
    return this.once(`cloudformation:DescribeStackEvents ${stackId ?? name}`, () => stackEventsOfLastOperation(this.ctx, name, stackId))
  }
}

/** One live run: the target, and the run's reads (each AWS call made once). */
export class LiveRun extends LiveReads {
  constructor(
    ctx: AwsContext,
    readonly target: LiveTarget,
    readonly profile: Profile,
    cloudformationIn?: (region: string) => CloudFormationClient,
    /** the reads already started for this run (target resolution's speculative ones) */
    reads?: LiveReads,
  ) {
    super(ctx, cloudformationIn, reads?.shared())
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
