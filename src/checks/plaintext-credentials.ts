import {credentialReason} from '../catalogue/credentials.js'
import type {EnvSpec} from '../profile/types.js'
import {defineCheck, type FindingInput} from './types.js'

function credentialReasonOf(name: string, value: string, spec: EnvSpec | undefined): string | undefined {
  return credentialReason(name, value, spec ? {credential: spec.credential === true, reference: spec.kind === 'secret-id'} : undefined)
}

// BENCHLING_CLIENT_SECRET is the secret's client_secret key; a variable with no key of its own
// (BENCHLING_SECRETS) takes the whole secret, as a key suffix would stop the task.
function jsonKeySuffix(name: string, spec: EnvSpec | undefined, secretKeys: Set<string>): string {
  const key = name.replace(/^BENCHLING_/, '').toLowerCase()
  return spec?.secretAllowed && secretKeys.has(key) ? `:${key}::` : ''
}

export default defineCheck({
  description:
    'Looks in every container\'s plain `environment` for credentials: the Benchling client secret, inline secret JSON, AWS access keys, private keys, tokens, and any variable whose name says it is a secret. Such values are readable by anyone who can describe the task definition; they belong in `secrets`. Also warns when a template writes a credential into the SecretString of a secret it creates.',
  id: 'plaintext-credentials',
  subject: 'plaintext-credentials',
  needs: ['taskDefinition'],
  run({taskDefinition, templateSecrets}, profile) {
    const specs = new Map([...profile.env.legacy, ...profile.env['secrets-only'], ...profile.commonEnv].map((s) => [s.name, s]))
    const secretKeys = new Set([...profile.secret.keys, ...profile.secret.optionalKeys].map((k) => k.name))
    const findings: FindingInput[] = []
    for (const container of taskDefinition.containers) {
      for (const env of container.environment) {
        const reason = credentialReasonOf(env.name, env.value, specs.get(env.name))
        if (!reason) continue
        findings.push({
          detail: `${reason}, and it sits in the task definition's plain \`environment\`, where anyone allowed ecs:DescribeTaskDefinition can read it, and where it stays in every revision.`,
          evidence: [`container ${container.name}: environment ${env.name} (value hidden)`],
          fix: `Store the value in Secrets Manager and move ${env.name} from \`environment\` to \`secrets\`: {"name": "${env.name}", "valueFrom": "arn:aws:secretsmanager:<region>:<account>:secret:<name>${jsonKeySuffix(env.name, specs.get(env.name), secretKeys)}"}. Then rotate the credential: it has been exposed.`,
          impact: 'hygiene',
          severity: 'error',
          title: `${env.name} in container ${container.name} is a credential in plain text`,
        })
      }
    }

    for (const secret of templateSecrets ?? []) {
      for (const {key, reason} of secret.plaintext) {
        findings.push({
          detail: `${key}: ${reason}. The template writes it into the SecretString of ${secret.resource} itself: the value is in the template file, in every copy of it (cdk.out, CI artifacts, the CloudFormation console's template view), not only in Secrets Manager. Upstream v0.5.x did this with SecretValue.unsafePlainText (v0.5.4:lib/fargate-service.ts:150-156).`,
          evidence: [`${secret.resource} (AWS::SecretsManager::Secret): SecretString key ${key} is a literal (value hidden)`],
          fix: `Keep the value out of the template: create the secret outside the stack (aws secretsmanager create-secret --name ${secret.name ?? '<name>'} --secret-string file://secret.json; then rm secret.json) and reference it (CDK: Secret.fromSecretNameV2), or pass it as a NoEcho parameter. Then rotate the credential: it has been exposed.`,
          impact: 'hygiene',
          severity: 'warning',
          subject: `secret-key:${key}`,
          title: `The template writes ${key} of secret ${secret.resource} in plain text`,
        })
      }
    }

    return findings
  },
  title: 'No credentials in plain-text environment variables',
  uses: ['templateSecrets'],
})
