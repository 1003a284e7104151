import type {EnvSpec, Profile} from '../types.js'
import {executionNeeds, health, names, optionalSecretKeys, quiltWorkNeeds, runtimeSecretKeys, secretAliases, shared} from './common.js'

// v0.6.0 to v0.7.x, secrets-only mode: the container gets QuiltStackARN and BenchlingSecret and the
// app resolves the rest at start: the Quilt stack's outputs (cloudformation:DescribeStacks) and a
// 10-key secret (secretsmanager:GetSecretValue).

const CONFIG = 'v0.6.0:docker/src/config.py'
const RESOLVER = 'v0.6.0:docker/src/config_resolver.py'
const STACK = 'v0.6.0:lib/fargate-service.ts'

const env: EnvSpec[] = [
  {
    cite: `${CONFIG}:46-53`,
    description: 'the Quilt CloudFormation stack ARN; its outputs give the Athena database and the packager queue',
    kind: 'cloudformation-stack-arn',
    name: 'QuiltStackARN',
    required: true,
  },
  {cite: `${CONFIG}:46-53`, description: 'the name or ARN of the Secrets Manager secret holding the Benchling credentials', kind: 'secret-id', name: 'BenchlingSecret', required: true},
  {cite: `${CONFIG}:83`, description: 'disables webhook verification for local tests', kind: 'boolean', name: 'BENCHLING_TEST_MODE', required: false},
]

// set by upstream's stack; the app reads its settings from the secret instead
const commonEnv: EnvSpec[] = [
  {cite: `${RESOLVER}:307-309`, default: 'INFO', description: 'the log level (the app reads log_level from the secret)', kind: 'log-level', name: 'LOG_LEVEL', required: false},
  {cite: `${RESOLVER}:307-309`, description: 'whether webhook signatures are verified (the app reads enable_webhook_verification from the secret)', kind: 'boolean', name: 'ENABLE_WEBHOOK_VERIFICATION', required: false},
  {cite: `${STACK}:330-345`, description: 'the AWS region', kind: 'text', name: 'AWS_REGION', required: false},
  {cite: `${STACK}:330-345`, description: 'the AWS region (older SDKs)', kind: 'text', name: 'AWS_DEFAULT_REGION', required: false},
  {cite: `${STACK}:330-345`, description: 'the Flask environment', kind: 'text', name: 'FLASK_ENV', required: false},
  {cite: 'v0.6.0:docker/src/app.py:614', description: 'the port the app listens on', kind: 'port', name: 'PORT', required: false},
]

export const v06v07: Profile = {
  commonEnv,
  env: {legacy: [], 'secrets-only': env},
  health: health('application'),
  ...shared,
  missingConfigMessage: {legacy: 'Missing required environment variables: QuiltStackARN and BenchlingSecret', 'secrets-only': 'Missing required environment variables: QuiltStackARN and BenchlingSecret'},
  names,
  permissions: {
    execution: executionNeeds,
    task: [
      ...quiltWorkNeeds({athena: `${STACK}:203-215`, glue: `${STACK}:186-200`, s3: `${STACK}:126-137`, sqs: `${STACK}:140-151`}),
      {
        actions: ['cloudformation:DescribeStacks'],
        cite: `${STACK}:100-110`,
        resource: 'quilt-stack',
        sid: 'ReadQuiltStack',
        why: 'to read the Quilt stack outputs at start-up',
      },
      {
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        cite: `${STACK}:112-123`,
        resource: 'benchling-secret',
        sid: 'ReadBenchlingSecret',
        why: 'to read the Benchling credentials at start-up',
      },
      {
        actions: ['sqs:GetQueueUrl', 'sqs:GetQueueAttributes'],
        cite: `${STACK}:140-151`,
        resource: 'queue',
        sid: 'SendToPackager',
        why: 'to find the packager queue from its ARN',
      },
    ],
  },
  ports: [5000],
  quiltStackOutputs: {
    catalog: ['Catalog', 'CatalogDomain', 'ApiGatewayEndpoint'],
    // v0.6.x reads PackagerQueueArn (config_resolver.py:539); v0.7.x PackagerQueueUrl
    // (v0.7.10:docker/src/config_resolver.py:507-512), v0.7.2 either
    cite: `${RESOLVER}:505-539`,
    required: [['UserAthenaDatabaseName'], ['PackagerQueueArn', 'PackagerQueueUrl']],
  },
  release: {
    before: '0.8.0',
    cites: {
      containerHealthCheck: `${STACK}:361-367`,
      logGroup: `${STACK}:73`,
      missingConfigMessage: `${CONFIG}:51`,
      port: `${STACK}:373`,
      quiltStackOutputs: `${RESOLVER}:539`,
      targetGroup: `${STACK}:400-412`,
    },
    from: '0.6.0',
    line: 'v0.6-v0.7',
    modes: ['secrets-only'],
    title: 'v0.6.0-v0.7.x (secrets-only: QuiltStackARN and BenchlingSecret, resolved by the app at start)',
  },
  secret: {
    aliases: secretAliases,
    keys: runtimeSecretKeys({allowList: `${RESOLVER}:310,326`, keys: `${RESOLVER}:300-313`}),
    optionalKeys: optionalSecretKeys,
  },
  sidecars: [],
}
