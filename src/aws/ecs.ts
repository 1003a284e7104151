import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  type DesiredStatus,
  type ECSClient,
  ListTasksCommand,
  type Service,
  type Task,
  type TaskDefinition,
} from '@aws-sdk/client-ecs'

import {call, type CallContext} from './calls.js'
import {AwsCallError} from './errors.js'

// The ECS calls bwops makes: one service, its tasks, their task definitions.

type Ctx = CallContext<{ecs: ECSClient}>

export type ServiceLookup =
  | {status: 'found'; service: Service}
  | {status: 'cluster-not-found'}
  /** ECS's failure reason, MISSING for a service that never existed */
  | {status: 'service-not-found'; reason: string}

/** DescribeServices for one service, with its tags (they name the CloudFormation stack that made it). */
export async function describeService(ctx: Ctx, cluster: string, service: string): Promise<ServiceLookup> {
  try {
    const out = await call(ctx, 'ecs:DescribeServices', () =>
      ctx.clients.ecs.send(new DescribeServicesCommand({cluster, include: ['TAGS'], services: [service]})),
    )
    const found = out.services?.[0]
    if (found) return {service: found, status: 'found'}
    return {reason: out.failures?.[0]?.reason ?? 'MISSING', status: 'service-not-found'}
  } catch (error) {
    if (error instanceof AwsCallError && error.awsName === 'ClusterNotFoundException') return {status: 'cluster-not-found'}
    throw error
  }
}

/** ListTasks of one service in one desired status, every page, up to `max` task ARNs. */
export async function listTaskArns(ctx: Ctx, cluster: string, service: string, desiredStatus: DesiredStatus, max = 500): Promise<string[]> {
  const arns: string[] = []
  let nextToken: string | undefined
  do {
    const out = await call(ctx, 'ecs:ListTasks', () =>
      ctx.clients.ecs.send(new ListTasksCommand({cluster, desiredStatus, maxResults: 100, nextToken, serviceName: service})),
    )
    arns.push(...(out.taskArns ?? []))
    nextToken = out.nextToken
  } while (nextToken && arns.length < max)
  return arns.slice(0, max)
}

/** DescribeTasks in batches of 100 (the API's limit), the batches in parallel. */
export async function describeTasks(ctx: Ctx, cluster: string, taskArns: string[]): Promise<Task[]> {
  const batches: string[][] = []
  for (let i = 0; i < taskArns.length; i += 100) batches.push(taskArns.slice(i, i + 100))
  const results = await Promise.all(
    batches.map((tasks) => call(ctx, 'ecs:DescribeTasks', () => ctx.clients.ecs.send(new DescribeTasksCommand({cluster, tasks})))),
  )
  return results.flatMap((out) => out.tasks ?? [])
}

/** DescribeTaskDefinition; undefined when ECS does not know it (deregistered long ago, or a wrong ARN). */
export async function describeTaskDefinition(ctx: Ctx, taskDefinition: string): Promise<TaskDefinition | undefined> {
  try {
    const out = await call(ctx, 'ecs:DescribeTaskDefinition', () =>
      ctx.clients.ecs.send(new DescribeTaskDefinitionCommand({taskDefinition})),
    )
    return out.taskDefinition && withoutNullEntries(out.taskDefinition)
  } catch (error) {
    // ECS says "Unable to describe task definition." as a ClientException, not a NotFound
    if (error instanceof AwsCallError && error.awsName === 'ClientException' && /unable to describe task definition/i.test(error.awsMessage)) {
      return undefined
    }

    throw error
  }
}

/**
 * ECS never answers a null list entry. An emulator does (moto renders CloudFormation's
 * AWS::NoValue inside a list, such as a conditional environment variable, as null), and AWS
 * drops such an entry when it registers the task definition. It carries no name and no value,
 * so dropping it here reads the answer as AWS would have written it, instead of refusing it.
 */
export function withoutNullEntries<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map((v) => withoutNullEntries(v)) as T
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNullEntries(v)])) as T
  }

  return value
}
