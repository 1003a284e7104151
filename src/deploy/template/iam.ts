import type {Resource} from './cfn.js'
import {getAtt, ifElse, ref, statement, sub} from './cfn.js'
import {MODE_CONDITIONS} from './parameters.js'

// Least privilege for the mode: every statement names its resource, and mode-only statements are
// wrapped in Fn::If so CloudFormation keeps just the ones the deployed mode needs.

const ecsTasksTrust = {
  Statement: [{Action: 'sts:AssumeRole', Effect: 'Allow', Principal: {Service: 'ecs-tasks.amazonaws.com'}}],
  Version: '2012-10-17',
}

const logGroupArn = sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${LogGroupName}:*')
const kmsDecrypt = (condition: string) => statement('DecryptSecret', ['kms:Decrypt'], ref('SecretKmsKeyArn'), condition)

export function executionRole(): Resource {
  return {
    Properties: {
      AssumeRolePolicyDocument: ecsTasksTrust,
      Policies: [
        {
          PolicyDocument: {
            Statement: [
              statement('EcrLogin', ['ecr:GetAuthorizationToken'], '*', 'HasImageRepository'),
              statement('PullImage', ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'], ref('ImageRepositoryArn'), 'HasImageRepository'),
              statement('WriteLogs', ['logs:CreateLogStream', 'logs:PutLogEvents'], logGroupArn),
              // legacy injects the client secret as an ECS `secrets` entry before the container starts
              statement('InjectClientSecret', ['secretsmanager:GetSecretValue'], ref('BenchlingClientSecretArn'), MODE_CONDITIONS.legacy),
              kmsDecrypt('LegacySecretHasKmsKey'),
            ],
            Version: '2012-10-17',
          },
          PolicyName: 'webhook-execution',
        },
      ],
    },
    Type: 'AWS::IAM::Role',
  }
}

const bucketArn = sub('arn:${AWS::Partition}:s3:::${QuiltUserBucket}')
const objectsArn = sub('arn:${AWS::Partition}:s3:::${QuiltUserBucket}/*')

export function taskRole(): Resource {
  return {
    Properties: {
      AssumeRolePolicyDocument: ecsTasksTrust,
      Policies: [
        {
          PolicyDocument: {
            Statement: [
              statement(
                'QueryAthena',
                ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution', 'athena:GetWorkGroup'],
                sub('arn:${AWS::Partition}:athena:${AWS::Region}:${AWS::AccountId}:workgroup/*'),
              ),
              statement('ReadGlueCatalog', ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartitions'], [
                sub('arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:catalog'),
                sub('arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:database/${QuiltDatabase}'),
                sub('arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:table/${QuiltDatabase}/*'),
              ]),
              statement('ListUserBucket', ['s3:ListBucket', 's3:GetBucketLocation'], bucketArn),
              statement('ReadWritePackages', ['s3:GetObject', 's3:PutObject'], objectsArn),
              statement(
                'SendToPackager',
                ifElse(MODE_CONDITIONS.secretsOnly, ['sqs:SendMessage', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'], ['sqs:SendMessage']) as never,
                ref('QueueArn'),
              ),
              statement('ReadQuiltStack', ['cloudformation:DescribeStacks'], ref('QuiltStackARN'), MODE_CONDITIONS.secretsOnly),
              statement('ReadBenchlingSecret', ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], ref('BenchlingSecret'), MODE_CONDITIONS.secretsOnly),
              kmsDecrypt('SecretsOnlySecretHasKmsKey'),
            ],
            Version: '2012-10-17',
          },
          PolicyName: 'webhook-task',
        },
      ],
    },
    Type: 'AWS::IAM::Role',
  }
}

export const roleArns = {execution: getAtt('ExecutionRole', 'Arn'), task: getAtt('TaskRole', 'Arn')}
