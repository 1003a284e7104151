import type {EnvSpec, Profile} from '../types.js'
import {executionNeeds, health, names, quiltWorkNeeds, runtimeSecretKeys, secretAliases, shared} from './common.js'

// v0.5.x, legacy mode: a dozen variables, the credentials as ECS `secrets` from JSON keys of a
// secret the stack creates. Facts from v0.5.4 unless a bound says otherwise; the queue variable
// changed name twice inside the line.

const CONFIG = 'v0.5.4:docker/src/config.py'
const STACK = 'v0.5.4:lib/fargate-service.ts'

const env: EnvSpec[] = [
  {cite: `${CONFIG}:10,24-35`, description: 'the Quilt user bucket', kind: 'bucket', name: 'QUILT_USER_BUCKET', required: true},
  {before: '0.5.2', cite: 'v0.5.0:docker/src/config.py:14', description: 'the Quilt packager SQS queue URL', kind: 'text', name: 'SQS_QUEUE_URL', required: true},
  {before: '0.5.4', cite: 'v0.5.2:docker/src/config.py:15', description: 'the Quilt packager SQS queue URL', kind: 'text', name: 'QUEUE_URL', required: true, since: '0.5.2'},
  {cite: `${CONFIG}:15,24-35`, description: 'the Quilt packager SQS queue ARN', kind: 'sqs-arn', name: 'QUEUE_ARN', required: true, since: '0.5.4'},
  {
    cite: `${CONFIG}:16,24-35`,
    description: 'the Benchling tenant name (quilt-dtt for quilt-dtt.benchling.com)',
    kind: 'tenant',
    name: 'BENCHLING_TENANT',
    required: true,
    since: '0.5.2',
  },
  {cite: `${CONFIG}:17,24-35`, description: 'the Benchling app client id', kind: 'text', name: 'BENCHLING_CLIENT_ID', required: true, secretAllowed: true, since: '0.5.2'},
  {
    cite: `${CONFIG}:18,24-35`,
    credential: true,
    description: 'the Benchling app client secret, from Secrets Manager',
    kind: 'text',
    name: 'BENCHLING_CLIENT_SECRET',
    required: true,
    secretAllowed: true,
    since: '0.5.2',
  },
  {
    cite: `${CONFIG}:19,24-35`,
    description: 'the Benchling app definition id (appdef_...)',
    kind: 'app-definition-id',
    name: 'BENCHLING_APP_DEFINITION_ID',
    required: true,
    secretAllowed: true,
    since: '0.5.2',
  },
  {cite: `${CONFIG}:13`, default: 'stable.quilttest.com', description: 'the Quilt catalog host, e.g. nightly.quilttest.com', kind: 'host', name: 'QUILT_CATALOG', required: false},
  {cite: `${CONFIG}:14`, description: 'the Quilt Athena database', kind: 'glue-database', name: 'QUILT_DATABASE', required: false},
  {aliases: ['PACKAGE_PREFIX'], cite: `${CONFIG}:11`, default: 'benchling', description: 'the prefix of package names', kind: 'text', name: 'PKG_PREFIX', required: false},
  {aliases: ['PACKAGE_KEY'], cite: `${CONFIG}:12`, default: 'experiment_id', description: 'the metadata key packages are keyed on', kind: 'text', name: 'PKG_KEY', required: false},
  {cite: `${STACK}:188`, description: 'the webhook IP allow list, set by upstream\'s stack', kind: 'text', name: 'WEBHOOK_ALLOW_LIST', required: false},
  {cite: `${STACK}:194`, description: 'the release the stack deployed, set by upstream\'s stack', kind: 'text', name: 'BENCHLING_WEBHOOK_VERSION', required: false},
]

const commonEnv: EnvSpec[] = [
  {cite: `${CONFIG}:8`, default: 'INFO', description: 'the log level', kind: 'log-level', name: 'LOG_LEVEL', required: false},
  {cite: `${CONFIG}:20`, default: 'true', description: 'whether webhook signatures are verified', kind: 'boolean', name: 'ENABLE_WEBHOOK_VERIFICATION', required: false},
  {cite: `${CONFIG}:9`, default: 'us-east-2', description: 'the AWS region', kind: 'text', name: 'AWS_REGION', required: false},
  {cite: `${STACK}:190`, description: 'the AWS region (older SDKs)', kind: 'text', name: 'AWS_DEFAULT_REGION', required: false},
  {cite: `${CONFIG}:7`, description: 'the Flask environment', kind: 'text', name: 'FLASK_ENV', required: false},
  {cite: 'v0.5.4:docker/src/app.py:471', description: 'the port the app listens on', kind: 'port', name: 'PORT', required: false},
]

export const v05: Profile = {
  commonEnv,
  env: {legacy: env, 'secrets-only': []},
  health: health('application'),
  ...shared,
  missingConfigMessage: {legacy: 'Missing required configuration: <names>', 'secrets-only': 'Missing required configuration: <names>'},
  names,
  permissions: {
    execution: executionNeeds,
    task: quiltWorkNeeds({athena: `${STACK}:98-111`, glue: `${STACK}:114-127`, s3: `${STACK}:82-83`, sqs: `${STACK}:86-95`}),
  },
  ports: [5000],
  quiltStackOutputs: {catalog: [], required: []},
  release: {
    before: '0.6.0',
    cites: {
      containerHealthCheck: `${STACK}:210-216`,
      logGroup: `${STACK}:60`,
      missingConfigMessage: `${CONFIG}:37-39`,
      port: `${STACK}:221`,
      targetGroup: `${STACK}:249-262`,
    },
    from: '0.5.0',
    line: 'v0.5',
    modes: ['legacy'],
    title: 'v0.5.x (legacy mode: variables, credentials as ECS secrets)',
  },
  secret: {
    aliases: secretAliases,
    // the app reads no key itself; upstream's stack maps these three into variables with ECS
    // `secrets` (lib/fargate-service.ts:196-208), so a secret without one stops every task
    keys: [
      {cite: `${STACK}:196-200`, credential: true, description: 'the Benchling app client id', kind: 'text', name: 'client_id', required: true},
      {cite: `${STACK}:201-204`, credential: true, description: 'the Benchling app client secret', kind: 'text', name: 'client_secret', required: true},
      {cite: `${STACK}:205-208`, description: 'the app definition id, appdef_...', kind: 'app-definition-id', name: 'app_definition_id', required: true, since: '0.5.2'},
    ],
    // keys later releases read: harmless here (v0.5.4's app reads none), so never "unknown"
    optionalKeys: runtimeSecretKeys({allowList: 'v0.6.0:docker/src/config_resolver.py:310,326', keys: 'v0.6.0:docker/src/config_resolver.py:300-313'})
      .filter((k) => !['client_id', 'client_secret', 'app_definition_id'].includes(k.name))
      .map((k) => ({...k, before: undefined, required: false})),
  },
  sidecars: [],
}
