import {webhookLogSignatures} from './log-signatures.js'
import type {EnvSpec, Profile} from './types.js'

// What is specific to the Benchling webhook, as data (see shared/reference/benchling-webhook.md).
// Checks read this; another ECS service would bring a profile of its own.

const credentialsSatisfiedBy = ['BENCHLING_SECRETS']

const legacyEnv: EnvSpec[] = [
  {description: 'the Quilt catalog host, e.g. nightly.quilttest.com', kind: 'host', name: 'QUILT_CATALOG', required: true},
  {description: 'the Quilt Athena database', kind: 'glue-database', name: 'QUILT_DATABASE', required: true},
  {description: 'the Quilt user bucket', kind: 'bucket', name: 'QUILT_USER_BUCKET', required: true},
  {description: 'the Quilt packager SQS queue ARN', kind: 'sqs-arn', name: 'QUEUE_ARN', required: true},
  {
    description: 'the Benchling tenant name (quilt-dtt for quilt-dtt.benchling.com)',
    kind: 'tenant',
    name: 'BENCHLING_TENANT',
    required: true,
    satisfiedBy: credentialsSatisfiedBy,
  },
  {
    description: 'the Benchling app client id',
    kind: 'text',
    name: 'BENCHLING_CLIENT_ID',
    required: true,
    satisfiedBy: credentialsSatisfiedBy,
    secretAllowed: true,
  },
  {
    credential: true,
    description: 'the Benchling app client secret, from Secrets Manager',
    kind: 'text',
    name: 'BENCHLING_CLIENT_SECRET',
    required: true,
    satisfiedBy: credentialsSatisfiedBy,
    secretAllowed: true,
  },
  {
    description: 'the Benchling app definition id (appdef_...)',
    kind: 'app-definition-id',
    name: 'BENCHLING_APP_DEFINITION_ID',
    required: true,
    satisfiedBy: credentialsSatisfiedBy,
    secretAllowed: true,
  },
  {
    aliases: ['PACKAGE_PREFIX'],
    default: 'benchling',
    description: 'the prefix of package names',
    kind: 'text',
    name: 'PKG_PREFIX',
    required: false,
  },
  {
    aliases: ['PACKAGE_KEY'],
    default: 'experiment_id',
    description: 'the metadata key packages are keyed on',
    kind: 'text',
    name: 'PKG_KEY',
    required: false,
  },
  {
    credential: true,
    description: 'a secret ARN or inline JSON holding the Benchling credentials',
    kind: 'text',
    name: 'BENCHLING_SECRETS',
    required: false,
    secretAllowed: true,
  },
]

const secretsOnlyEnv: EnvSpec[] = [
  {
    description: 'the Quilt CloudFormation stack ARN; its outputs give catalog, database, bucket and queue',
    kind: 'cloudformation-stack-arn',
    name: 'QuiltStackARN',
    required: true,
  },
  {
    description: 'the name or ARN of the Secrets Manager secret holding the Benchling credentials',
    kind: 'secret-id',
    name: 'BenchlingSecret',
    required: true,
  },
]

const commonEnv: EnvSpec[] = [
  {default: 'INFO', description: 'the log level', kind: 'log-level', name: 'LOG_LEVEL', required: false},
  {
    default: 'true',
    description: 'whether webhook signatures are verified',
    kind: 'boolean',
    name: 'ENABLE_WEBHOOK_VERIFICATION',
    required: false,
  },
  {description: 'the AWS region', kind: 'text', name: 'AWS_REGION', required: false},
  {description: 'the AWS region (older SDKs)', kind: 'text', name: 'AWS_DEFAULT_REGION', required: false},
  {description: 'the Flask environment', kind: 'text', name: 'FLASK_ENV', required: false},
  {description: 'the port the app listens on', kind: 'port', name: 'PORT', required: false},
]

