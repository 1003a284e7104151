import {hasDeployTimeValue} from '../../facts/deploy-time.js'
import type {DeploymentContext} from '../../facts/types.js'
import type {EnvSpec} from '../../profile/types.js'
import type {FindingInput} from '../types.js'
import {parseSecretArn, parseSqsArn, parseStackArn} from './arn.js'
import type {EnvView} from './env-view.js'

// ARNs in the environment against where the service runs. What matters differs by kind:
// - the Quilt stack: the app parses the stack ARN, makes its CloudFormation and Secrets Manager
//   clients for the ARN's region, and asks for the stack by name with its own credentials. Another
//   account cannot work; another region works, and moves where the secret is read.
// - the Benchling secret: read in the stack's region, so an ARN in another region is not found;
//   another account needs a resource policy and a customer managed KMS key.
// - the packager queue: another account or region can work with a queue policy, so a warning.

function plainValue(view: EnvView, spec: EnvSpec): string | undefined {
  const value = view.env.get(spec.name)?.trim()
  return value && !hasDeployTimeValue(value) ? value : undefined
}

export function arnContextFindings(view: EnvView, specs: EnvSpec[], deployment: DeploymentContext | undefined): FindingInput[] {
  const where = `container ${view.container.name}`
  const findings: FindingInput[] = []
  const stackSpec = specs.find((s) => s.kind === 'cloudformation-stack-arn')
  const stackValue = stackSpec && plainValue(view, stackSpec)
  const stack = stackValue ? parseStackArn(stackValue) : undefined
  const {account, region} = deployment ?? {}
  if (stack && stackSpec) {
    if (account && stack.account !== account) {
      findings.push({
        detail: `The app looks the stack up by its name, ${stack.stackName}, with the task role's credentials, in the account the service runs in; a stack in another account is not found and the app exits at start-up ("Stack not found" or "Invalid stack name").`,
        evidence: [`${where}: ${stackSpec.name} is in account ${stack.account}`, `the service runs in account ${account}`],
        fix: `Set ${stackSpec.name} to the ARN of the Quilt stack in account ${account} (aws cloudformation describe-stacks --stack-name <quilt-stack> --query 'Stacks[0].StackId' --output text), or deploy the webhook into account ${stack.account}.`,
        impact: 'start',
        severity: 'error',
        subject: 'quilt-stack',
        title: `${stackSpec.name} in ${where} names a stack in another account (${stack.account})`,
      })
    }

    if (region && stack.region !== region) {
      findings.push({
        detail: `The app reads the stack, and the Benchling secret, in the stack's region ${stack.region}, not in ${region} where the service runs. That works only while the secret lives in ${stack.region} too, and every start-up makes cross-region calls.`,
        evidence: [`${where}: ${stackSpec.name} is in ${stack.region}`, `the service runs in ${region}`],
        fix: `If the Quilt stack really is in ${stack.region}, keep the Benchling secret there too; otherwise set ${stackSpec.name} to the ARN of the Quilt stack in ${region}.`,
        impact: 'runtime',
        severity: 'warning',
        subject: 'quilt-stack',
        title: `${stackSpec.name} in ${where} names a stack in another region (${stack.region})`,
      })
    }
  }

  for (const spec of specs) {
    const value = plainValue(view, spec)
    if (!value) continue
    if (spec.kind === 'secret-id') {
      const secret = parseSecretArn(value)
      if (!secret) continue
      const readIn = stack?.region ?? region
      if (readIn && secret.region !== readIn) {
        const why = stack ? `the region of ${stackSpec?.name}, where the app reads the secret` : 'where the service runs'
        findings.push({
          detail: `The app asks Secrets Manager in ${readIn} (${why}) for a secret whose ARN says ${secret.region}; Secrets Manager does not find it, and the app exits at start-up ("Secret not found").`,
          evidence: [`${where}: ${spec.name} is in ${secret.region}`, `the secret is read in ${readIn}`],
          fix: `Create or replicate the secret in ${readIn} (aws secretsmanager replicate-secret-to-regions --secret-id ${secret.base} --add-replica-regions Region=${readIn}) and set ${spec.name} to its ARN there.`,
          impact: 'start',
          severity: 'error',
          // a secret where the service runs, read elsewhere because of the stack ARN: the stack ARN is the slip
          subject: stack && region && stack.region !== region && secret.region === region ? 'quilt-stack' : `env:${spec.name}`,
          title: `${spec.name} in ${where} names a secret in ${secret.region}, but the app reads it in ${readIn}`,
        })
      }

      if (account && secret.account !== account) {
        findings.push({
          detail: 'A secret in another account can be read only when its resource policy allows the task role and it is encrypted with a customer managed KMS key that the task role may use; a secret under the default aws/secretsmanager key cannot be shared.',
          evidence: [`${where}: ${spec.name} is in account ${secret.account}`, `the service runs in account ${account}`],
          fix: `Keep the Benchling secret in account ${account}, or give secret ${secret.base} a resource policy allowing the task role secretsmanager:GetSecretValue and encrypt it with a customer managed key the task role may use for kms:Decrypt.`,
          impact: 'start',
          severity: 'warning',
          subject: `env:${spec.name}`,
          title: `${spec.name} in ${where} names a secret in another account (${secret.account})`,
        })
      }
    }

    if (spec.kind === 'sqs-arn') {
      const queue = parseSqsArn(value)
      if (!queue) continue
      const elsewhere = [account && queue.account !== account ? `account ${queue.account}` : '', region && queue.region !== region ? `region ${queue.region}` : ''].filter(Boolean)
      if (elsewhere.length === 0) continue
      findings.push({
        detail: `Sending to a queue in another ${elsewhere.map((e) => e.split(' ')[0]).join(' and ')} works only when the queue's policy allows the task role sqs:SendMessage${region && queue.region !== region ? ` and the app sends to ${queue.region}` : ''}; otherwise every package request fails while the webhook still answers.`,
        evidence: [`${where}: ${spec.name} is in ${elsewhere.join(', ')}`, `the service runs in ${[account && `account ${account}`, region && `region ${region}`].filter(Boolean).join(', ')}`],
        fix: `Check that ${spec.name} is the Quilt packager queue of this deployment (the Quilt stack's PackagerQueueArn output); if it is, allow the task role sqs:SendMessage in the queue's access policy.`,
        impact: 'runtime',
        severity: 'warning',
        subject: `env:${spec.name}`,
        title: `${spec.name} in ${where} names a queue in another ${elsewhere.join(' and ')}`,
      })
    }
  }

  return findings
}
