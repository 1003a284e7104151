import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager'

import {describeSecretString, secretValueMasker} from '../facts/secret-shape.js'
import type {SecretContent} from '../facts/types.js'
import {call, type CallContext} from './calls.js'
import {AwsCallError} from './errors.js'

// Secrets Manager: whether the secret exists and can be read, and the shape of its value. The
// value is read only inside readSecretShape and handed straight to describeSecretString, which
// keeps key names and shapes; it is never returned, stored or logged. Deploy also writes one
// secret (the legacy client secret): the value it passes goes only into the request, and the
// errors AWS answers with name the secret, never its value.

type Ctx = CallContext<{secrets: SecretsManagerClient}>

export type SecretStatus = 'readable' | 'not-found' | 'access-denied' | 'marked-for-deletion' | 'not-string' | 'error'

export interface SecretDescription {
  status: SecretStatus
  arn?: string
  name?: string
  kmsKeyId?: string
  /** the AWS error name when the call failed */
  error?: string
}

export interface SecretShape extends SecretDescription {
  /** present only when status is readable (or not-string: then kind binary) */
  content?: SecretContent
  /** hides the secret's credential values in text (log lines); in memory only, never recorded */
  mask?: (text: string) => string
}

/** A failure of either call as a status, when it is one a check judges; others are rethrown. */
function statusOf(error: unknown): SecretDescription {
  if (!(error instanceof AwsCallError)) throw error
  if (error.kind === 'not-found') return {error: error.awsName, status: 'not-found'}
  if (error.kind === 'denied') return {error: error.awsName, status: 'access-denied'}
  if (error.awsName === 'InvalidRequestException' && /marked for deletion/i.test(error.awsMessage)) {
    return {error: error.awsName, status: 'marked-for-deletion'}
  }

  // KMS refused to decrypt: the value cannot be read, and the error says why
  if (error.awsName === 'DecryptionFailure') return {error: error.awsName, status: 'error'}
  throw error
}

/** DescribeSecret: metadata only. */
export async function describeSecret(ctx: Ctx, secretId: string): Promise<SecretDescription> {
  try {
    const out = await call(ctx, 'secretsmanager:DescribeSecret', () =>
      ctx.clients.secrets.send(new DescribeSecretCommand({SecretId: secretId})),
    )
    return {
      ...(out.ARN ? {arn: out.ARN} : {}),
      ...(out.KmsKeyId ? {kmsKeyId: out.KmsKeyId} : {}),
      ...(out.Name ? {name: out.Name} : {}),
      status: out.DeletedDate ? 'marked-for-deletion' : 'readable',
    }
  } catch (error) {
    return statusOf(error)
  }
}

/** GetSecretValue, kept only as the shape of its value. */
export async function readSecretShape(ctx: Ctx, secretId: string): Promise<SecretShape> {
  try {
    const out = await call(ctx, 'secretsmanager:GetSecretValue', () =>
      ctx.clients.secrets.send(new GetSecretValueCommand({SecretId: secretId})),
    )
    const ids = {...(out.ARN ? {arn: out.ARN} : {}), ...(out.Name ? {name: out.Name} : {})}
    if (typeof out.SecretString === 'string') {
      return {...ids, content: describeSecretString(out.SecretString), mask: secretValueMasker(out.SecretString), status: 'readable'}
    }

    return {...ids, content: {kind: 'binary'}, status: 'not-string'}
  } catch (error) {
    return statusOf(error)
  }
}

/** CreateSecret with a string value; the new secret's ARN. */
export async function createSecret(ctx: Ctx, name: string, value: string, description: string): Promise<string> {
  const out = await call(ctx, 'secretsmanager:CreateSecret', () =>
    ctx.clients.secrets.send(new CreateSecretCommand({Description: description, Name: name, SecretString: value})),
  )
  return out.ARN ?? name
}

/** PutSecretValue: a new current version of an existing secret. */
export async function putSecretString(ctx: Ctx, secretId: string, value: string): Promise<void> {
  await call(ctx, 'secretsmanager:PutSecretValue', () => ctx.clients.secrets.send(new PutSecretValueCommand({SecretId: secretId, SecretString: value})))
}

/** DeleteSecret at once, without the recovery window (for a secret bwops just made); false when it was gone. */
export async function deleteSecretNow(ctx: Ctx, secretId: string): Promise<boolean> {
  try {
    await call(ctx, 'secretsmanager:DeleteSecret', () =>
      ctx.clients.secrets.send(new DeleteSecretCommand({ForceDeleteWithoutRecovery: true, SecretId: secretId})),
    )
    return true
  } catch (error) {
    if (error instanceof AwsCallError && error.kind === 'not-found') return false
    throw error
  }
}
