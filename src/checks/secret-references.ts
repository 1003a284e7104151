import {redactText} from '../catalogue/redact.js'
import type {ContainerDefinition, DeploymentContext, SecretFact, SecretRef, TemplateSecretFact} from '../facts/types.js'
import {closestName} from './lib/closest.js'
import {editSecretSteps, secretLabel} from './lib/secret-fix.js'
import {parseSecretReference, referencesSecret, referenceTarget, type SecretReference, secretIsIdentified} from './lib/secret-reference.js'
import {defineCheck, type FindingInput} from './types.js'

const ARN_SHAPE = 'arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>'
const REDEPLOY = 'then start new tasks: aws ecs update-service --cluster <cluster> --service <service> --force-new-deployment'

interface Ref {
  container: ContainerDefinition
  entry: SecretRef
  parsed: SecretReference
}

function shapeFindings({container, entry, parsed}: Ref, deployment: DeploymentContext | undefined, secret: SecretFact | undefined): FindingInput[] {
  const at = `${entry.name} in container ${container.name}`
  // valueFrom should name a secret, but a value pasted there by mistake must not be shown
  const evidence = [`${at}: valueFrom ${redactText(entry.valueFrom)}`]
  if (parsed.kind === 'invalid') {
    return [
      {
        detail: `ECS reads valueFrom as a Secrets Manager ARN or a Systems Manager parameter, and this is neither: ${parsed.reason}. ECS stops the task before the container starts.`,
        evidence,
        fix: `Set valueFrom to ${ARN_SHAPE}, with :<json-key>:: after it to pick one key of a JSON secret, or to a parameter's ARN or name.`,
        impact: 'start',
        severity: 'error',
        title: `${at}: valueFrom is not a reference ECS can read`,
      },
    ]
  }

  if (parsed.kind === 'name-with-json-key') {
    return [
      {
        detail: 'ECS reads a JSON key (:json-key:version-stage:version-id) only after a full Secrets Manager ARN; anything else it takes for a Systems Manager parameter name, which this is not, and the task stops before the container starts.',
        evidence,
        fix: `Find the secret's ARN (aws secretsmanager describe-secret --secret-id ${parsed.name} --query ARN --output text) and set valueFrom to <that ARN>:${parsed.jsonKey ?? ''}:${parsed.versionStage ?? ''}:${parsed.versionId ?? ''}.`,
        impact: 'start',
        severity: 'error',
        title: `${at}: a JSON key after a secret name; ECS needs the secret's full ARN`,
      },
    ]
  }

  if (parsed.kind === 'parameter') {
    if (parsed.arn || !secret || !referencesSecret(parsed, secret)) return []
    return [
      {
        detail: 'ECS takes a valueFrom that is not a Secrets Manager ARN for a Systems Manager parameter name, so it looks this name up in Parameter Store, not in Secrets Manager, and the task stops before the container starts.',
        evidence,
        fix: `Set valueFrom to the secret's ARN: aws secretsmanager describe-secret --secret-id ${parsed.name} --query ARN --output text.`,
        impact: 'start',
        severity: 'error',
        title: `${at}: the Benchling secret given by name is read as an SSM parameter`,
      },
    ]
  }

  return parsed.kind === 'secret-arn' ? arnFindings(at, evidence, parsed, deployment) : []
}

