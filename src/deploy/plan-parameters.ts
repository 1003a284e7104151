import {partitionOf} from '../checks/lib/arn.js'
import type {Profile} from '../profile/types.js'
import type {SecretLookup} from './clients.js'
import type {DeployOptions} from './options.js'
import type {Plan} from './plan.js'

/** The stack's parameters for the plan: only values and references, never a credential. */
export function planParameters(plan: Omit<Plan, 'parameters'>, options: DeployOptions, profile: Profile, createLogGroup: string): Record<string, string> {
  const base: Record<string, string> = {
    CreateLogGroup: createLogGroup,
    DesiredCount: String(options.desiredCount ?? 2),
    EnableWebhookVerification: String(options.enableWebhookVerification ?? true),
    ImageRepositoryArn: plan.image.ecr?.repositoryArn ?? '',
    ImageUri: plan.image.uri,
    LogGroupName: profile.names.logGroup,
    LogLevel: (options.logLevel ?? 'INFO').toUpperCase(),
    Mode: plan.mode.mode,
    SubnetIds: plan.network.subnetIds.join(','),
    VpcId: plan.network.vpcId,
  }
  if (plan.mode.mode === 'secrets-only') {
    const secret = plan.lookups.benchlingSecret
    const outputs = plan.lookups.quiltStack?.found ? plan.lookups.quiltStack.stack.outputs : {}
    // the container reads these from the Quilt stack itself; here they only scope the task role,
    // so an unreadable Quilt stack (a preflight error) falls back to any resource of the kind
    return {
      ...base,
      BenchlingSecret: secret?.found ? secret.arn : (options.benchlingSecret ?? ''),
      QueueArn: outputs.PackagerQueueArn || '*',
      QuiltDatabase: outputs.UserAthenaDatabaseName || '*',
      QuiltStackARN: options.quiltStackArn ?? '',
      QuiltUserBucket: outputs.UserBucket || outputs.BucketName || '*',
      SecretKmsKeyArn: kmsKeyArn(secret, plan),
    }
  }

  const l = options.legacy
  const reference = plan.lookups.clientSecret
  const clientSecretArn = reference
    ? reference.found
      ? reference.arn
      : options.clientSecret?.kind === 'reference'
        ? options.clientSecret.id
        : ''
    : (plan.secretWrite?.existingArn ?? `arn:${partitionOf(plan.region)}:secretsmanager:${plan.region}:${plan.account}:secret:${plan.secretWrite?.name ?? ''}`)
  return {
    ...base,
    BenchlingAppDefinitionId: l.appId ?? '',
    BenchlingClientId: l.clientId ?? '',
    BenchlingClientSecretArn: clientSecretArn,
    BenchlingTenant: l.tenant ?? '',
    PkgKey: l.pkgKey ?? 'experiment_id',
    PkgPrefix: l.pkgPrefix ?? 'benchling',
    QueueArn: l.queueArn ?? '',
    QuiltCatalog: l.catalog ?? '',
    QuiltDatabase: l.database ?? '',
    QuiltUserBucket: l.bucket ?? '',
    SecretKmsKeyArn: kmsKeyArn(reference, plan),
  }
}

/** A customer key's ARN; empty for the AWS managed key, which needs no kms:Decrypt grant. */
function kmsKeyArn(secret: SecretLookup | undefined, plan: Pick<Plan, 'region' | 'account'>): string {
  const key = secret?.found ? secret.kmsKeyId : undefined
  if (!key || key.endsWith('alias/aws/secretsmanager')) return ''
  if (key.startsWith('arn:')) return key
  return `arn:${partitionOf(plan.region)}:kms:${plan.region}:${plan.account}:${key.startsWith('alias/') ? key : `key/${key}`}`
}
