import type {EnvSpec, Profile, SidecarSpec} from '../types.js'
import {executionNeeds, health, names, optionalSecretKeys, quiltWorkNeeds, runtimeSecretKeys, secretAliases, shared} from './common.js'

// v0.8.0 on: the deploy resolves the Quilt stack and the container gets its values as variables
// (QUILT_WEB_HOST, ATHENA_USER_DATABASE, PACKAGER_SQS_URL) with BenchlingSecret; QuiltStackARN is no
// longer read. Two lines: v0.8.0-v0.8.8 behind an ALB on port 5000, v0.8.9 on behind an NLB on 8080.

const CONFIG = 'v0.18.0:docker/src/config.py'
const STACK = 'v0.18.0:lib/fargate-service.ts'

const env: EnvSpec[] = [
  {cite: `${CONFIG}:93,162-175`, description: 'the Quilt catalog host or URL', kind: 'text', name: 'QUILT_WEB_HOST', required: true},
  {cite: `${CONFIG}:94,162-175`, description: 'the Quilt Athena database', kind: 'glue-database', name: 'ATHENA_USER_DATABASE', required: true},
  {cite: `${CONFIG}:95,162-175`, description: 'the Quilt packager SQS queue URL', kind: 'sqs-url', name: 'PACKAGER_SQS_URL', required: true},
  {cite: `${CONFIG}:96,162-175`, description: 'the AWS region the app calls', kind: 'text', name: 'AWS_REGION', required: true},
  {cite: `${CONFIG}:126-130`, description: 'the name or ARN of the Secrets Manager secret holding the Benchling credentials', kind: 'secret-id', name: 'BenchlingSecret', required: true},
  {cite: `${CONFIG}:104`, default: 'primary', description: 'the Athena workgroup', kind: 'text', name: 'ATHENA_USER_WORKGROUP', required: false},
  {cite: `${CONFIG}:99`, description: 'a role the app assumes for S3', kind: 'text', name: 'QUILT_WRITE_ROLE_ARN', required: false},
  {cite: `${CONFIG}:121`, description: 'disables webhook verification for local tests', kind: 'boolean', name: 'BENCHLING_TEST_MODE', required: false},
  {before: '0.11.0', cite: 'v0.8.2:docker/src/config.py', description: 'the Athena results bucket (read until v0.11)', kind: 'text', name: 'ATHENA_RESULTS_BUCKET', required: false},
  {before: '0.10.0', cite: 'v0.8.2:docker/src/config.py', description: 'the Iceberg database (read until v0.10)', kind: 'text', name: 'ICEBERG_DATABASE', required: false},
  {before: '0.10.0', cite: 'v0.8.2:docker/src/config.py', description: 'the Iceberg workgroup (read until v0.10)', kind: 'text', name: 'ICEBERG_WORKGROUP', required: false},
  {cite: `${STACK}:305-307`, description: 'the package event queue the consumer container drains', kind: 'text', name: 'PACKAGE_EVENT_QUEUE_URL', required: false, since: '0.17.0'},
  {cite: `${STACK}:305-307`, description: 'how many package events are handled at once', kind: 'text', name: 'PACKAGE_EVENT_CONCURRENCY', required: false, since: '0.17.0'},
  {cite: `${STACK}:305-307`, description: 'seconds a consumer waits to finish on stop', kind: 'text', name: 'PACKAGE_EVENT_GRACEFUL_TIMEOUT', required: false, since: '0.17.0'},
  {cite: `${STACK}:312-315`, description: 'the packaging request queue the packaging container drains', kind: 'text', name: 'PACKAGING_REQUEST_QUEUE_URL', required: false, since: '0.17.2'},
  {cite: `${STACK}:312-315`, description: 'how many packaging requests are handled at once', kind: 'text', name: 'PACKAGING_REQUEST_CONCURRENCY', required: false, since: '0.17.2'},
  {cite: `${STACK}:312-315`, description: 'seconds the packaging container waits to finish on stop', kind: 'text', name: 'PACKAGING_REQUEST_GRACEFUL_TIMEOUT', required: false, since: '0.17.2'},
]

