import {awsErrorName} from '../aws/errors.js'
import {runChecks} from '../checks/engine.js'
import type {AnyCheck, Finding, Severity} from '../checks/types.js'
import {Facts, type FactSource, known} from '../facts/facts.js'
import type {SecretContent} from '../facts/types.js'
import type {Profile} from '../profile/types.js'
import {rankFindings} from '../report/rank.js'
import type {DeployClients} from './clients.js'
import type {Plan} from './plan.js'
import {plannedSources} from './planned-facts.js'
import {judgeImage, judgeQuiltStack, judgeRelease, judgeSecret} from './preflight-judges.js'

export interface PreflightItem {
  severity: Severity
  /** 'preflight' for bwops's own lookups, else the doctor check's id */
  source: string
  title: string
  fix?: string
}

export interface PreflightResult {
  items: PreflightItem[]
  /** the doctor's error findings on the planned stack, for the diagnosis should --force go past them */
  doctorErrors: Finding[]
  errors: number
  warnings: number
}

/**
 * Before anything changes: the secret exists and has the right keys, the Quilt stack has the
 * outputs, the image exists, and the doctor's offline checks pass on the planned template with
 * the planned parameters (so `deploy` refuses what `doctor` would call broken).
 */
export async function preflight(plan: Plan, clients: DeployClients, profile: Profile, checks: AnyCheck[]): Promise<PreflightResult> {
  const items: PreflightItem[] = []
  let secretContent: SecretContent | undefined
  const secret = plan.mode.mode === 'secrets-only' ? plan.lookups.benchlingSecret : plan.lookups.clientSecret
  if (secret?.found && !secret.deleted) secretContent = await readShape(clients, secret.arn, items)
  if (secret) items.push(...judgeSecret(plan, secret, secretContent, profile))
  if (plan.secretWrite && plan.secretWrite.value.reveal().trim() === '') {
    items.push({fix: `Put the client secret in ${plan.secretWrite.value.from}.`, severity: 'error', source: 'preflight', title: `The client secret from ${plan.secretWrite.value.from} is empty`})
  }

  if (plan.lookups.quiltStack) items.push(...judgeQuiltStack(plan.lookups.quiltStack, plan.parameters.QuiltStackARN ?? '', profile))
  items.push(...judgeRelease(plan.image, plan.mode.mode))
  items.push(...judgeImage(plan.image, plan.image.ecr ? await clients.ecr.imageExists(plan.image.ecr.registryId, plan.image.ecr.repository, plan.image.ecr.tag) : undefined))
  const findings = await offlineDoctor(plan, profile, checks, secret?.found && plan.mode.mode === 'secrets-only' ? secretContent : undefined)
  items.push(...findings.map((f) => ({fix: f.fix, severity: f.severity, source: f.check, title: f.title})))
  return {doctorErrors: findings.filter((f) => f.severity === 'error'), errors: count(items, 'error'), items, warnings: count(items, 'warning')}
}

async function readShape(clients: DeployClients, arn: string, items: PreflightItem[]): Promise<SecretContent | undefined> {
  try {
    return await clients.secrets.shape(arn)
  } catch (error) {
    const name = awsErrorName(error)
    items.push({
      fix: 'Run the deploy with credentials allowed secretsmanager:GetSecretValue on it, or use --force to skip this check.',
      severity: 'warning',
      source: 'preflight',
      title: `The secret's keys could not be read (${name}), so its shape is unchecked`,
    })
    return undefined
  }
}

/** The doctor's checks on the planned facts: the template as it will deploy, and the secret's shape. */
export async function offlineDoctor(plan: Plan, profile: Profile, checks: AnyCheck[], secret?: SecretContent): Promise<Finding[]> {
  const first: FactSource[] = secret
    ? [{describe: 'Benchling secret', loaders: {benchlingSecret: async () => known({content: secret, id: plan.parameters.BenchlingSecret}, 'Benchling secret (shape only)')}}]
    : []
  const sources = plannedSources({account: plan.account, mode: plan.mode.mode, parameters: plan.parameters, region: plan.region, template: plan.template}, profile, first)
  const results = await runChecks(checks, new Facts(sources), profile)
  return rankFindings(results).filter((f) => f.severity !== 'info')
}

const count = (items: PreflightItem[], severity: Severity) => items.filter((i) => i.severity === severity).length
