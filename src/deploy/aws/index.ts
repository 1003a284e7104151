import {CloudFormationClient} from '@aws-sdk/client-cloudformation'
import {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs'
import {EC2Client} from '@aws-sdk/client-ec2'
import {ECRClient} from '@aws-sdk/client-ecr'
import {ECSClient} from '@aws-sdk/client-ecs'
import {SecretsManagerClient} from '@aws-sdk/client-secrets-manager'
import {STSClient} from '@aws-sdk/client-sts'

import type {ClientOptions, DeployClients} from '../clients.js'
import {cloudFormationApi} from './cloudformation.js'
import {ecsApi} from './ecs.js'
import {logsApi} from './logs.js'
import {secretsApi} from './secrets.js'
import {ec2Api, ecrApi, stsApi} from './small.js'

/** The deploy's clients over the AWS SDK; region, profile and endpoint as the flags gave them. */
export function sdkDeployClients(options: ClientOptions): DeployClients {
  const config = {
    maxAttempts: 5,
    ...(options.region ? {region: options.region} : {}),
    ...(options.profile ? {profile: options.profile} : {}),
    ...(options.endpointUrl ? {endpoint: options.endpointUrl} : {}),
  }
  return {
    cfn: cloudFormationApi(new CloudFormationClient(config)),
    ec2: ec2Api(new EC2Client(config)),
    ecr: ecrApi(new ECRClient(config)),
    ecs: ecsApi(new ECSClient(config)),
    logs: logsApi(new CloudWatchLogsClient(config)),
    secrets: secretsApi(new SecretsManagerClient(config)),
    sts: stsApi(new STSClient(config)),
  }
}