const commonEnv: EnvSpec[] = [
  {cite: `${CONFIG}:114`, default: 'INFO', description: 'the log level', kind: 'log-level', name: 'LOG_LEVEL', required: false},
  {cite: `${CONFIG}:117`, default: 'true', description: 'whether webhook signatures are verified', kind: 'boolean', name: 'ENABLE_WEBHOOK_VERIFICATION', required: false},
  {cite: `${STACK}:281`, description: 'the AWS region (older SDKs)', kind: 'text', name: 'AWS_DEFAULT_REGION', required: false},
  {before: '0.8.9', cite: 'v0.8.2:docker/src/config.py', description: 'the Flask environment', kind: 'text', name: 'FLASK_ENV', required: false},
  {cite: `${CONFIG}:113`, description: 'the app environment', kind: 'text', name: 'APP_ENV', required: false, since: '0.8.9'},
  {cite: `${CONFIG}:113`, description: 'the app environment (older name)', kind: 'text', name: 'ENVIRONMENT', required: false, since: '0.8.9'},
  {cite: 'v0.18.0:docker/src/app.py:1236', description: 'the port the app listens on', kind: 'port', name: 'PORT', required: false},
]

const sidecars: SidecarSpec[] = [
  {cite: `${STACK}:341-357`, essential: true, name: 'BenchlingPackageEventConsumer', role: 'drains the package event queue (python -m src.sqs_consumer); serves no port and has no health check', since: '0.17.0'},
  {cite: `${STACK}:362-378`, essential: true, name: 'BenchlingPackagingConsumer', role: 'drains the packaging request queue (python -m src.packaging_consumer); serves no port and has no health check', since: '0.17.2'},
]

const base = {
  commonEnv,
  env: {legacy: [], 'secrets-only': env},
  ...shared,
  missingConfigMessage: {legacy: 'Missing required configuration: <names>', 'secrets-only': 'Missing required configuration: <names>'},
  permissions: {
    execution: executionNeeds,
    task: [
      ...quiltWorkNeeds({athena: `${STACK}:241-258`, glue: `${STACK}:219-233`, s3: `${STACK}:149-174`, sqs: `${STACK}:202-215`}),
      {
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        cite: `${STACK}:134-147`,
        resource: 'benchling-secret',
        sid: 'ReadBenchlingSecret',
        why: 'to read the Benchling credentials when it needs them',
      },
    ],
  },
  quiltStackOutputs: {catalog: [], required: []},
  secret: {
    aliases: secretAliases,
    keys: runtimeSecretKeys({allowList: 'v0.9.9:docker/src/secrets_manager.py:159,175', keys: 'v0.18.0:docker/src/secrets_manager.py:186-196'}),
    optionalKeys: optionalSecretKeys,
  },
  sidecars,
} satisfies Partial<Profile>

export const v08alb: Profile = {
  ...base,
  health: health('application'),
  names,
  ports: [5000],
  release: {
    before: '0.8.9',
    cites: {
      containerHealthCheck: 'v0.8.2:lib/fargate-service.ts:336-342',
      logGroup: 'v0.8.2:lib/fargate-service.ts:113',
      missingConfigMessage: 'v0.8.2:docker/src/config.py:162-175',
      port: 'v0.8.2:docker/src/app.py:609',
      targetGroup: 'v0.8.2:lib/fargate-service.ts:377-390',
    },
    from: '0.8.0',
    line: 'v0.8.0-v0.8.8',
    modes: ['secrets-only'],
    title: 'v0.8.0-v0.8.8 (Quilt stack resolved at deploy: QUILT_WEB_HOST, ATHENA_USER_DATABASE, PACKAGER_SQS_URL, BenchlingSecret; ALB, port 5000)',
  },
}

export const v089: Profile = {
  ...base,
  health: health('network'),
  names: {...names, port: 8080},
  ports: [8080],
  release: {
    cites: {
      containerHealthCheck: `${STACK}:332-338`,
      logGroup: `${STACK}:113-117`,
      missingConfigMessage: `${CONFIG}:162-175`,
      port: 'v0.18.0:docker/src/app.py:1236',
      targetGroup: 'v0.18.0:lib/network-load-balancer.ts:45-64',
    },
    from: '0.8.9',
    line: 'v0.8.9+',
    modes: ['secrets-only'],
    title: 'v0.8.9 and later (deploy-time Quilt values, BenchlingSecret, a 9-key secret from v0.10; NLB, port 8080; consumer sidecars from v0.17)',
  },
}
