import type {PermissionNeed, Profile, SecretKeySpec} from '../types.js'
import {webhookLogSignatures} from '../log-signatures.js'

// What every release line of quiltdata/benchling-webhook shares: the names its CDK stack gives
// things, the execution role's needs, the log levels, the names people write for the secret's keys.
// Each line (v0.5.ts, v0.6-v0.7.ts, v0.8.ts) adds what is its own; docs/releases.md is the table.

export const names: Profile['names'] = {
  cluster: 'benchling-webhook-cluster',
  // v0.5.4:lib/fargate-service.ts:172 and v0.18.0:lib/fargate-service.ts:322: the same at every tag
  container: 'BenchlingWebhookContainer',
  image: 'quiltdata/benchling',
  logGroup: '/ecs/benchling-webhook',
  logStreamPrefix: 'benchling-webhook',
  port: 5000,
  service: 'benchling-webhook-service',
  stack: 'BenchlingWebhookStack',
  taskFamily: 'benchling-webhook-task',
}

export const namesCites = {
  container: 'v0.18.0:lib/fargate-service.ts:322',
  logStreamPrefix: 'v0.18.0:lib/fargate-service.ts:328',
  taskFamily: 'v0.18.0:lib/fargate-service.ts:271',
}

/** ECS's own needs before the container starts: the same for every line. */
export const executionNeeds: PermissionNeed[] = [
  {
    actions: ['ecr:GetAuthorizationToken'],
    cite: 'v0.18.0:lib/fargate-service.ts:120-126',
    resource: '*',
    sid: 'EcrLogin',
    why: 'to log in to ECR and pull the image',
  },
  {
    actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
    cite: 'v0.18.0:lib/fargate-service.ts:120-126',
    resource: 'image-repository',
    sid: 'PullImage',
    why: 'to pull the image',
  },
  {
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    cite: 'v0.18.0:lib/fargate-service.ts:120-126',
    resource: 'log-group',
    sid: 'WriteLogs',
    why: 'to write container logs',
  },
  {
    actions: ['secretsmanager:GetSecretValue'],
    cite: 'v0.5.4:lib/fargate-service.ts:196-208',
    resource: 'referenced-secrets',
    sid: 'InjectClientSecret',
    why: 'to inject every secret the task definition references before the container starts',
  },
]

/** The task role's needs for the app's Quilt work, the same from v0.5 to v0.18. */
export function quiltWorkNeeds(cite: {athena: string; glue: string; s3: string; sqs: string}): PermissionNeed[] {
  return [
    {
      actions: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution', 'athena:GetWorkGroup'],
      cite: cite.athena,
      resource: 'athena-workgroup',
      sid: 'QueryAthena',
      why: 'to query the Quilt database',
    },
    {
      // the app's Glue-backed work is an Athena SELECT on a named view (docker/src/package_query.py):
      // no release grants or needs glue:GetTables
      actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
      cite: cite.glue,
      resource: 'glue-database',
      sid: 'ReadGlueCatalog',
      why: 'to let Athena read the Quilt database\'s tables from the Glue catalog',
    },
    {actions: ['s3:ListBucket'], cite: cite.s3, resource: 'bucket', sid: 'ListUserBucket', why: 'to list the Quilt user bucket'},
    {actions: ['s3:GetObject', 's3:PutObject'], cite: cite.s3, resource: 'bucket-objects', sid: 'ReadWritePackages', why: 'to read and write package files'},
    {actions: ['sqs:SendMessage'], cite: cite.sqs, resource: 'queue', sid: 'SendToPackager', why: 'to send package requests to the Quilt packager queue'},
  ]
}

/** What every line's profile shares as it is: its id and title, log levels and log signatures. */
export const shared = {
  id: 'benchling-webhook',
  logLevels: ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'],
  logSignatures: webhookLogSignatures,
  title: 'Benchling webhook (quiltdata/benchling-webhook)',
} satisfies Partial<Profile>

/**
 * The app's health endpoints, the same at every tag (/health, /health/ready, /health/live:
 * v0.18.0:docker/src/app.py:514-566), behind the load balancer of the line. A Python service needs
 * about 30 s to boot before its first health check counts.
 */
export function health(loadBalancer: 'application' | 'network'): Profile['health'] {
  return {
    loadBalancers: [loadBalancer],
    minGracePeriodSeconds: 30,
    minStartPeriodSeconds: 30,
    paths: ['/health', '/health/ready'],
    targetGroupPaths: ['/health', '/health/ready', '/health/live'],
  }
}

/** Names people write for the keys the app reads, that case folding cannot reach. */
export const secretAliases: Record<string, string> = {
  appDefinitionID: 'app_definition_id',
  appId: 'app_definition_id',
  benchling_tenant: 'tenant',
  clientID: 'client_id',
  tenantName: 'tenant',
  tenant_name: 'tenant',
}

/**
 * The Benchling secret's keys from v0.6.0 on: every one required (a missing key stops the app),
 * webhook_allow_list until v0.10.0 (it may be empty: no IP filter).
 */
export function runtimeSecretKeys(cite: {keys: string; allowList: string}): SecretKeySpec[] {
  const k = (name: string, description: string, extra: Partial<SecretKeySpec> = {}): SecretKeySpec => ({cite: cite.keys, description, kind: 'text', name, required: true, ...extra})
  return [
    k('tenant', 'the tenant name, quilt-dtt for quilt-dtt.benchling.com', {kind: 'tenant'}),
    k('client_id', 'the Benchling app client id', {credential: true}),
    k('client_secret', 'the Benchling app client secret', {credential: true}),
    k('app_definition_id', 'the app definition id, appdef_...', {kind: 'app-definition-id'}),
    k('pkg_prefix', 'the prefix of package names'),
    k('pkg_key', 'the metadata key packages are keyed on'),
    k('user_bucket', 'the Quilt user bucket', {kind: 'bucket'}),
    k('log_level', 'the log level', {kind: 'log-level'}),
    k('enable_webhook_verification', 'whether webhook signatures are verified', {kind: 'boolean'}),
    {before: '0.10.0', cite: cite.allowList, description: 'the IP allow list for webhooks, empty for none', kind: 'text', mayBeEmpty: true, name: 'webhook_allow_list', required: true},
  ]
}

/** Keys some secrets carry that no line requires. */
export const optionalSecretKeys: SecretKeySpec[] = [
  {cite: 'v0.6.0:docker/src/config_resolver.py:150-170', description: 'the Benchling API URL', kind: 'text', name: 'api_url', required: false},
  {cite: 'v0.18.0:docker/src/secrets_manager.py:186-196', description: 'the IP allow list for webhooks, empty for none', kind: 'text', mayBeEmpty: true, name: 'webhook_allow_list', required: false, since: '0.10.0'},
]
