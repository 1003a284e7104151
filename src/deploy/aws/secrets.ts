import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager'

import {describeSecretString} from '../../facts/secret-shape.js'
import type {SecretsApi} from '../clients.js'
import {isNamed} from './errors.js'

export function secretsApi(client: SecretsManagerClient): SecretsApi {
  return {
    async create(name, value, description) {
      const out = await client.send(new CreateSecretCommand({Description: description, Name: name, SecretString: value}))
      return out.ARN ?? name
    },

    async describe(id) {
      try {
        const out = await client.send(new DescribeSecretCommand({SecretId: id}))
        return {arn: out.ARN ?? id, deleted: Boolean(out.DeletedDate), found: true, kmsKeyId: out.KmsKeyId, name: out.Name ?? id}
      } catch (error) {
        if (isNamed(error, 'ResourceNotFoundException')) return {found: false, reason: 'not-found'}
        if (isNamed(error, 'AccessDeniedException')) return {found: false, reason: 'access-denied'}
        throw error
      }
    },

    async put(arn, value) {
      await client.send(new PutSecretValueCommand({SecretId: arn, SecretString: value}))
    },

    async remove(arn) {
      await client.send(new DeleteSecretCommand({ForceDeleteWithoutRecovery: true, SecretId: arn}))
    },

    async shape(arn) {
      const out = await client.send(new GetSecretValueCommand({SecretId: arn}))
      if (out.SecretString === undefined) return {kind: 'binary'}
      return describeSecretString(out.SecretString)
    },
  }
}
