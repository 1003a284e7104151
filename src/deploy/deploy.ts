import {awsErrorName} from '../aws/errors.js'
import type {AnyCheck} from '../checks/types.js'
import {EXIT, UserError} from '../errors.js'
import {type DeployVerdict, deployVerdict, verdictLine} from './verdict.js'
import type {Profile} from '../profile/types.js'
import {type Clock, createChangeSet, describeChanges, discardChangeSet, summarizeChanges} from './changeset.js'
import type {DeployClients} from './clients.js'
import {failedRolloutSecretLine, removeCreatedSecret} from './created-secret.js'
import {diagnose, type Diagnosis} from './diagnose.js'
import type {DeployOptions} from './options.js'
import {makePlan, type Plan} from './plan.js'
import {preflight} from './preflight.js'
import {describeDiagnosis, describePlan, describePreflight} from './render.js'
import type {DeployUi} from './ui.js'
import {describeVerification, type Fetch, type Verification, verifyEndpoint} from './verify.js'
import {awsObserver, watchRollout} from './watch.js'
import type {Outcome} from './watch-state.js'

export interface DeployDeps {
  clients: DeployClients
  profile: Profile
  checks: AnyCheck[]
  ui: DeployUi
  clock: Clock
  /** aborted on Ctrl-C */
  signal?: AbortSignal
  fetch?: Fetch
}

export type DeployStatus = 'deployed' | 'unchanged' | 'dry-run' | 'declined' | 'failed' | 'timed-out' | 'interrupted' | 'unverified'

export interface DeployResult {
  status: DeployStatus
  /** the one-line verdict the run ends with: succeeded, failed, unchanged, watching stopped... */
  verdict: DeployVerdict
  exitCode: number
  stackName: string
  mode: string
  image: string
  outcome?: Outcome
  diagnosis?: Diagnosis
  verification?: Verification
  /** why the endpoint was not verified, when it was not */
  note?: string
}

export const EXIT_INTERRUPTED = 130

/** Plan, preflight, change set, confirm, execute, watch, then diagnose or verify; one verdict line at the end. */
export async function runDeploy(options: DeployOptions, deps: DeployDeps): Promise<DeployResult> {
  const done = await deploy(options, deps)
  const verdict = deployVerdict(done)
  deps.ui.line(verdictLine(verdict))
  return {...done, verdict}
}

