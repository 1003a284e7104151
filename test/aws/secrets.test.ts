import {CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient} from '@aws-sdk/client-secrets-manager'
import {mockClient} from 'aws-sdk-client-mock'
import {describe, expect, it} from 'vitest'

import {createSecret, deleteSecretNow, describeSecret, putSecretString, readSecretShape} from '../../src/aws/secrets.js'
import {awsError, ctxOf, region} from './helpers.js'

const VALUE = 'sup3r-s3cret-Value'
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf'

function setup() {
  const secrets = new SecretsManagerClient(region)
  return {ctx: ctxOf({secrets}), mock: mockClient(secrets)}
}

describe('secrets adapter', () => {
  it('keeps the shape of the value and never the value', async () => {
    const {ctx, mock} = setup()
    mock.on(GetSecretValueCommand).resolves({ARN, Name: 's', SecretString: JSON.stringify({client_id: 'x', client_secret: VALUE, tenant: 'https://acme.benchling.com'})})
    const shape = await readSecretShape(ctx, ARN)
    expect(JSON.stringify(shape)).not.toContain(VALUE)
    expect(shape).toMatchObject({arn: ARN, content: {keys: {client_secret: {length: VALUE.length, type: 'string'}, tenant: {tenantFromUrl: 'acme'}}, kind: 'json-object'}, status: 'readable'})
  })

  it.each([
    ['ResourceNotFoundException', 'Secrets Manager can\'t find the specified secret.', 'not-found'],
    ['AccessDeniedException', 'User is not authorized to perform: secretsmanager:GetSecretValue', 'access-denied'],
    ['InvalidRequestException', 'You can\'t perform this operation on the secret because it was marked for deletion.', 'marked-for-deletion'],
    ['DecryptionFailure', 'Access to KMS is not allowed', 'error'],
  ])('reads %s as status', async (name, message, status) => {
    const {ctx, mock} = setup()
    mock.on(GetSecretValueCommand).rejects(awsError(name, message))
    expect(await readSecretShape(ctx, ARN)).toEqual({error: name, status})
  })

  it('reads a binary secret as not-string', async () => {
    const {ctx, mock} = setup()
    mock.on(GetSecretValueCommand).resolves({ARN, SecretBinary: new Uint8Array([1, 2])})
    expect(await readSecretShape(ctx, ARN)).toEqual({arn: ARN, content: {kind: 'binary'}, status: 'not-string'})
  })

  it('describes the secret, seeing one scheduled for deletion', async () => {
    const {ctx, mock} = setup()
    mock.on(DescribeSecretCommand).resolvesOnce({ARN, KmsKeyId: 'alias/k', Name: 's'}).resolvesOnce({ARN, DeletedDate: new Date(), Name: 's'})
    expect(await describeSecret(ctx, ARN)).toEqual({arn: ARN, kmsKeyId: 'alias/k', name: 's', status: 'readable'})
    expect((await describeSecret(ctx, ARN)).status).toBe('marked-for-deletion')
  })

  it('rethrows an unexpected error', async () => {
    const {ctx, mock} = setup()
    mock.on(DescribeSecretCommand).rejects(awsError('InternalServiceError', 'boom'))
    await expect(describeSecret(ctx, ARN)).rejects.toThrow('InternalServiceError calling secretsmanager:DescribeSecret: boom')
  })

  it('writes a secret, and keeps the value out of the error when the write fails', async () => {
    const {ctx, mock} = setup()
    mock.on(CreateSecretCommand).resolvesOnce({ARN, Name: 's'}).rejectsOnce(awsError('ResourceExistsException', 'The operation failed because the secret s already exists.'))
    mock.on(PutSecretValueCommand).resolves({ARN})
    expect(await createSecret(ctx, 's', VALUE, 'the client secret')).toBe(ARN)
    expect(mock.commandCalls(CreateSecretCommand)[0]?.args[0].input).toEqual({Description: 'the client secret', Name: 's', SecretString: VALUE})
    const error = await createSecret(ctx, 's', VALUE, 'd').catch((e: unknown) => e)
    expect(error).toMatchObject({action: 'secretsmanager:CreateSecret', awsName: 'ResourceExistsException'})
    expect(String((error as Error).message)).not.toContain(VALUE)
    await putSecretString(ctx, ARN, VALUE)
    expect(mock.commandCalls(PutSecretValueCommand)[0]?.args[0].input).toEqual({SecretId: ARN, SecretString: VALUE})
  })

  it('deletes a secret at once, a gone one as false', async () => {
    const {ctx, mock} = setup()
    mock.on(DeleteSecretCommand).resolvesOnce({ARN}).rejectsOnce(awsError('ResourceNotFoundException', 'Secrets Manager can\'t find the specified secret.'))
    expect(await deleteSecretNow(ctx, ARN)).toBe(true)
    expect(mock.commandCalls(DeleteSecretCommand)[0]?.args[0].input).toEqual({ForceDeleteWithoutRecovery: true, SecretId: ARN})
    expect(await deleteSecretNow(ctx, ARN)).toBe(false)
  })
})
