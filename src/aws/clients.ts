import {CloudFormationClient} from '@aws-sdk/client-cloudformation'
import {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs'
import {ECSClient} from '@aws-sdk/client-ecs'
import {ElasticLoadBalancingV2Client} from '@aws-sdk/client-elastic-load-balancing-v2'
import {IAMClient} from '@aws-sdk/client-iam'
import {SecretsManagerClient} from '@aws-sdk/client-secrets-manager'
import {STSClient} from '@aws-sdk/client-sts'

import {UserError} from '../errors.js'
import {type CallContext, CallCounter, createLimiter} from './calls.js'
import {checkProfile, useProfile} from './profile.js'

// One factory for every AWS client bwops uses, so all share region, profile, endpoint and retries.
// The clients only deploy needs (EC2, ECR) are made from the same clientConfig in
// deploy-clients.ts: @aws-sdk/client-ec2 alone takes seconds to import, which doctor and status skip.
//
// Credentials: the SDK's default chain (environment, shared config and SSO, web identity,
// container and instance roles). @aws-sdk/credential-providers is not installed; the clients'
// own default provider is the same chain and honours the `profile` option passed here.
//
// Endpoints: the SDK (3.1164, @smithy/core getEndpointUrlConfig) already reads AWS_ENDPOINT_URL
// and AWS_ENDPOINT_URL_<SERVICE ID> (AWS_ENDPOINT_URL_ECS, _CLOUDWATCH_LOGS, _IAM,
// _SECRETS_MANAGER, _CLOUDFORMATION, _STS, _ELASTIC_LOAD_BALANCING_V2) and `endpoint_url` in the
// shared config; --endpoint-url, when given, overrides them all, as the AWS CLI's does.
//
// Retries: not the SDK's (one attempt each): call() in calls.ts retries throttled and transient
// failures itself with a short backoff that holds no concurrency slot, up to AWS_MAX_ATTEMPTS (5),
// and does not retry an operation the endpoint cannot answer (retry.ts).

export interface ClientOptions {
  region?: string
  profile?: string
  endpointUrl?: string
}

export interface AwsClients {
  cloudformation: CloudFormationClient
  ecs: ECSClient
  elbv2: ElasticLoadBalancingV2Client
  iam: IAMClient
  logs: CloudWatchLogsClient
  secrets: SecretsManagerClient
  sts: STSClient
}

export interface AwsContext extends CallContext<AwsClients> {
  region: string
}

/**
 * The region as the aws CLI picks it: --region, then AWS_REGION, then AWS_DEFAULT_REGION, then the
 * profile's. The SDK reads AWS_REGION and the profile itself, but not AWS_DEFAULT_REGION.
 */
export function regionOf(options: ClientOptions): string | undefined {
  if (options.region) return options.region
  if (process.env.AWS_REGION) return undefined
  return process.env.AWS_DEFAULT_REGION || undefined
}

/** How many calls of one AWS service a run has in flight at once (src/aws/calls.ts createLimiter). */
export const DEFAULT_CONCURRENCY = 10

/** The configuration every client gets: region, profile, endpoint and retries as said above. */
export function clientConfig(options: ClientOptions) {
  // --profile is AWS_PROFILE: the SDK then reads the profile's endpoint_url and region as the CLI does
  useProfile(options.profile)
  const region = regionOf(options)
  return {
    ...(region ? {region} : {}),
    ...(options.profile ? {profile: options.profile} : {}),
    ...(options.endpointUrl ? {endpoint: options.endpointUrl} : {}),
    maxAttempts: 1,
    ...(process.env.AWS_RETRY_MODE ? {} : {retryMode: 'standard'}),
  }
}

export function createClients(options: ClientOptions): AwsClients {
  // bwops supports Node 20 (package.json engines): the SDK's notice that its future releases will
  // not is for bwops's maintainers, not for an operator reading a diagnosis
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  const config = clientConfig(options)
  return {
    cloudformation: new CloudFormationClient(config),
    ecs: new ECSClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    // IAM is global; its endpoint does not depend on the region, and the SDK routes it.
    iam: new IAMClient(config),
    logs: new CloudWatchLogsClient(config),
    secrets: new SecretsManagerClient(config),
    sts: new STSClient(config),
  }
}

/** Clients plus a fresh counter and limiter; the region is resolved now, so a missing one is a usage error. */
export async function createAwsContext(
  options: ClientOptions,
  clients: AwsClients = createClients(options),
  concurrency = DEFAULT_CONCURRENCY,
): Promise<AwsContext> {
  await checkProfile(options.profile)
  let region: string | undefined
  try {
    region = regionOf(options) ?? (await clients.sts.config.region())
  } catch {
    region = undefined
  }

  if (!region) {
    throw new UserError(
      'No AWS region is set, so bwops cannot tell where the deployment runs.',
      `Give --region (e.g. --region us-east-1), or set AWS_REGION or AWS_DEFAULT_REGION${options.profile ? `, or a region in profile ${options.profile}` : ''}.`,
    )
  }

  // a typo ("us-east1", "US East") would otherwise reach the SDK and read as a network failure;
  // an emulator (--endpoint-url) may use any name it likes
  if (!options.endpointUrl && !REGION_NAME.test(region)) {
    throw new UserError(
      `"${region}" is not an AWS region name${options.region ? ' (from --region)' : ''}.`,
      'Give a region such as us-east-1 or eu-west-2 (aws ec2 describe-regions lists them), with --region or AWS_REGION.',
    )
  }

  return {clients, counter: new CallCounter(), limit: createLimiter(concurrency), region}
}

/** us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-isob-east-1 */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/
