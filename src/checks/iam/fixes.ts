import {asSubString, describeDeployTime, hasDeployTimeValue} from '../../facts/deploy-time.js'
import {deployTimeTokens as tokensIn} from '../../facts/deploy-time.js'
import type {RoleFact} from '../../facts/types.js'
import type {PolicyRef, RoleKind} from './types.js'

// The concrete steps the `iam` check's findings give: a statement to add, with the real ARN, and
// the command or template change that adds it.

export const TRUST_STATEMENT = {Action: 'sts:AssumeRole', Effect: 'Allow', Principal: {Service: 'ecs-tasks.amazonaws.com'}}

export function statementJson(actions: string[], resource: string): string {
  // a resource known only at deploy time is written as the template writes it: Fn::Sub
  const sub = hasDeployTimeValue(resource) ? asSubString(resource) : undefined
  return JSON.stringify({Action: actions.length === 1 ? actions[0] : actions, Effect: 'Allow', Resource: sub ? {'Fn::Sub': sub} : describeDeployTime(resource)})
}

/** The role's name when it is concrete: from the fact, else the last part of its ARN. */
export function roleName(role: RoleFact | undefined, label: string | undefined): string | undefined {
  const fromArn = (arn?: string) => arn?.split('/').pop()
  const name = role?.name ?? fromArn(role?.arn) ?? (label?.startsWith('arn:') ? fromArn(label) : label)
  return name && !hasDeployTimeValue(name) ? name : undefined
}

export function describeRef(ref: PolicyRef): string {
  if (ref.kind === 'scp') return 'a service control policy of the AWS organization'
  if (ref.kind === 'trust') return ref.statement ? `the trust policy (statement ${ref.statement})` : 'the trust policy'
  if (ref.kind === 'permissions-boundary') return `the permissions boundary${ref.policy ? ` ${ref.policy}` : ''}${ref.statement ? ` (statement ${ref.statement})` : ''}`
  if (!ref.policy) return 'no policy of the role'
  return `policy ${ref.policy}${ref.statement ? ` (statement ${ref.statement})` : ''}`
}

const deployTimeNote = (resource: string) =>
  hasDeployTimeValue(resource) ? ` (${tokensIn(resource).map(describeDeployTime).join(', ')} ${tokensIn(resource).length === 1 ? 'is' : 'are'} known only at deploy time: the statement names ${tokensIn(resource).length === 1 ? 'it' : 'them'} with Fn::Sub, as the template does)` : ''

const CDK_PSEUDO: Record<string, string> = {'AWS::AccountId': 'Aws.ACCOUNT_ID', 'AWS::Partition': 'Aws.PARTITION', 'AWS::Region': 'Aws.REGION', 'AWS::URLSuffix': 'Aws.URL_SUFFIX'}

/** A resource as CDK code writes it: a template literal with Aws.REGION for the pseudo parameters. */
function cdkString(resource: string): string {
  if (!hasDeployTimeValue(resource)) return JSON.stringify(resource)
  const sub = asSubString(resource)
  if (!sub) return JSON.stringify(describeDeployTime(resource))
  return `\`${sub.replace(/\$\{([^}]+)\}/g, (_, name: string) => `\${${CDK_PSEUDO[name] ?? name}}`)}\``
}

/** Add an Allow statement: with the CLI for a role that exists, in the template otherwise. */
export function grantFix(kind: RoleKind, name: string | undefined, actions: string[], resource: string): string {
  const statement = statementJson(actions, resource)
  const where = name
    ? `aws iam put-role-policy --role-name ${name} --policy-name bwops-${kind}-access --policy-document '{"Version":"2012-10-17","Statement":[${statement}]}' (a new inline policy; or add the statement to an existing one)`
    : `add it to the ${kind} role's policy in the template (CDK: ${kind}Role.addToPolicy(new iam.PolicyStatement({actions: ${JSON.stringify(actions)}, resources: [${cdkString(resource)}]})))`
  return `Add this statement to the ${kind} role: ${statement}${deployTimeNote(resource)}. To do it: ${where}.`
}

export function denyFix(deniedBy: PolicyRef[], actions: string[], resource: string): string {
  const by = deniedBy.map(describeRef).join(', ')
  return `Narrow the Deny in ${by} so it no longer covers ${actions.join(', ')} on ${resource} (an explicit Deny wins over every Allow), or exclude this resource from it with a NotResource or a condition. Then re-run bwops doctor.`
}

export function boundaryFix(deniedBy: PolicyRef[], actions: string[], resource: string): string {
  const boundary = deniedBy.find((d) => d.kind === 'permissions-boundary')?.policy ?? 'the permissions boundary'
  return `The role's own policies allow it, but the permissions boundary ${boundary} does not: add ${statementJson(actions, resource)} to ${boundary} (or attach a boundary that allows it), e.g. with aws iam create-policy-version --policy-arn <boundary ARN> --policy-document file://boundary.json --set-as-default.`
}

export function trustFix(kind: RoleKind, name: string | undefined): string {
  const doc = JSON.stringify({Statement: [TRUST_STATEMENT], Version: '2012-10-17'})
  const how = name
    ? `aws iam update-assume-role-policy --role-name ${name} --policy-document '${doc}'`
    : `in the template, set the role's AssumeRolePolicyDocument to ${doc} (CDK: assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'))`
  return `Let ECS tasks assume the ${kind} role: ${how}. Keep any aws:SourceAccount / aws:SourceArn conditions matching this account.`
}

export function createRoleFix(kind: RoleKind, statements: string[]): string {
  const field = kind === 'task' ? 'taskRoleArn' : 'executionRoleArn'
  const managed = kind === 'execution' ? ' and attach arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' : ''
  return `Create a role that ecs-tasks.amazonaws.com may assume (trust ${JSON.stringify(TRUST_STATEMENT)})${managed}, give it a policy with ${statements.join(', ')}, and set the task definition's ${field} to its ARN (CDK: new ecs.FargateTaskDefinition(this, 'Task', {${kind === 'task' ? 'taskRole' : 'executionRole'}: role})).`
}
