// Shared test data: the parameters a plan gives each mode.
export const ACCOUNT = '123456789012'
export const SECRET_ARN = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:benchling-webhook-AbCdEf`
export const CLIENT_SECRET_ARN = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:BenchlingWebhookStack/benchling-client-secret-XyZ123`
export const QUILT_STACK_ARN = `arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/quilt/11111111-2222-3333-4444-555555555555`
export const QUEUE_ARN = `arn:aws:sqs:us-east-1:${ACCOUNT}:quilt-packager`

const common = {
  CreateLogGroup: 'true',
  DesiredCount: '2',
  EnableWebhookVerification: 'true',
  ImageRepositoryArn: '',
  ImageUri: 'public.ecr.aws/quiltdata/benchling:0.5.6',
  LogGroupName: '/ecs/benchling-webhook',
  LogLevel: 'INFO',
  SecretKmsKeyArn: '',
  SubnetIds: 'subnet-aaaa1111,subnet-bbbb2222',
  VpcId: 'vpc-0123abcd',
}

export const secretsOnlyParameters: Record<string, string> = {
  ...common,
  BenchlingSecret: SECRET_ARN,
  Mode: 'secrets-only',
  QueueArn: QUEUE_ARN,
  QuiltDatabase: 'quilt_db',
  QuiltStackARN: QUILT_STACK_ARN,
  QuiltUserBucket: 'quilt-user-bucket',
}

export const legacyParameters: Record<string, string> = {
  ...common,
  BenchlingAppDefinitionId: 'appdef_abc123',
  BenchlingClientId: 'client-id-1',
  BenchlingClientSecretArn: CLIENT_SECRET_ARN,
  BenchlingTenant: 'quilt-dtt',
  Mode: 'legacy',
  PkgKey: 'experiment_id',
  PkgPrefix: 'benchling',
  QueueArn: QUEUE_ARN,
  QuiltCatalog: 'nightly.quilttest.com',
  QuiltDatabase: 'quilt_db',
  QuiltUserBucket: 'quilt-user-bucket',
}