function arnFindings(at: string, evidence: string[], parsed: Extract<SecretReference, {kind: 'secret-arn'}>, deployment: DeploymentContext | undefined): FindingInput[] {
  const {arn} = parsed
  const findings: FindingInput[] = []
  if (deployment?.region && !arn.region.includes('{{') && arn.region !== deployment.region) {
    findings.push({
      detail: `The secret's ARN says ${arn.region}; the task runs in ${deployment.region}. ECS fails to fetch it ("ResourceInitializationError: unable to pull secrets ... ResourceNotFoundException"), and the task stops before the container starts.`,
      evidence: [...evidence, `the service runs in ${deployment.region}`],
      fix: `Replicate the secret to ${deployment.region} (aws secretsmanager replicate-secret-to-regions --secret-id ${arn.base} --add-replica-regions Region=${deployment.region}) and point valueFrom at the replica's ARN, ${REDEPLOY}.`,
      impact: 'start',
      severity: 'error',
      title: `${at}: the secret is in ${arn.region}, the service in ${deployment.region}`,
    })
  }

  if (deployment?.account && /^\d{12}$/.test(arn.account) && arn.account !== deployment.account) {
    findings.push({
      detail: "ECS reads a secret of another account only when the secret's resource policy allows the execution role and it is encrypted with a customer managed KMS key the execution role may use; otherwise the task stops with AccessDeniedException before the container starts.",
      evidence: [...evidence, `the service runs in account ${deployment.account}`],
      fix: `Give secret ${arn.base} a resource policy allowing the execution role secretsmanager:GetSecretValue and a customer managed KMS key it may decrypt with, or keep the secret in account ${deployment.account}.`,
      impact: 'start',
      severity: 'warning',
      title: `${at}: the secret is in another account (${arn.account})`,
    })
  }

  if (!arn.suffix && !arn.secretName.includes('{{')) {
    findings.push({
      detail: `A partial ARN (without the six characters Secrets Manager appends) works: Secrets Manager finds the secret by its name. But if another secret's name ends in a hyphen and six characters, the partial ARN may find that one instead, and IAM policies naming the secret must end in ${arn.secretName}-?????? or *, because the secret's real ARN carries the suffix.`,
      evidence,
      fix: `Use the full ARN: aws secretsmanager describe-secret --secret-id ${arn.base} --query ARN --output text; then put it in valueFrom${parsed.jsonKey ? `, followed by :${parsed.jsonKey}::` : ''}.`,
      impact: 'hygiene',
      severity: 'warning',
      title: `${at}: valueFrom is a partial secret ARN`,
    })
  }

  return findings
}

/** How to add a key: to the stored secret, or to the template that creates it. */
type KeyFix = (key: string, near: string | undefined, entry: SecretRef) => string

const storedSecretFix = (id: string): KeyFix => (key, near, entry) =>
  `Add the key to the secret: ${editSecretSteps(id, near ? `rename "${near}" to "${key}"` : `add "${key}" with its value`)}; ${REDEPLOY}. Or, if ${entry.name} is not needed, remove that entry from the container's secrets.`

const templateSecretFix = (secret: TemplateSecretFact): KeyFix => (key, near) =>
  `${near ? `Rename "${near}" to "${key}"` : `Add "${key}"`} in the SecretString of ${secret.resource} (AWS::SecretsManager::Secret) in the template (CDK: the secretObjectValue of the Secret), then deploy the stack; the running secret needs the key too: aws secretsmanager put-secret-value with the full JSON, then a new deployment.`

function jsonKeyFindings(refs: Ref[], secret: SecretFact, keyFix: KeyFix = storedSecretFix(secretLabel(secret))): FindingInput[] {
  const findings: FindingInput[] = []
  const id = secretLabel(secret)
  for (const {container, entry, parsed} of refs) {
    const key = keyOf({container, entry, parsed})
    if (!key) continue
    const at = `${entry.name} in container ${container.name}`
    const evidence = [`${at}: valueFrom ${redactText(entry.valueFrom)}`]
    const {content} = secret
    if (content.kind !== 'json-object') {
      const what = content.kind === 'json-other' ? `JSON ${content.jsonType}` : content.kind === 'binary' ? 'binary data' : 'not JSON'
      findings.push({detail: `ECS picks the JSON key ${key} out of the secret, which is ${what}, not a JSON object; the task stops before the container starts ("ResourceInitializationError: ... unable to retrieve secret from asm").`, evidence: [...evidence, `secret ${id}: ${what}`], fix: `Store the secret as a JSON object holding ${key} (aws secretsmanager put-secret-value --secret-id ${id} --secret-string file://secret.json, secret.json being {"${key}": "..."} with every other key the app reads; then rm secret.json), ${REDEPLOY}.`, impact: 'start', severity: 'error', subject: `secret-key:${key}`, title: `${at}: references JSON key ${key}, but the secret is not a JSON object`})
      continue
    }

    if (content.keys[key]) continue
    const near = closestName(key, Object.keys(content.keys))
    findings.push({
      detail: `The secret has no key ${key}, so ECS stops every task before the container starts with "ResourceInitializationError: unable to pull secrets or registry auth: ... retrieved secret from Secrets Manager did not contain json key ${key}". The service keeps launching tasks that stop the same way until the deployment circuit breaker rolls it back.${near ? ` The secret has ${near.name}, which looks like the same key written differently.` : ''}`,
      evidence: [...evidence, `secret ${id} keys: ${Object.keys(content.keys).join(', ') || 'none'}`],
      fix: keyFix(key, near?.name, entry),
      impact: 'start',
      severity: 'error',
      subject: `secret-key:${key}`,
      title: `${at} references JSON key ${key}, which the secret lacks`,
    })
  }

  return findings
}