async function deploy(options: DeployOptions, deps: DeployDeps): Promise<Omit<DeployResult, 'verdict'>> {
  const {clients, profile, ui} = deps
  const plan = await makePlan(options, clients, profile)
  describePlan(plan).forEach((l) => ui.line(l))
  const checked = await preflight(plan, clients, profile, deps.checks)
  describePreflight(checked, options.force).forEach((l) => ui.line(l))
  const result = (status: DeployStatus, exitCode: number, extra: Partial<DeployResult> = {}): Omit<DeployResult, 'verdict'> => ({
    exitCode,
    image: plan.image.uri,
    mode: plan.mode.mode,
    stackName: plan.stackName,
    status,
    ...extra,
  })
  if (checked.errors > 0 && !options.force) {
    throw new UserError(`Preflight found ${checked.errors} error(s): this deployment would fail, so nothing was changed.`, 'Fix them and deploy again, or use --force to deploy anyway.', EXIT.findings)
  }

  // a new secret must exist before the change set names its ARN; an existing one is only
  // rewritten once the user has said yes
  const createdSecret = options.dryRun ? undefined : await createClientSecret(plan, clients)
  const changeSet = await createChangeSet(plan, clients, deps.clock).catch(async (error: unknown) => {
    // no change set, so nothing references the new secret: it goes too, before the error is said
    if (createdSecret) ui.line(await removeCreatedSecret(createdSecret, plan, clients))
    throw error
  })
  if (changeSet.empty) {
    await clients.cfn.deleteChangeSet(changeSet.view.id)
    if (createdSecret) ui.line(await removeCreatedSecret(createdSecret, plan, clients))
    ui.line(`No changes: the stack ${plan.stackName} already matches this deployment.`)
    return options.dryRun ? result('dry-run', EXIT.ok) : verifyStack(plan, deps, result, 'unchanged')
  }

  ui.line(`Change set ${changeSet.view.id}: ${summarizeChanges(changeSet.view.changes)}`)
  describeChanges(changeSet.view.changes).forEach((l) => ui.line(l))
  const refuse = async (why: string) => {
    await discardChangeSet(changeSet, plan, clients)
    ui.line(`${why}: the change set was deleted; nothing changed.`)
    if (createdSecret) ui.line(await removeCreatedSecret(createdSecret, plan, clients))
  }

  if (options.dryRun) {
    await refuse('--dry-run')
    return result('dry-run', EXIT.ok)
  }

  if (!options.yes) {
    if (!ui.interactive) {
      await refuse('No terminal to ask for confirmation')
      throw new UserError('Refusing to deploy without confirmation: there is no terminal to ask, and --yes was not given.', 'Review the changes above and run again with --yes.')
    }

    if (!(await ui.confirm(`Deploy these changes to ${plan.stackName}?`))) {
      await refuse('Declined')
      return result('declined', EXIT.ok)
    }
  }

  if (plan.secretWrite?.existingArn) await clients.secrets.put(plan.secretWrite.existingArn, clientSecretJson(plan))
  const cluster = profile.names.cluster
  const before = await clients.ecs.describeService(cluster, profile.names.service)
  const startedAt = deps.clock.now()
  await clients.cfn.executeChangeSet(changeSet.view.id)
  ui.line(`Executing; watching the rollout (timeout ${Math.round(options.timeoutSeconds / 60)} min, Ctrl-C stops watching, not the deployment).`)
  const {outcome, state} = await watchRollout(
    {baseline: (before?.deployments ?? []).map((d) => d.id), pollMs: options.pollSeconds * 1000, startedAt, timeoutMs: options.timeoutSeconds * 1000},
    {
      clock: deps.clock,
      observe: awsObserver(clients, {cluster, service: profile.names.service, stackName: plan.stackName}, new Date(startedAt - 5000), deps.clock.now),
      onPoll: (s) => ui.poll?.(s, deps.clock.now()),
      onPollError: (error) => ui.line(`  (a poll failed: ${awsErrorName(error)}; trying again)`),
      onProgress: (p) => ui.progress(p),
      ...(deps.signal ? {signal: deps.signal} : {}),
    },
  )
  const lookAgain = [`  bwops status --stack-name ${plan.stackName}`, `  bwops doctor --stack-name ${plan.stackName}`]
  switch (outcome.kind) {
    case 'succeeded': {
      ui.line(`✔ The stack is ${outcome.stackStatus}.`)
      return verifyStack(plan, deps, result, 'deployed', outcome)
    }

    case 'failed': {
      const diagnosis = await diagnose(outcome, plan, clients, profile, deps.checks, checked.doctorErrors)
      describeDiagnosis(diagnosis).forEach((l) => ui.line(l))
      if (createdSecret) ui.line(failedRolloutSecretLine(createdSecret, plan))
      return result('failed', EXIT.findings, {diagnosis, outcome})
    }

    case 'timed-out': {
      ui.line(`The rollout did not finish within ${options.timeoutSeconds} s (stack ${outcome.stackStatus ?? state.stackStatus ?? 'unknown'}); it goes on without bwops watching. Look again with:`)
      lookAgain.forEach((l) => ui.line(l))
      return result('timed-out', EXIT.findings, {outcome})
    }

    case 'interrupted': {
      ui.line('Stopped watching. The deployment goes on in AWS; look again with:')
      lookAgain.forEach((l) => ui.line(l))
      return result('interrupted', EXIT_INTERRUPTED, {outcome})
    }
  }
}

const clientSecretJson = (plan: Plan) => JSON.stringify({client_secret: plan.secretWrite?.value.reveal().trim() ?? ''})

/** Creates the secret for a client secret read from a file or stdin; returns its ARN. */
async function createClientSecret(plan: Plan, clients: DeployClients): Promise<string | undefined> {
  const write = plan.secretWrite
  if (!write || write.existingArn) return undefined
  const arn = await clients.secrets.create(write.name, clientSecretJson(plan), `Benchling client secret of the ${plan.stackName} webhook stack, stored by bwops deploy`)
  plan.parameters.BenchlingClientSecretArn = arn
  return arn
}

async function verifyStack(
  plan: Plan,
  deps: DeployDeps,
  result: (status: DeployStatus, exitCode: number, extra?: Partial<DeployResult>) => Omit<DeployResult, 'verdict'>,
  status: DeployStatus,
  outcome?: Outcome,
): Promise<Omit<DeployResult, 'verdict'>> {
  const stack = await deps.clients.cfn.describeStack(plan.stackName)
  const endpoint = stack?.outputs.WebhookEndpoint
  const extra = outcome ? {outcome} : {}
  if (!endpoint) {
    // the stack and the rollout succeeded: with nothing to ask, the deploy is not a failure
    deps.ui.line(`The stack has no WebhookEndpoint output to check. Look with: bwops status --stack-name ${plan.stackName}`)
    return result(status, EXIT.ok, {...extra, note: 'the stack has no WebhookEndpoint output'})
  }

  const verification = await verifyEndpoint(endpoint, deps.clock, deps.fetch)
  describeVerification(verification).forEach((l) => deps.ui.line(l))
  deps.ui.line(`${verification.ok ? '✔' : '✖'} ${plan.mode.mode} mode, image ${stack?.outputs.DockerImageUri ?? plan.image.uri}, at ${verification.endpoint}`)
  if (!verification.ok) {
    deps.ui.line(`The stack deployed, but ${verification.endpoint}/health does not answer 200. Look with: bwops doctor --stack-name ${plan.stackName}`)
    return result('unverified', EXIT.findings, {...extra, verification})
  }

  return result(status, EXIT.ok, {...extra, verification})
}
