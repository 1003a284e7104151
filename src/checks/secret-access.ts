import type {SecretAccessFact} from '../facts/live-types.js'
import {defineCheck, type FindingInput} from './types.js'

function regionOf(secret: SecretAccessFact, fallback: string | undefined): string {
  return /^arn:aws[\w-]*:secretsmanager:([^:]+):/.exec(secret.arn ?? secret.id)?.[1] ?? fallback ?? 'the target region'
}

export default defineCheck({
  description:
    'Whether the Benchling secret exists and can be read as a string: not found (naming the region and id), access denied (naming who asked and the action secretsmanager:GetSecretValue), scheduled for deletion, binary rather than a string, or another error. Its contents are judged by the secret-shape checks; this one is only about reaching it.',
  id: 'secret-access',
  subject: 'secret',
  needs: ['secretAccess'],
  run({callerIdentity, deployment, roles, secretAccess: secret}) {
    const region = regionOf(secret, deployment?.region)
    const evidence = [`secret ${secret.arn ?? secret.id}: ${secret.status}${secret.error ? ` (${secret.error})` : ''}`]
    const finding = (f: Omit<FindingInput, 'evidence'>): FindingInput[] => [{...f, evidence}]
    switch (secret.status) {
      case 'readable': {
        return []
      }

      case 'not-found': {
        return finding({
          detail: `Secrets Manager in ${region} has no secret "${secret.id}". The webhook reads it at start-up and exits without it; a secret in another region must be named by its full ARN.`,
          fix: `Check the name and region: \`aws secretsmanager describe-secret --secret-id ${secret.id} --region ${region}\`; create the secret there, or set BenchlingSecret to the ARN of the one that exists.`,
          impact: 'start',
          severity: 'error',
          title: `The Benchling secret ${secret.id} was not found in ${region}`,
        })
      }

      case 'access-denied': {
        const who = callerIdentity?.arn ?? 'the identity bwops runs as'
        const task = roles?.task?.arn ?? roles?.task?.name
        const kms = secret.kmsKeyId ? ` and kms:Decrypt on its key ${secret.kmsKeyId}` : ''
        return finding({
          detail: `${who} may not call secretsmanager:GetSecretValue${kms} on ${secret.arn ?? secret.id}, so bwops cannot check the secret's shape. The webhook's task role${task ? ` (${task})` : ''} needs the same permission to start.`,
          fix: `Run bwops as an identity allowed secretsmanager:GetSecretValue and secretsmanager:DescribeSecret${kms} on the secret, and make sure the task role has them too (see the task-role findings).`,
          impact: 'start',
          severity: 'warning',
          title: `Access denied to the Benchling secret for ${who}`,
        })
      }

      case 'marked-for-deletion': {
        return finding({
          detail: 'The secret is scheduled for deletion: reading it fails, so the webhook cannot start, and it will soon be gone.',
          fix: `Restore it: \`aws secretsmanager restore-secret --secret-id ${secret.arn ?? secret.id} --region ${region}\`.`,
          impact: 'start',
          severity: 'error',
          title: `The Benchling secret ${secret.id} is scheduled for deletion`,
        })
      }

      case 'not-string': {
        return finding({
          detail: 'The secret holds binary data (SecretBinary), but the webhook reads a JSON string (SecretString) and exits ("Secret does not contain string data").',
          fix: `Store it as a JSON string: \`aws secretsmanager put-secret-value --secret-id ${secret.arn ?? secret.id} --secret-string file://secret.json\` with client_id, client_secret and tenant.`,
          impact: 'start',
          severity: 'error',
          title: `The Benchling secret ${secret.id} is binary, not a string`,
        })
      }

      default: {
        return finding({
          detail: `Reading the secret failed with ${secret.error ?? 'an unknown error'}, so bwops could not check it.`,
          fix: `Retry, or read it yourself: \`aws secretsmanager describe-secret --secret-id ${secret.arn ?? secret.id} --region ${region}\`.`,
          impact: 'start',
          severity: 'warning',
          title: `Could not read the Benchling secret ${secret.id}`,
        })
      }
    }
  },
  title: 'The Benchling secret exists and is readable',
  uses: ['callerIdentity', 'deployment', 'roles'],
})
