import {awsErrorName} from '../aws/errors.js'
import {parseArn} from '../checks/lib/arn.js'
import {UserError} from '../errors.js'
import type {Profile} from '../profile/types.js'
import type {DeployClients, SecretLookup, StackView} from './clients.js'
import {chooseImage, type ImageChoice} from './image.js'
import {chooseMode, type ModeChoice} from './mode.js'
import type {DeployOptions, SecretValue} from './options.js'
import {planParameters} from './plan-parameters.js'
import {checkDeployInput} from './validate-input.js'
import {type Template, webhookTemplate} from './template/template.js'

export type QuiltStackLookup = {found: true; stack: StackView} | {found: false; reason: string; otherRegion?: string}

/** Everything the deploy will do, worked out before anything changes. */
export interface Plan {
  mode: ModeChoice
  stackName: string
  region: string
  account: string
  /** the stack as it is now; undefined for a first deploy */
  stack?: StackView
  template: Template
  parameters: Record<string, string>
  image: ImageChoice
  network: {vpcId: string; subnetIds: string[]; discovered: boolean}
  /** what the lookups found, for preflight to judge */
  lookups: {benchlingSecret?: SecretLookup; clientSecret?: SecretLookup; quiltStack?: QuiltStackLookup}
  /** a legacy client secret read from a file or stdin, stored by the deploy before it executes */
  secretWrite?: {name: string; value: SecretValue; existingArn?: string}
  notes: string[]
}

const BUSY = /_IN_PROGRESS$/
const DEAD = new Set(['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'DELETE_FAILED'])

export async function makePlan(options: DeployOptions, clients: DeployClients, profile: Profile): Promise<Plan> {
  const mode = chooseMode(options)
  requireModeValues(mode, options)
  checkDeployInput(options, profile)
  const [account, region, stack] = await Promise.all([clients.sts.account(), clients.sts.region(), clients.cfn.describeStack(options.stackName)])
  checkStackState(options.stackName, stack)
  const notes: string[] = []
  const network = await chooseNetwork(options, clients)
  if (network.discovered) notes.push(`network: the default VPC ${network.vpcId} and its subnets ${network.subnetIds.join(', ')}`)
  const image = chooseImage(options, profile)
  const lookups: Plan['lookups'] = {}
  let secretWrite: Plan['secretWrite']
  if (mode.mode === 'secrets-only') {
    const [secret, quilt] = await Promise.all([clients.secrets.describe(options.benchlingSecret ?? ''), lookUpQuiltStack(options.quiltStackArn ?? '', region, clients)])
    lookups.benchlingSecret = secret
    lookups.quiltStack = quilt
  } else if (options.clientSecret?.kind === 'reference') {
    lookups.clientSecret = await clients.secrets.describe(options.clientSecret.id)
  } else if (options.clientSecret?.kind === 'value') {
    const name = `${options.stackName}/benchling-client-secret`
    const existing = await clients.secrets.describe(name)
    secretWrite = {name, value: options.clientSecret.value, ...(existing.found ? {existingArn: existing.arn} : {})}
    notes.push(`client secret: from ${options.clientSecret.value.from}, stored in Secrets Manager as ${name}${existing.found ? ' (a new version)' : ' (created)'} before the stack changes`)
  }

  const createLogGroup =
    stack?.parameters.CreateLogGroup ?? String(!(await clients.logs.logGroupExists(profile.names.logGroup)))
  if (createLogGroup === 'false') notes.push(`log group: ${profile.names.logGroup} exists already and is reused`)
  const plan: Plan = {
    account,
    image,
    lookups,
    mode,
    network,
    notes,
    parameters: {},
    region,
    stackName: options.stackName,
    template: webhookTemplate(profile),
    ...(stack ? {stack} : {}),
    ...(secretWrite ? {secretWrite} : {}),
  }
  plan.parameters = planParameters(plan, options, profile, createLogGroup)
  return plan
}

function requireModeValues(mode: ModeChoice, options: DeployOptions): void {
  const missing: string[] = []
  if (mode.mode === 'secrets-only') {
    if (!options.quiltStackArn) missing.push('--quilt-stack-arn')
    if (!options.benchlingSecret) missing.push('--benchling-secret')
  } else {
    const l = options.legacy
    const need: [string | undefined, string][] = [
      [l.catalog, '--catalog'],
      [l.database, '--database'],
      [l.bucket, '--bucket'],
      [l.queueArn, '--queue-arn'],
      [l.tenant, '--tenant'],
      [l.clientId, '--client-id'],
      [l.appId, '--app-id'],
    ]
    missing.push(...need.filter(([value]) => !value).map(([, flag]) => flag))
    if (!options.clientSecret) missing.push('the client secret (--client-secret-id, --client-secret-file or --client-secret-stdin)')
  }

  if (missing.length > 0) {
    throw new UserError(`The ${mode.mode} mode (${mode.why}) needs ${missing.join(', ')}.`, mode.mode === 'legacy' ? 'Give them as flags or in an --env-file.' : 'Give both flags.')
  }
}

function checkStackState(name: string, stack: StackView | undefined): void {
  if (!stack || stack.status === 'REVIEW_IN_PROGRESS') return
  if (BUSY.test(stack.status)) {
    throw new UserError(`The stack ${name} is busy (${stack.status}).`, `Wait for it to settle (aws cloudformation describe-stacks --stack-name ${name}), then deploy again.`)
  }

  if (DEAD.has(stack.status)) {
    throw new UserError(
      `The stack ${name} is ${stack.status}: a failed first deploy leaves a stack that cannot be updated.`,
      `See why with \`bwops doctor --stack-name ${name}\`, delete it (aws cloudformation delete-stack --stack-name ${name}; the log group is kept), then deploy again.`,
    )
  }
}

async function chooseNetwork(options: DeployOptions, clients: DeployClients): Promise<Plan['network']> {
  if (options.vpcId && options.subnetIds && options.subnetIds.length > 0) return {discovered: false, subnetIds: options.subnetIds, vpcId: options.vpcId}
  const found = await clients.ec2.defaultVpc()
  if (!found || found.subnetIds.length === 0) {
    throw new UserError('This region has no default VPC with subnets to deploy into.', 'Give --vpc-id and --subnet-ids (two or more subnets in different zones, with a route to the internet).')
  }

  return {discovered: true, subnetIds: options.subnetIds ?? found.subnetIds, vpcId: options.vpcId ?? found.vpcId}
}

async function lookUpQuiltStack(arn: string, region: string, clients: DeployClients): Promise<QuiltStackLookup> {
  // CloudFormation answers only for its own region: asked here, another region's stack is "not found"
  const elsewhere = parseArn(arn)?.region
  if (elsewhere && elsewhere !== region) return {found: false, otherRegion: elsewhere, reason: `it is in ${elsewhere}, and this deploy goes to ${region}, where CloudFormation cannot see it`}
  try {
    const stack = await clients.cfn.describeStack(arn)
    return stack ? {found: true, stack} : {found: false, reason: 'no such stack'}
  } catch (error) {
    return {found: false, reason: `cloudformation:DescribeStacks failed (${awsErrorName(error)})`}
  }
}
