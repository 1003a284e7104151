import type {Stack, StackResource} from '@aws-sdk/client-cloudformation'
import type {Service} from '@aws-sdk/client-ecs'

import type {AwsContext} from '../aws/clients.js'
import {describeStack, describeStackResources, getTemplateBody} from '../aws/cloudformation.js'
import {describeService} from '../aws/ecs.js'
import {AwsCallError} from '../aws/errors.js'
import {type CallerIdentity, getCallerIdentity} from '../aws/sts.js'
import {redactText} from '../catalogue/redact.js'
import {ecsNameOf} from '../checks/lib/arn.js'
import {UserError} from '../errors.js'
import type {StackParts, StackView} from '../facts/sources/live-prefetch.js'
import type {LiveTarget} from '../facts/sources/live-run.js'
import type {Profile} from '../profile/types.js'

// Which deployment a live run looks at, found before any check runs, so that missing credentials,
// an unknown stack, cluster or service, or the wrong region stop the run with one clear message
// (exit 2) instead of every check failing on its own.

export interface LiveTargetOptions {
  stackName?: string
  cluster?: string
  service?: string
  profile?: string
}

/**
 * What target resolution tells the doctor's reads ahead (src/facts/sources/live-prefetch.ts) as
 * soon as it learns it; status and logs pass none.
 */
export interface Speculate {
  /** whether to read the stack's template beside it */
  template: boolean
  names(cluster: string, service: string): void
  stack(view: StackView): void
  resources(parts: StackParts, stack: Promise<Stack | undefined>): void
  service(service: Service): void
}

const OUTPUTS = {cluster: 'ClusterName', logGroup: 'EcsLogGroup', service: 'ServiceName', webhookEndpoint: 'WebhookEndpoint'}

function output(stack: Stack | undefined, key: string): string | undefined {
  return stack?.Outputs?.find((o) => o.OutputKey === key)?.OutputValue || undefined
}

function credentialsError(error: AwsCallError, region: string, profile?: string): UserError {
  if (error.kind === 'credentials') {
    return new UserError(
      `bwops has no usable AWS credentials (${error.awsName}${profile ? `, profile ${profile}` : ''}): they are missing, invalid or expired.`,
      profile ? `Log in again (aws sso login --profile ${profile}) or check the profile in ~/.aws/config.` : 'Set AWS_PROFILE or --profile, log in again (aws sso login), or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
    )
  }

  return new UserError(`bwops could not call AWS in ${region}: ${error.message}.`, 'Check your network, --region and --endpoint-url, then run again.')
}

function resolutionError(error: unknown, region: string, profile?: string): unknown {
  if (!(error instanceof AwsCallError)) return error
  if (error.kind === 'credentials' || error.action === 'sts:GetCallerIdentity') return credentialsError(error, region, profile)
  if (error.kind === 'denied') {
    return new UserError(`bwops cannot find the deployment: ${error.message}.`, `Grant ${error.action}, or name the service with --cluster and --service.`)
  }

  return new UserError(`bwops cannot find the deployment in ${region}: ${error.message}.`, 'Run again; if it persists, check --region and --endpoint-url.')
}

type Names = {cluster: string; service: string}

const namesIn = (cluster?: string, service?: string): Names | undefined => (cluster && service ? {cluster, service} : undefined)
const sameNames = (a: Names, b: Names) => ecsNameOf(a.cluster) === ecsNameOf(b.cluster) && ecsNameOf(a.service) === ecsNameOf(b.service)

/** The first of `reads` to give a value; undefined when none does (a failed one gives none). */
function firstOf<T>(reads: Promise<T | undefined>[]): Promise<T | undefined> {
  return new Promise((resolve) => {
    let left = reads.length
    for (const read of reads) {
      read.then(
        (value) => (value === undefined ? --left === 0 && resolve(undefined) : resolve(value)),
        () => --left === 0 && resolve(undefined),
      )
    }
  })
}

/**
 * The stack and, from its outputs or resources, the service (`found`). With `speculate` (the
 * doctor), the stack's resources (and its template) are read beside it, and `early` gives the
 * service's names from whichever of the outputs and the resources answers first, so the service
 * lookup waits for neither the other nor a throttled retry of it.
 */
