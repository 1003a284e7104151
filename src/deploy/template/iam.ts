import type {PermissionNeed, Profile} from '../../profile/types.js'
import type {Resource} from './cfn.js'
import {getAtt, ref, statement} from './cfn.js'
import {statementsFor} from './iam-statements.js'

// The roles grant what the profile says each one needs (iam-statements.ts), so the template and the
// `iam` check read one list. Least privilege for the mode: every statement names its resource, and
// mode-only statements are wrapped in Fn::If so CloudFormation keeps just the ones the deployed
// mode needs.

const ecsTasksTrust = {
  Statement: [{Action: 'sts:AssumeRole', Effect: 'Allow', Principal: {Service: 'ecs-tasks.amazonaws.com'}}],
  Version: '2012-10-17',
}

/**
 * What this template grants beyond the profile's needs, and why each is not a need (a need is what
 * the `iam` check demands of every deployment, whoever made it):
 * - s3:GetBucketLocation on the user bucket: S3 clients may ask a bucket's region before using it;
 *   the reference does not list it and upstream's stack does not grant it, so it is not demanded.
 *   It joins the ListUserBucket statement.
 */
export const EXTRA_NEEDS: {task: PermissionNeed[]; execution: PermissionNeed[]} = {
  execution: [],
  task: [{actions: ['s3:GetBucketLocation'], cite: 'bwops (not an upstream need: S3 clients may ask a bucket its region)', resource: 'bucket', sid: 'ListUserBucket', why: 'to let S3 clients find the bucket\'s region'}],
}

/**
 * - kms:Decrypt on SecretKmsKeyArn, for the role that reads the mode's secret, only when that secret
 *   has a customer key: a deploy-time parameter the profile cannot describe (the `iam` check learns
 *   of a customer key from the secret itself).
 */
const kmsDecrypt = (condition: string) => statement('DecryptSecret', ['kms:Decrypt'], ref('SecretKmsKeyArn'), condition)
export const EXTRA_STATEMENTS = {
  execution: [kmsDecrypt('LegacySecretHasKmsKey')], // legacy's execution role injects the client secret
  task: [kmsDecrypt('SecretsOnlySecretHasKmsKey')], // secrets-only's app reads its secret itself
}

function role(policyName: string, statements: unknown[]): Resource {
  return {
    Properties: {
      AssumeRolePolicyDocument: ecsTasksTrust,
      Policies: [{PolicyDocument: {Statement: statements, Version: '2012-10-17'}, PolicyName: policyName}],
    },
    Type: 'AWS::IAM::Role',
  }
}

export function executionRole(profile: Profile): Resource {
  const needs = [...profile.permissions.execution, ...EXTRA_NEEDS.execution]
  return role('webhook-execution', [...statementsFor(needs), ...EXTRA_STATEMENTS.execution])
}

export function taskRole(profile: Profile): Resource {
  const needs = [...profile.permissions.task, ...EXTRA_NEEDS.task]
  return role('webhook-task', [...statementsFor(needs), ...EXTRA_STATEMENTS.task])
}

export const roleArns = {execution: getAtt('ExecutionRole', 'Arn'), task: getAtt('TaskRole', 'Arn')}