export const benchlingWebhookProfile: Profile = {
  commonEnv,
  env: {legacy: legacyEnv, 'secrets-only': secretsOnlyEnv},
  health: {
    minGracePeriodSeconds: 30,
    minStartPeriodSeconds: 30,
    paths: ['/health', '/health/ready'],
    targetGroupPaths: ['/health', '/health/ready', '/health/live'],
  },
  id: 'benchling-webhook',
  names: {
    cluster: 'benchling-webhook-cluster',
    container: 'BenchlingWebhookContainer',
    image: 'quiltdata/benchling',
    logGroup: '/ecs/benchling-webhook',
    logStreamPrefix: 'benchling-webhook',
    port: 5000,
    service: 'benchling-webhook-service',
    stack: 'BenchlingWebhookStack',
    taskFamily: 'benchling-webhook-task',
  },
  permissions: {
    // sid: the statement a generated template (bwops deploy) grants the need with
    execution: [
      {
        actions: ['ecr:GetAuthorizationToken'],
        resource: '*',
        sid: 'EcrLogin',
        why: 'to log in to ECR and pull the image',
      },
      {
        actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
        resource: 'image-repository',
        sid: 'PullImage',
        why: 'to pull the image',
      },
      {actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resource: 'log-group', sid: 'WriteLogs', why: 'to write container logs'},
      {
        actions: ['secretsmanager:GetSecretValue'],
        resource: 'referenced-secrets',
        sid: 'InjectClientSecret',
        why: 'to inject every secret the task definition references before the container starts',
      },
    ],
    task: [
      {
        actions: [
          'athena:StartQueryExecution',
          'athena:GetQueryExecution',
          'athena:GetQueryResults',
          'athena:StopQueryExecution',
          'athena:GetWorkGroup',
        ],
        resource: 'athena-workgroup',
        sid: 'QueryAthena',
        why: 'to query the Quilt database',
      },
      {
        // What upstream's own stacks grant, the floor of what is known to work (v0.6.0 and
        // v0.18.0: lib/fargate-service.ts): the app's Glue-backed work is an Athena SELECT on a
        // named view (docker/src/package_query.py), which needs no glue:GetTables.
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
        resource: 'glue-database',
        sid: 'ReadGlueCatalog',
        why: 'to let Athena read the Quilt database\'s tables from the Glue catalog',
      },
      {actions: ['s3:ListBucket'], resource: 'bucket', sid: 'ListUserBucket', why: 'to list the Quilt user bucket'},
      {actions: ['s3:GetObject', 's3:PutObject'], resource: 'bucket-objects', sid: 'ReadWritePackages', why: 'to read and write package files'},
      {actions: ['sqs:SendMessage'], resource: 'queue', sid: 'SendToPackager', why: 'to send package requests to the Quilt packager queue'},
      {
        actions: ['cloudformation:DescribeStacks'],
        mode: 'secrets-only',
        resource: 'quilt-stack',
        sid: 'ReadQuiltStack',
        why: 'to read the Quilt stack outputs at start-up',
      },
      {
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        mode: 'secrets-only',
        resource: 'benchling-secret',
        sid: 'ReadBenchlingSecret',
        why: 'to read the Benchling credentials at start-up',
      },
      {
        actions: ['sqs:GetQueueUrl', 'sqs:GetQueueAttributes'],
        mode: 'secrets-only',
        resource: 'queue',
        sid: 'SendToPackager',
        why: 'to find the packager queue from its ARN',
      },
    ],
  },
  logLevels: ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'],
  logSignatures: webhookLogSignatures,
  missingConfigMessage: {
    legacy: 'Missing required configuration: <names>',
    'secrets-only': 'Missing required parameters: QuiltStackARN, BenchlingSecret',
  },
  quiltStackOutputs: {
    catalog: ['Catalog', 'CatalogDomain', 'ApiGatewayEndpoint'],
    required: [['UserAthenaDatabaseName'], ['PackagerQueueArn'], ['UserBucket', 'BucketName']],
  },
  secret: {
    aliases: {
      appDefinitionID: 'app_definition_id',
      appId: 'app_definition_id',
      benchling_tenant: 'tenant',
      clientID: 'client_id',
      tenantName: 'tenant',
      tenant_name: 'tenant',
    },
    keys: [
      {credential: true, description: 'the Benchling app client id', kind: 'text', name: 'client_id', required: true},
      {
        credential: true,
        description: 'the Benchling app client secret',
        kind: 'text',
        name: 'client_secret',
        required: true,
      },
      {description: 'the tenant name, quilt-dtt for quilt-dtt.benchling.com', kind: 'tenant', name: 'tenant', required: true},
    ],
    optionalKeys: [
      {description: 'the app definition id, appdef_...', kind: 'app-definition-id', name: 'app_definition_id', required: false},
      {description: 'the Benchling API URL', kind: 'text', name: 'api_url', required: false},
      {description: 'package name prefix', kind: 'text', name: 'pkg_prefix', required: false},
      {description: 'package metadata key', kind: 'text', name: 'pkg_key', required: false},
      {description: 'the Quilt user bucket', kind: 'bucket', name: 'user_bucket', required: false},
      {description: 'the log level', kind: 'log-level', name: 'log_level', required: false},
      {description: 'webhook verification', kind: 'boolean', name: 'enable_webhook_verification', required: false},
      {description: 'the Quilt catalog host', kind: 'host', name: 'quilt_catalog', required: false},
      {description: 'the Quilt database', kind: 'glue-database', name: 'quilt_database', required: false},
      {description: 'the packager queue ARN', kind: 'sqs-arn', name: 'queue_arn', required: false},
      {description: 'the webhook allow list', kind: 'text', name: 'webhook_allow_list', required: false},
    ],
  },
  title: 'Benchling webhook (quiltdata/benchling-webhook)',
}