function lookUpStack(ctx: AwsContext, name: string, speculate?: Speculate): {early: Promise<Names | undefined>; found: Promise<{stack?: Stack; cluster?: string; service?: string}>} {
  const resourcesRead = speculate ? describeStackResources(ctx, name) : undefined
  const templateRead = speculate?.template ? getTemplateBody(ctx, name) : undefined
  const stackRead = describeStack(ctx, name)
  for (const read of [resourcesRead, templateRead, stackRead]) read?.catch(() => undefined)
  const ofType = (resources: StackResource[], type: string) => resources.find((r) => r.ResourceType === type)?.PhysicalResourceId
  const early = firstOf([
    stackRead.then((stack) => namesIn(output(stack, OUTPUTS.cluster), output(stack, OUTPUTS.service))),
    ...(resourcesRead ? [resourcesRead.then((r) => namesIn(ofType(r, 'AWS::ECS::Cluster'), ofType(r, 'AWS::ECS::Service')))] : []),
  ])
  if (speculate) {
    // a guess that fails is no failure of the run: nothing waits on it
    Promise.all([resourcesRead?.catch(() => undefined), templateRead?.catch(() => undefined)])
      .then(([resources, template]) => speculate.resources({...(resources ? {resources} : {}), ...(template ? {template} : {})}, stackRead.catch(() => undefined)))
      .catch(() => undefined)
  }

  const found = (async () => {
    const stack = await stackRead
    if (!stack) return {}
    let cluster = output(stack, OUTPUTS.cluster)
    let service = output(stack, OUTPUTS.service)
    if (!cluster || !service) {
      const resources = await (resourcesRead ?? describeStackResources(ctx, stack.StackId ?? name))
      cluster ??= ofType(resources, 'AWS::ECS::Cluster')
      service ??= ofType(resources, 'AWS::ECS::Service')
    }

    const logGroup = output(stack, OUTPUTS.logGroup)
    speculate?.stack({stack, ...(cluster ? {cluster} : {}), ...(service ? {service} : {}), ...(logGroup ? {logGroup} : {})})
    return {cluster, service, stack}
  })()
  return {early, found}
}

/** Resolves the target: the caller, the stack (unless --cluster and --service say where), the service. */
export async function resolveLiveTarget(ctx: AwsContext, options: LiveTargetOptions, profile: Profile, speculate?: Speculate): Promise<LiveTarget> {
  const direct = Boolean(options.cluster && options.service)
  const stackName = options.stackName ?? (direct ? undefined : profile.names.stack)
  try {
    // who we are and where the stack is (or the service, when named), in parallel: the first link of every chain
    const stack = stackName ? lookUpStack(ctx, stackName, speculate) : undefined
    const given = namesIn(options.cluster, options.service)
    const early = given ? Promise.resolve(given) : (stack?.early ?? Promise.resolve(undefined))
    // the service is asked as soon as its names are known, beside the caller, not after it
    const serviceRead = early.then((names) => {
      if (!names) return undefined
      speculate?.names(names.cluster, names.service)
      const read = describeService(ctx, names.cluster, names.service)
      read.then((r) => r.status === 'found' && speculate?.service(r.service)).catch(() => undefined)
      return {names, read}
    })
    serviceRead.then((s) => s?.read.catch(() => undefined)) // said below, after the caller: no credentials explains it
    const [callerResult, stackResult] = await Promise.allSettled([getCallerIdentity(ctx), stack?.found])
    // no credentials explains a failed stack lookup too, so it is said first
    if (callerResult.status === 'rejected') throw callerResult.reason
    if (stackResult.status === 'rejected') throw stackResult.reason
    const caller = callerResult.value
    const found = stackResult.value
    if (stackName && !found?.stack) {
      throw new UserError(
        `The stack "${stackName}" does not exist in region ${ctx.region} of account ${caller.account}.`,
        'Check --region (a stack lives in the region it was deployed to) and --stack-name, or give --cluster and --service.',
      )
    }

    const cluster = options.cluster ?? found?.cluster
    const service = options.service ?? found?.service
    if (!cluster || !service) {
      throw new UserError(
        `The stack "${stackName}" names no ECS ${cluster ? 'service' : 'cluster'} (no ${cluster ? OUTPUTS.service : OUTPUTS.cluster} output or resource).`,
        'Give --cluster and --service.',
      )
    }

    // names the outputs and the resources disagree on: the outputs', as the stack says them
    const asked = await serviceRead
    const lookup = asked && sameNames(asked.names, {cluster, service}) ? await asked.read : await describeService(ctx, cluster, service)
    if (lookup.status === 'cluster-not-found') {
      throw new UserError(`The ECS cluster "${cluster}" does not exist in region ${ctx.region} of account ${caller.account}.`, 'Check --cluster and --region.')
    }

    if (lookup.status === 'service-not-found' || lookup.service.status === 'INACTIVE') {
      const why = lookup.status === 'found' ? 'is INACTIVE (deleted)' : `was not found (${lookup.reason})`
      throw new UserError(`The ECS service "${service}" in cluster "${cluster}" ${why} in region ${ctx.region}.`, 'Check --service, --cluster and --region.')
    }

    const serviceName = lookup.service.serviceName ?? service.split('/').pop() ?? service
    const logGroup = output(found?.stack, OUTPUTS.logGroup)
    // shown, never called: a URL with user:password@ in it is shown without the password
    const endpoint = output(found?.stack, OUTPUTS.webhookEndpoint)
    const webhookEndpoint = endpoint === undefined ? undefined : redactText(endpoint)
    return {
      cluster: lookup.service.clusterArn?.split('/').pop() ?? cluster,
      region: ctx.region,
      seen: {caller, service: lookup.service, ...(found ? {stack: found.stack} : {})},
      service: serviceName,
      ...(stackName && found ? {stackName} : {}),
      ...(logGroup ? {logGroup} : {}),
      ...(webhookEndpoint ? {webhookEndpoint} : {}),
    }
  } catch (error) {
    throw resolutionError(error, ctx.region, options.profile)
  }
}
