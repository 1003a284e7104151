import type {Profile} from '../../profile/types.js'
import type {Resource} from './cfn.js'
import {ifElse, onlyIf, ref, sub} from './cfn.js'
import {roleArns} from './iam.js'
import {MODE_CONDITIONS} from './parameters.js'

const env = (Name: string, Value: unknown) => ({Name, Value})

/** The container's environment: common variables, then each mode's own, chosen at deploy time. */
function environment(profile: Profile): unknown[] {
  const legacy = MODE_CONDITIONS.legacy
  const secretsOnly = MODE_CONDITIONS.secretsOnly
  return [
    env('PORT', String(profile.names.port)),
    env('AWS_REGION', ref('AWS::Region')),
    env('LOG_LEVEL', ref('LogLevel')),
    env('ENABLE_WEBHOOK_VERIFICATION', ref('EnableWebhookVerification')),
    onlyIf(secretsOnly, env('QuiltStackARN', ref('QuiltStackARN'))),
    onlyIf(secretsOnly, env('BenchlingSecret', ref('BenchlingSecret'))),
    onlyIf(legacy, env('QUILT_CATALOG', ref('QuiltCatalog'))),
    onlyIf(legacy, env('QUILT_DATABASE', ref('QuiltDatabase'))),
    onlyIf(legacy, env('QUILT_USER_BUCKET', ref('QuiltUserBucket'))),
    onlyIf(legacy, env('QUEUE_ARN', ref('QueueArn'))),
    onlyIf(legacy, env('BENCHLING_TENANT', ref('BenchlingTenant'))),
    onlyIf(legacy, env('BENCHLING_CLIENT_ID', ref('BenchlingClientId'))),
    onlyIf(legacy, env('BENCHLING_APP_DEFINITION_ID', ref('BenchlingAppDefinitionId'))),
    onlyIf(legacy, env('PKG_PREFIX', ref('PkgPrefix'))),
    onlyIf(legacy, env('PKG_KEY', ref('PkgKey'))),
  ]
}

export function taskDefinition(profile: Profile): Resource {
  const {container, port, taskFamily, logStreamPrefix} = profile.names
  return {
    Properties: {
      ContainerDefinitions: [
        {
          Environment: environment(profile),
          Essential: true,
          HealthCheck: {
            Command: ['CMD-SHELL', `curl -f http://localhost:${port}/health || exit 1`],
            Interval: 30,
            Retries: 3,
            StartPeriod: 60,
            Timeout: 10,
          },
          Image: ref('ImageUri'),
          LogConfiguration: {
            LogDriver: 'awslogs',
            // Ref LogGroup when the stack makes it: an implicit dependency, so no task starts before it exists
            Options: {'awslogs-group': ifElse('ShouldCreateLogGroup', ref('LogGroup'), ref('LogGroupName')), 'awslogs-region': ref('AWS::Region'), 'awslogs-stream-prefix': logStreamPrefix},
          },
          Name: container,
          PortMappings: [{ContainerPort: port, Protocol: 'tcp'}],
          // the client secret only by reference: ECS reads the JSON key when the task starts
          Secrets: onlyIf(MODE_CONDITIONS.legacy, [
            {Name: 'BENCHLING_CLIENT_SECRET', ValueFrom: sub('${BenchlingClientSecretArn}:client_secret::')},
          ]),
        },
      ],
      Cpu: '1024',
      ExecutionRoleArn: roleArns.execution,
      Family: taskFamily,
      Memory: '2048',
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['FARGATE'],
      TaskRoleArn: roleArns.task,
    },
    Type: 'AWS::ECS::TaskDefinition',
  }
}

/** Kept on delete and on replacement, so a rolled-back first deploy leaves its logs to read. */
export function logGroup(): Resource {
  return {
    Condition: 'ShouldCreateLogGroup',
    DeletionPolicy: 'Retain',
    Properties: {LogGroupName: ref('LogGroupName'), RetentionInDays: 30},
    Type: 'AWS::Logs::LogGroup',
    UpdateReplacePolicy: 'Retain',
  }
}