/** The JSON key of a reference ECS can resolve (a secret ARN, or one known at deploy time). */
function keyOf({parsed}: Ref): string | undefined {
  return parsed.kind === 'secret-arn' || parsed.kind === 'deploy-time' ? parsed.jsonKey : undefined
}

function unverifiedFinding(refs: Ref[], secretKnown: boolean): FindingInput {
  return {
    detail: `ECS stops the task if a referenced key is missing from its secret, and bwops ${secretKnown ? 'knows the Benchling secret, but these references point at other secrets' : 'has not read the secret these references point at'}, so it could not check the keys.`,
    evidence: refs.map((r) => `${r.entry.name} in container ${r.container.name}: JSON key ${keyOf(r)}`),
    fix: 'Give the secret\'s JSON shape with --secret-file (only key names and shapes are kept), or run bwops doctor against the live account, to check that each key exists.',
    impact: 'hygiene',
    severity: 'info',
    title: `${refs.length} JSON key reference${refs.length === 1 ? ' was' : 's were'} not checked against a secret`,
  }
}

/** The references that point at the known Benchling secret. */
function refsToSecret(refs: Ref[], secret: SecretFact): Ref[] {
  if (secretIsIdentified(secret)) return refs.filter((r) => referencesSecret(r.parsed, secret))
  // The secret came without its name (a --secret-file): it stands for the one secret that every
  // JSON-key reference points at, if there is exactly one.
  const keyed = refs.filter((r) => keyOf(r) !== undefined)
  const targets = new Set(keyed.map((r) => referenceTarget(r.parsed)))
  return targets.size === 1 && !targets.has(undefined) ? keyed : []
}

export default defineCheck({
  description:
    'Reads every container\'s `secrets[].valueFrom` as ECS does: a full Secrets Manager ARN (optionally :json-key:version-stage:version-id) or an SSM parameter; a JSON key only on a full ARN; the secret in the deployment\'s region; and every JSON key referenced from the Benchling secret present in it, when the secret is known.',
  id: 'secret-references',
  subject: 'secret',
  needs: ['taskDefinition'],
  run({benchlingSecret, deployment, taskDefinition, templateSecrets}) {
    const refs: Ref[] = taskDefinition.containers.flatMap((container) =>
      container.secrets.map((entry) => ({container, entry, parsed: parseSecretReference(entry.valueFrom)})),
    )
    const findings = refs.flatMap((r) => shapeFindings(r, deployment, benchlingSecret))
    const matched = benchlingSecret ? refsToSecret(refs, benchlingSecret) : []
    if (benchlingSecret) findings.push(...jsonKeyFindings(matched, benchlingSecret))
    // a secret the template itself creates: its keys are known offline (v0.5.4's own incident)
    for (const created of templateSecrets ?? []) {
      const toIt = refs.filter((r) => !matched.includes(r) && r.parsed.kind === 'deploy-time' && r.parsed.base === created.ref)
      matched.push(...toIt)
      const label = {...created, id: created.name ? `${created.name} (created by the template as ${created.resource})` : `${created.resource} (created by the template)`}
      findings.push(...jsonKeyFindings(toIt, label, templateSecretFix(created)))
    }

    const unverified = refs.filter((r) => !matched.includes(r) && keyOf(r) !== undefined)
    if (unverified.length > 0) findings.push(unverifiedFinding(unverified, Boolean(benchlingSecret)))
    return findings
  },
  title: 'Secret references resolve',
  uses: ['benchlingSecret', 'deployment', 'templateSecrets'],
})
