import {GetSecretValueCommand, SecretsManagerClient} from '@aws-sdk/client-secrets-manager'
import {mockClient} from 'aws-sdk-client-mock'
import {beforeEach, describe, expect, it} from 'vitest'

import {parseSecretsManagerReference, secretsManagerResolver} from '../../src/aws/secret-values.js'
import {UserError} from '../../src/errors.js'

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:benchling-webhook-AbC123'
const client = new SecretsManagerClient({credentials: {accessKeyId: 'test', secretAccessKey: 'test'}, region: 'us-east-1'})
const sm = mockClient(client)
const resolver = () => secretsManagerResolver(() => client)
const PLANTED = 'PLANTED-client-s3cr3t'

describe('secretsManagerResolver (probe --resolve-secrets)', () => {
  beforeEach(() => {
    sm.reset()
    sm.on(GetSecretValueCommand, {SecretId: ARN}).resolves({ARN, Name: 'benchling-webhook', SecretString: JSON.stringify({client_id: 'cid', client_secret: PLANTED, tenant: 'quilt-dtt'})})
  })

  it('reads a JSON key, and the whole string when no key is named', async () => {
    const env = await resolver().resolve([
      {name: 'BENCHLING_CLIENT_SECRET', valueFrom: `${ARN}:client_secret::`},
      {name: 'BENCHLING_SECRETS', valueFrom: ARN},
    ])
    expect(env[0]).toEqual({name: 'BENCHLING_CLIENT_SECRET', value: PLANTED})
    expect(JSON.parse(env[1]!.value)).toMatchObject({tenant: 'quilt-dtt'})
  })

  it('asks for the version stage the reference names', async () => {
    sm.on(GetSecretValueCommand, {SecretId: ARN, VersionStage: 'AWSPREVIOUS'}).resolves({SecretString: '{"client_id": "old"}'})
    const env = await resolver().resolve([{name: 'BENCHLING_CLIENT_ID', valueFrom: `${ARN}:client_id:AWSPREVIOUS:`}])
    expect(env).toEqual([{name: 'BENCHLING_CLIENT_ID', value: 'old'}])
  })

  it.each([
    [`${ARN}:app_definition_id::`, /does not contain JSON key app_definition_id/],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/webhook/secret', /not a Secrets Manager secret ARN/],
    ['benchling-webhook', /not a Secrets Manager secret ARN/],
  ])('refuses %s with a clear message and no value', async (valueFrom, message) => {
    const error = await resolver().resolve([{name: 'X', valueFrom}]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toContain(PLANTED)
  })

  it('a secret that is not JSON while a key is referenced', async () => {
    sm.on(GetSecretValueCommand, {SecretId: ARN}).resolves({SecretString: `plain ${PLANTED}`})
    const error = await resolver().resolve([{name: 'X', valueFrom: `${ARN}:client_secret::`}]).catch((e: unknown) => e)
    expect((error as Error).message).toContain('is not JSON')
    expect((error as Error).message).not.toContain(PLANTED)
  })

  it('a denied read names the reference and the permission', async () => {
    sm.on(GetSecretValueCommand).rejects(Object.assign(new Error('User is not authorized'), {$metadata: {}, name: 'AccessDeniedException'}))
    const error = await resolver().resolve([{name: 'X', valueFrom: `${ARN}:client_secret::`}]).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/Cannot read the secret behind X/)
    expect((error as Error).message).toContain('secretsmanager:GetSecretValue')
  })

  it('parses references with their region', () => {
    expect(parseSecretsManagerReference({name: 'A', valueFrom: `${ARN}:k:AWSCURRENT:`})).toEqual({
      jsonKey: 'k', name: 'A', region: 'us-east-1', secretId: ARN, versionId: undefined, versionStage: 'AWSCURRENT',
    })
  })
})
