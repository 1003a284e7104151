import type {ClientOptions} from '../../aws/clients.js'
import {createDeployAwsContext, type DeployAwsContext} from '../../aws/deploy-clients.js'
import {defaultSubnets, defaultVpcId} from '../../aws/ec2.js'
import {describeImageByTag} from '../../aws/ecr.js'
import {describeService, describeTasks, listTaskArns} from '../../aws/ecs.js'
import {AwsCallError, awsErrorName} from '../../aws/errors.js'
import {describeLogGroup, tailLogStream} from '../../aws/logs.js'
import {createSecret, deleteSecretNow, describeSecret, putSecretString, readSecretShape} from '../../aws/secrets.js'
import {getCallerIdentity} from '../../aws/sts.js'
import {redactText} from '../../catalogue/redact.js'
import {serviceStateFrom, taskFrom} from '../../facts/sources/live-convert.js'
import type {DeployClients, EcsApi, LogsApi, SecretsApi} from '../clients.js'
import {cloudFormationApi} from './cloudformation.js'

// Deploy's narrow interface (../clients.ts) over the shared AWS adapters in src/aws/: the same
// clients, retries, call counting and error mapping as the doctor's; only the views are deploy's.

function ecsApi(ctx: DeployAwsContext): EcsApi {
  return {
    async describeService(cluster, service) {
      const found = await describeService(ctx, cluster, service)
      if (found.status !== 'found' || found.service.status === 'INACTIVE') return undefined
      return serviceStateFrom(found.service, cluster)
    },

    async stoppedTasks(cluster, service, seen) {
      const arns = (await listTaskArns(ctx, cluster, service, 'STOPPED')).filter((arn) => !seen.has(arn))
      const tasks = await describeTasks(ctx, cluster, arns)
      // a task whose stop is not decided yet (no reason) is left for the next poll; one still
      // deprovisioning with its reason known is taken now: the reason is what the watch needs
      return tasks
        .filter((t) => t.lastStatus === 'STOPPED' || (t.stopCode && t.stoppedReason))
        .map(taskFrom)
        .sort((a, b) => (b.stoppedAt ?? '').localeCompare(a.stoppedAt ?? ''))
    },
  }
}

function logsApi(ctx: DeployAwsContext): LogsApi {
  return {
    async lastLines(group, stream, limit) {
      try {
        const out = await tailLogStream(ctx, group, stream, limit)
        if (out.status === 'not-found') return {lines: [], unavailable: `no log stream ${stream} in ${group} (the container may not have started)`}
        return {
          lines: out.events.map((e) => ({
            message: redactText((e.message ?? '').replace(/\s+$/, '')),
            ...(e.timestamp === undefined ? {} : {timestamp: new Date(e.timestamp).toISOString()}),
          })),
        }
      } catch (error) {
        // the diagnosis goes on without the lines, saying why they are missing
        if (error instanceof AwsCallError && error.kind === 'denied') return {lines: [], unavailable: `not allowed to read ${group} (logs:GetLogEvents)`}
        return {lines: [], unavailable: `could not read ${stream}: ${awsErrorName(error)}`}
      }
    },

    async logGroupExists(name) {
      return (await describeLogGroup(ctx, name)) !== undefined
    },
  }
}

function secretsApi(ctx: DeployAwsContext): SecretsApi {
  return {
    create: (name, value, description) => createSecret(ctx, name, value, description),

    async describe(id) {
      const secret = await describeSecret(ctx, id)
      if (secret.status === 'not-found' || secret.status === 'access-denied') return {found: false, reason: secret.status}
      return {
        arn: secret.arn ?? id,
        deleted: secret.status === 'marked-for-deletion',
        found: true,
        name: secret.name ?? id,
        ...(secret.kmsKeyId ? {kmsKeyId: secret.kmsKeyId} : {}),
      }
    },

    put: (arn, value) => putSecretString(ctx, arn, value),

    async remove(arn) {
      await deleteSecretNow(ctx, arn)
    },

    async shape(arn) {
      const read = await readSecretShape(ctx, arn)
      if (read.content) return read.content
      // unreadable: said as the failed call, which preflight reports as an unchecked shape
      throw new AwsCallError('secretsmanager:GetSecretValue', read.error ?? 'Error', `the secret ${arn} is ${read.status}`)
    },
  }
}

/** Deploy's clients over one AWS context (its counter counts every call the deploy makes). */
export function deployClientsOver(ctx: DeployAwsContext): DeployClients {
  return {
    cfn: cloudFormationApi(ctx),
    ec2: {
      async defaultVpc() {
        const vpcId = await defaultVpcId(ctx)
        if (!vpcId) return undefined
        const subnetIds = (await defaultSubnets(ctx, vpcId)).map((s) => s.SubnetId).filter((id): id is string => Boolean(id)).sort()
        return {subnetIds, vpcId}
      },
    },
    ecr: {
      async imageExists(registryId, repository, tag) {
        try {
          const image = await describeImageByTag(ctx, registryId, repository, tag)
          if (image.status === 'found') return {status: 'found'}
          if (image.status === 'repository-not-found') return {reason: `registry ${registryId} has no repository ${repository}`, status: 'not-found'}
          return {reason: `the repository ${repository} has no image tagged ${tag}`, status: 'not-found'}
        } catch (error) {
          // preflight warns and goes on: a denied or failed lookup does not say the image is missing
          return {reason: `ecr:DescribeImages failed (${awsErrorName(error)})`, status: 'unknown'}
        }
      },
    },
    ecs: ecsApi(ctx),
    logs: logsApi(ctx),
    secrets: secretsApi(ctx),
    sts: {
      account: async () => (await getCallerIdentity(ctx)).account,
      region: async () => ctx.region,
    },
  }
}

/** Deploy's clients over the SDK: region, profile and endpoint as the flags gave them (a missing region is a usage error). */
export async function sdkDeployClients(options: ClientOptions): Promise<DeployClients> {
  return deployClientsOver(await createDeployAwsContext(options))
}
