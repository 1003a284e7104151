import {EC2Client} from '@aws-sdk/client-ec2'
import {ECRClient} from '@aws-sdk/client-ecr'

import type {CallContext} from './calls.js'
import {type AwsClients, type ClientOptions, clientConfig, createAwsContext, createClients, DEFAULT_CONCURRENCY} from './clients.js'

// The clients of a deploy: the shared ones plus EC2 (the default VPC) and ECR (does the image
// exist), built from the same clientConfig, so --region, --profile, --endpoint-url (and
// AWS_ENDPOINT_URL_EC2 / _ECR), the retries and the call counter are the doctor's. Kept out of
// clients.ts because only deploy pays for importing the EC2 client.

export interface DeployAwsClients extends AwsClients {
  ec2: EC2Client
  ecr: ECRClient
}

export interface DeployAwsContext extends CallContext<DeployAwsClients> {
  region: string
}

export function createDeployAwsClients(options: ClientOptions): DeployAwsClients {
  const shared = createClients(options)
  const config = clientConfig(options)
  return {...shared, ec2: new EC2Client(config), ecr: new ECRClient(config)}
}

/** As createAwsContext: a counter and limiter for the run, and the region resolved now (a usage error when there is none). */
export async function createDeployAwsContext(
  options: ClientOptions,
  clients: DeployAwsClients = createDeployAwsClients(options),
  concurrency = DEFAULT_CONCURRENCY,
): Promise<DeployAwsContext> {
  const ctx = await createAwsContext(options, clients, concurrency)
  return {...ctx, clients}
}
