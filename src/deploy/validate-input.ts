import {parseArn} from '../checks/lib/arn.js'
import {checkValueShape} from '../checks/lib/env-values.js'
import {UserError} from '../errors.js'
import type {Profile, ValueKind} from '../profile/types.js'
import type {DeployOptions} from './options.js'

// The identifiers a deploy is given (ARNs, secret ids, VPC and subnet ids), checked for shape
// before any AWS call: a malformed one is a typo to fix, not something preflight should look up
// in AWS and report as "cannot be read". Values such as hosts and buckets stay preflight's to
// judge (and --force's to override); these cannot be deployed past.

const KIND_NAMES: Partial<Record<ValueKind, {service: string; what: string}>> = {
  'cloudformation-stack-arn': {service: 'cloudformation', what: 'a CloudFormation stack ARN'},
  'secret-id': {service: 'secretsmanager', what: 'a Secrets Manager secret'},
  'sqs-arn': {service: 'sqs', what: 'an SQS queue ARN'},
}

function identifierProblem(flag: string, value: string, kind: ValueKind, profile: Profile): string | undefined {
  const problem = checkValueShape(kind, value, profile)
  if (!problem || problem.severity !== 'error') return undefined
  const names = KIND_NAMES[kind]
  const arn = parseArn(value)
  // an ARN of another service is the commonest slip (the bucket's ARN for the queue's): say which
  const what = arn && names && arn.service !== names.service ? `is an ARN of ${arn.service}, not ${names.what}` : problem.what
  const instead = problem.use ? `; use ${problem.use}` : problem.expected ? `; expected ${problem.expected}` : ''
  return `${flag} "${value}" ${what}${instead}`
}

const AWS_ID = (prefix: string) => new RegExp(`^${prefix}-[0-9a-f]{8}([0-9a-f]{9})?$`)

/** Throws a UserError (exit 2) naming every malformed identifier, before anything is looked up. */
export function checkDeployInput(options: DeployOptions, profile: Profile): void {
  const problems: (string | undefined)[] = []
  if (options.quiltStackArn !== undefined) problems.push(identifierProblem('--quilt-stack-arn', options.quiltStackArn, 'cloudformation-stack-arn', profile))
  if (options.benchlingSecret !== undefined) problems.push(identifierProblem('--benchling-secret', options.benchlingSecret, 'secret-id', profile))
  if (options.clientSecret?.kind === 'reference') problems.push(identifierProblem('--client-secret-id', options.clientSecret.id, 'secret-id', profile))
  if (options.legacy.queueArn !== undefined) problems.push(identifierProblem('--queue-arn', options.legacy.queueArn, 'sqs-arn', profile))
  if (options.vpcId !== undefined && !AWS_ID('vpc').test(options.vpcId)) problems.push(`--vpc-id "${options.vpcId}" is not a VPC id; expected vpc- and 8 or 17 hex digits`)
  for (const subnet of options.subnetIds ?? []) {
    if (!AWS_ID('subnet').test(subnet)) problems.push(`--subnet-ids: "${subnet}" is not a subnet id; expected subnet- and 8 or 17 hex digits`)
  }

  const found = problems.filter((p): p is string => p !== undefined)
  if (found.length === 0) return
  throw new UserError(
    found.length === 1 ? `${found[0]}.` : `These values are malformed:\n  - ${found.join('\n  - ')}`,
    'Correct them and run the deploy again; nothing was looked up or changed.',
  )
}
