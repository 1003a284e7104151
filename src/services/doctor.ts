import {applySeverity, runChecks, selectChecks} from '../checks/engine.js'
import type {AnyCheck, Severity} from '../checks/types.js'
import {UserError} from '../errors.js'
import {iamEvaluationSource} from '../checks/iam/source.js'
import {Facts, type FactSource} from '../facts/facts.js'
import {bundleFileSource} from '../facts/sources/bundle.js'
import {deploymentSource, modeSource, secretFileSource, taskDefinitionFileSource} from '../facts/sources/files.js'
import {releaseSource} from '../facts/sources/release.js'
import {templateFileSource} from '../facts/sources/template.js'
import type {FactName, Mode} from '../facts/types.js'
import {contractOf} from '../profile/select.js'
import type {Profile} from '../profile/types.js'
import {buildReport, type DoctorReport} from '../report/model.js'
import {diagnose} from '../diagnosis/diagnose.js'
import {rankChecks} from '../report/rank.js'
import {type LocatedInput, locateFindings} from '../report/locate/locate.js'

/** Sources that derive facts from other facts: not where facts come from, so not listed as such. */
const DERIVED_SOURCES = new Set(['release inference', 'mode inference', 'deployment context', '--mode flag', 'IAM policy simulation'])

export interface DoctorOptions {
  taskDefinition?: string
  template?: string
  secretFile?: string
  bundle?: string
  mode?: Mode
  /** --app-version: the release whose rules apply, over what the deployment shows */
  appVersion?: string
  /** template parameters, over the template's defaults */
  parameters?: Record<string, string>
  region?: string
  account?: string
  only?: string[]
  skip?: string[]
  /** a repository's config may raise or lower a check's findings */
  severity?: Record<string, Severity>
  /** sources given by the caller (a live account, a probe), after the files the user named */
  extraSources?: FactSource[]
  /** give each finding judged from a named file its file and line (for CI formats) */
  locate?: boolean
}

export interface DoctorDeps {
  profile: Profile
  checks: AnyCheck[]
  /** problems met loading plugin checks, shown with the report */
  notices?: string[]
}

/** --account and --region stand for the stack's AWS::AccountId and AWS::Region, unless a --parameter says. */
function withPseudo(options: DoctorOptions): Record<string, string> {
  return {
    ...(options.account ? {'AWS::AccountId': options.account} : {}),
    ...(options.region ? {'AWS::Region': options.region} : {}),
    ...options.parameters,
  }
}

/** Files the user named come first: they override what a bundle or template says. */
export async function doctorSources(options: DoctorOptions, profile: Profile): Promise<FactSource[]> {
  const sources: FactSource[] = []
  if (options.taskDefinition) sources.push(await taskDefinitionFileSource(options.taskDefinition))
  if (options.secretFile) sources.push(await secretFileSource(options.secretFile))
  if (options.template) sources.push(await templateFileSource(options.template, profile, {parameters: withPseudo(options)}))
  if (options.bundle) sources.push(await bundleFileSource(options.bundle))
  sources.push(...(options.extraSources ?? []))
  sources.push(
    releaseSource(profile, options.appVersion),
    modeSource(profile, options.mode),
    deploymentSource({account: options.account, region: options.region}),
    iamEvaluationSource(profile),
  )
  return sources
}

/** The facts the checks ask for. */
export function factsOf(checks: readonly AnyCheck[]): Set<FactName> {
  return new Set(checks.flatMap((check): FactName[] => [...check.needs, ...(check.uses ?? [])]))
}

/** The facts a run of the selected checks asks for: what a live run reads early (src/services/live-doctor.ts). */
export function factsWanted(all: AnyCheck[], only?: string[], skip?: string[]): Set<FactName> {
  return factsOf(selectChecks(all, only, skip))
}

export async function runDoctor(options: DoctorOptions, deps: DoctorDeps): Promise<{facts: Facts; report: DoctorReport}> {
  const checks = selectChecks(deps.checks, options.only, options.skip)
  const unknownSeverity = Object.keys(options.severity ?? {}).filter((id) => !deps.checks.some((c) => c.id === id))
  if (unknownSeverity.length > 0) {
    // a typo here would silently leave the check at its own severity
    throw new UserError(`The config's "severity" names unknown check ${unknownSeverity.map((id) => `"${id}"`).join(', ')}.`, 'Run `bwops checks` to list the check ids, and fix the config (docs/config.md).')
  }

  const facts = new Facts(await doctorSources(options, deps.profile))
  // every fact the checks will ask for starts loading now, beside the release they wait on: a live
  // run's calls do not queue behind the task definition the release is told from
  for (const name of factsOf(checks)) void facts.get(name)
  // the deployment is judged by the rules of its own release (src/profile/select.ts)
  const release = await facts.get('release')
  const profile = release.ok ? contractOf(release.value) : deps.profile
  const diagnosis = diagnose(applySeverity(await runChecks(checks, facts, profile), options.severity))
  const {findings: ranked, results} = diagnosis
  const mode = await facts.get('mode')
  const target = {
    profile: deps.profile.id,
    sources: facts.describeSources().filter((s) => !DERIVED_SOURCES.has(s)),
    ...(mode.ok ? {mode: mode.value} : {modeUnknown: mode.reason}),
    ...(release.ok ? {release: release.value} : {}),
  }
  const report = buildReport(rankChecks(results, ranked), ranked, target, deps.notices ?? [], diagnosis.causes)
  if (options.locate) await locateFindings(report, locatedInputs(options), deps.profile)
  return {facts, report}
}

/** The files the user named, as their fact sources describe themselves (src/facts/sources/). */
function locatedInputs(options: DoctorOptions): LocatedInput[] {
  const inputs: LocatedInput[] = []
  if (options.taskDefinition) inputs.push({describe: `task definition file ${options.taskDefinition}`, file: options.taskDefinition, kind: 'task-definition'})
  if (options.template) inputs.push({describe: `template ${options.template}`, file: options.template, kind: 'template'})
  if (options.secretFile) inputs.push({describe: `secret file ${options.secretFile}`, file: options.secretFile, kind: 'secret'})
  return inputs
}
