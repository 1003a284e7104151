import type {ContainerDefinition, NamedPolicy, PolicyDocument, RoleFact, TaskDefinition} from '../../../src/facts/types.js'

// Builders for the IAM tests: roles, policies and task definitions as the facts hold them.

export const ACCOUNT = '111122223333'
export const REGION = 'us-east-1'
export const SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:benchling-webhook-AbC123`
export const STACK_ARN = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/quilt-prod/11111111-2222-3333-4444-555555555555`
export const QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT}:quilt-prod-PackagerQueue`
export const IMAGE = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/quiltdata/benchling:0.5.3`

export function doc(...Statement: object[]): PolicyDocument {
  return {Statement, Version: '2012-10-17'}
}

export const allow = (Action: string | string[], Resource: string | string[], Sid?: string) => ({Action, Effect: 'Allow', Resource, ...(Sid ? {Sid} : {})})
export const deny = (Action: string | string[], Resource: string | string[], Sid?: string) => ({Action, Effect: 'Deny', Resource, ...(Sid ? {Sid} : {})})
export const policy = (name: string, ...statements: object[]): NamedPolicy => ({document: doc(...statements), name})

export const ECS_TRUST = doc({Action: 'sts:AssumeRole', Effect: 'Allow', Principal: {Service: 'ecs-tasks.amazonaws.com'}})

export function role(kind: RoleFact['kind'], policies: NamedPolicy[], extra: Partial<RoleFact> = {}): RoleFact {
  const name = kind === 'task' ? 'BenchlingTaskRole' : 'BenchlingExecutionRole'
  return {arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, inlinePolicies: policies, kind, managedPolicies: [], name, trustPolicy: ECS_TRUST, ...extra}
}

export const EXECUTION_MANAGED: NamedPolicy = {arn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy', name: 'AmazonECSTaskExecutionRolePolicy'}

export function container(env: Record<string, string>, extra: Partial<ContainerDefinition> = {}): ContainerDefinition {
  return {
    environment: Object.entries(env).map(([name, value]) => ({name, value})),
    essential: true,
    image: IMAGE,
    logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': '/ecs/benchling-webhook', 'awslogs-region': REGION, 'awslogs-stream-prefix': 'benchling-webhook'}},
    name: 'BenchlingWebhookContainer',
    portMappings: [{containerPort: 5000}],
    secrets: [],
    ...extra,
  }
}

export const SECRETS_ONLY_ENV = {BenchlingSecret: SECRET_ARN, QuiltStackARN: STACK_ARN}
export const LEGACY_ENV = {QUEUE_ARN, QUILT_CATALOG: 'quilt.example.com', QUILT_DATABASE: 'quilt_db', QUILT_USER_BUCKET: 'quilt-bucket'}

export function taskDefinition(c: ContainerDefinition, extra: Partial<TaskDefinition> = {}): TaskDefinition {
  return {
    containers: [c],
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/BenchlingExecutionRole`,
    family: 'benchling-webhook-task',
    taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/BenchlingTaskRole`,
    ...extra,
  }
}

/** what upstream's stacks grant (v0.6.0, v0.18.0: lib/fargate-service.ts) */
export const GLUE_READ = ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions']

/** Everything the task role needs in secrets-only mode, on the right resources. */
export const SECRETS_ONLY_TASK_POLICY = policy(
  'webhook',
  allow(['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution', 'athena:GetWorkGroup'], `arn:aws:athena:${REGION}:${ACCOUNT}:workgroup/primary`),
  allow(GLUE_READ, `arn:aws:glue:${REGION}:${ACCOUNT}:*`),
  allow('cloudformation:DescribeStacks', STACK_ARN, 'ReadQuiltStack'),
  allow(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], SECRET_ARN, 'ReadSecret'),
  allow(['sqs:SendMessage', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'], `arn:aws:sqs:${REGION}:${ACCOUNT}:*`),
  allow(['s3:ListBucket'], 'arn:aws:s3:::*'),
  allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::*/*'),
)

export const LEGACY_TASK_POLICY = policy(
  'webhook',
  allow(['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution', 'athena:GetWorkGroup'], `arn:aws:athena:${REGION}:${ACCOUNT}:workgroup/primary`),
  allow(GLUE_READ, [`arn:aws:glue:${REGION}:${ACCOUNT}:catalog`, `arn:aws:glue:${REGION}:${ACCOUNT}:database/quilt_db`, `arn:aws:glue:${REGION}:${ACCOUNT}:table/quilt_db/*`], 'ReadGlue'),
  allow('sqs:SendMessage', QUEUE_ARN),
  allow('s3:ListBucket', 'arn:aws:s3:::quilt-bucket'),
  allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::quilt-bucket/*'),
)
