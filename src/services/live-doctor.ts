import {CloudFormationClient} from '@aws-sdk/client-cloudformation'

import {type AwsClients, type AwsContext, clientConfig, createAwsContext, DEFAULT_CONCURRENCY} from '../aws/clients.js'
import type {CallCounter} from '../aws/calls.js'
import {iamEvaluationSource} from '../checks/iam/source.js'
import type {FactSource} from '../facts/facts.js'
import {liveSource} from '../facts/sources/live.js'
import {LiveIamAnswers} from '../facts/sources/live-iam-simulate.js'
import {Prefetch} from '../facts/sources/live-prefetch.js'
import {LiveReads, LiveRun, type LiveTarget} from '../facts/sources/live-run.js'
import type {Profile} from '../profile/types.js'
import type {LiveFlagValues} from './live-flags.js'
import {resolveLiveTarget} from './live-target.js'

export interface LiveDeps {
  /** clients to use instead of real ones (tests, the benchmark) */
  clients?: AwsClients
  /** AWS calls of one service in flight at once */
  concurrency?: number
  /** the facts the run's checks need: reads begun early are only those (all when not said) */
  wanted?: ReadonlySet<string>
}

export interface LiveSources {
  sources: FactSource[]
  calls: CallCounter
  target: LiveTarget
  ctx: AwsContext
}

/**
 * The fact sources of a live doctor: builds the clients, resolves the target (a UserError, exit 2,
 * when credentials, the stack, the cluster or the service are wrong) and returns the lazy live
 * source with the run's call counter. Its IAM questions go to AWS first (iam:SimulatePrincipalPolicy),
 * locally when AWS may not be asked; this `iamEvaluation` comes before the offline one, so it wins.
 */
export async function liveDoctorSources(flags: LiveFlagValues, profile: Profile, deps: LiveDeps = {}): Promise<LiveSources> {
  const options = {endpointUrl: flags['endpoint-url'], profile: flags.profile, region: flags.region}
  const ctx = await createAwsContext(options, deps.clients, deps.concurrency ?? DEFAULT_CONCURRENCY)
  // the Quilt stack's ARN may name another region: the app looks it up there, so bwops does too
  const cloudformationIn = (region: string) => new CloudFormationClient(clientConfig({...options, region}))
  const reads = new LiveReads(ctx, cloudformationIn)
  const targetOptions = {cluster: flags.cluster, profile: flags.profile, service: flags.service, stackName: flags['stack-name']}
  // what the stack names (task definition, roles, the service's tasks) is read while the service is looked up
  const target = await resolveLiveTarget(ctx, targetOptions, profile, new Prefetch(reads, profile, deps.wanted))
  const run = new LiveRun(ctx, target, profile, cloudformationIn, reads)
  const iam = new LiveIamAnswers(ctx)
  return {calls: ctx.counter, ctx, sources: [liveSource(run, iam), iamEvaluationSource(profile, iam)], target}
}

/** What a bundle and a report record of the target. */
export function describeTarget(target: LiveTarget): Record<string, string> {
  return {
    ...(target.seen.caller ? {account: target.seen.caller.account} : {}),
    cluster: target.cluster,
    region: target.region,
    service: target.service,
    ...(target.stackName ? {stack: target.stackName} : {}),
    ...(target.webhookEndpoint ? {webhookEndpoint: target.webhookEndpoint} : {}),
  }
}
