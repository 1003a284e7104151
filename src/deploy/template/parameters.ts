import type {Profile} from '../../profile/types.js'
import {equals, not, ref, type Parameter, type Template} from './cfn.js'

// One template serves both modes: Mode is a parameter, and conditions built on it choose the
// container's environment, its secrets and the IAM statements when CloudFormation deploys, not
// when the template is made (the upstream tool fixed the mode at synthesis, so secrets-only
// parameters given to a legacy-built template changed nothing).

export const MODE_CONDITIONS = {legacy: 'IsLegacy', secretsOnly: 'IsSecretsOnly'} as const

/** Parameters each mode must have non-empty; CloudFormation Rules refuse a change set without them. */
export const REQUIRED_BY_MODE = {
  legacy: ['QuiltCatalog', 'QuiltDatabase', 'QuiltUserBucket', 'QueueArn', 'BenchlingTenant', 'BenchlingClientId', 'BenchlingAppDefinitionId', 'BenchlingClientSecretArn'],
  'secrets-only': ['QuiltStackARN', 'BenchlingSecret'],
} as const

const text = (Description: string, Default = ''): Parameter => ({Default, Description, Type: 'String'})

export function parameters(profile: Profile): Template['Parameters'] {
  return {
    BenchlingAppDefinitionId: text('legacy: the Benchling app definition id (appdef_...)'),
    BenchlingClientId: text('legacy: the Benchling app client id'),
    BenchlingClientSecretArn: text('legacy: ARN of a Secrets Manager secret whose JSON key client_secret holds the client secret (never the value itself)'),
    BenchlingSecret: text('secrets-only: the ARN of the Secrets Manager secret with the Benchling credentials'),
    BenchlingTenant: text('legacy: the Benchling tenant name (quilt-dtt for quilt-dtt.benchling.com)'),
    CreateLogGroup: {AllowedValues: ['true', 'false'], Default: 'true', Description: 'false when the log group already exists (kept from an earlier stack)', Type: 'String'},
    DesiredCount: {Default: '2', Description: 'how many tasks run', Type: 'Number'},
    EnableWebhookVerification: {AllowedValues: ['true', 'false'], Default: 'true', Description: 'whether webhook signatures are verified', Type: 'String'},
    ImageRepositoryArn: text('the ECR repository ARN of ImageUri, to allow pulling from it; empty for a public image'),
    ImageUri: {Description: 'the webhook image, e.g. public.ecr.aws/quiltdata/benchling:0.5.6', Type: 'String'},
    LogGroupName: text('the CloudWatch log group of the containers', profile.names.logGroup),
    LogLevel: {AllowedValues: ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'], Default: 'INFO', Description: 'the app log level', Type: 'String'},
    Mode: {AllowedValues: ['legacy', 'secrets-only'], Description: 'how the container gets its configuration', Type: 'String'},
    PkgKey: text('legacy: the metadata key packages are keyed on', 'experiment_id'),
    PkgPrefix: text('legacy: the prefix of package names', 'benchling'),
    QueueArn: text('the Quilt packager SQS queue ARN (secrets-only: from the Quilt stack outputs, to scope permissions)'),
    QuiltCatalog: text('legacy: the Quilt catalog host'),
    QuiltDatabase: text('the Quilt Athena database (secrets-only: from the Quilt stack outputs, to scope permissions)'),
    QuiltStackARN: text('secrets-only: the Quilt CloudFormation stack ARN'),
    QuiltUserBucket: text('the Quilt user bucket (secrets-only: from the Quilt stack outputs, to scope permissions)'),
    SecretKmsKeyArn: text('the customer KMS key of the mode\'s secret, empty for the AWS managed key'),
    SubnetIds: {Description: 'subnets for the load balancer and the tasks (at least two zones)', Type: 'List<AWS::EC2::Subnet::Id>'},
    VpcId: {Description: 'the VPC to run in', Type: 'AWS::EC2::VPC::Id'},
  }
}

export function conditions(): Template['Conditions'] {
  return {
    HasImageRepository: not(equals(ref('ImageRepositoryArn'), '')),
    HasSecretKmsKey: not(equals(ref('SecretKmsKeyArn'), '')),
    [MODE_CONDITIONS.legacy]: equals(ref('Mode'), 'legacy'),
    [MODE_CONDITIONS.secretsOnly]: equals(ref('Mode'), 'secrets-only'),
    LegacySecretHasKmsKey: {'Fn::And': [{Condition: MODE_CONDITIONS.legacy}, {Condition: 'HasSecretKmsKey'}]},
    SecretsOnlySecretHasKmsKey: {'Fn::And': [{Condition: MODE_CONDITIONS.secretsOnly}, {Condition: 'HasSecretKmsKey'}]},
    ShouldCreateLogGroup: equals(ref('CreateLogGroup'), 'true'),
  }
}

export function rules(): Template['Rules'] {
  const assertions = (names: readonly string[], mode: string) =>
    names.map((name) => ({Assert: not(equals(ref(name), '')), AssertDescription: `${name} is required in ${mode} mode`}))
  return {
    LegacyValues: {Assertions: assertions(REQUIRED_BY_MODE.legacy, 'legacy'), RuleCondition: equals(ref('Mode'), 'legacy')},
    SecretsOnlyValues: {Assertions: assertions(REQUIRED_BY_MODE['secrets-only'], 'secrets-only'), RuleCondition: equals(ref('Mode'), 'secrets-only')},
  }
}
