import {Flags} from '@oclif/core'

import type {AwsCallSummary} from '../aws/calls.js'
import {BwopsCommand} from '../base-command.js'
import {builtinChecks} from '../checks/index.js'
import {loadPluginChecks} from '../checks/plugins.js'
import {withConfigTarget} from '../config/target.js'
import {UserError} from '../errors.js'
import {benchlingWebhookProfile} from '../profile/benchling-webhook.js'
import {parseVersion} from '../profile/version.js'
import {exitCodeFor} from '../report/model.js'
import {type Format, FORMATS, renderReport} from '../report/render.js'
import {wantsColor} from '../report/text.js'
import {factsWanted, runDoctor} from '../services/doctor.js'
import {liveFlags, liveWhat, wantsLive} from '../services/live-flags.js'
import {callsSoFar, type Progress} from '../progress/progress.js'

function renderCalls(calls: AwsCallSummary): string {
  const lines = Object.entries(calls.byOperation)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, n]) => `  ${op} ${n}`)
  const once = Object.entries(calls.unavailable ?? {}).map(([op, why]) => `  ${op} failed at the endpoint, so it was not asked again this run: ${why}`)
  const chain = calls.longestChain ? [`  longest chain of calls that waited on one another (${calls.longestChain.length} round trips): ${calls.longestChain.join(' -> ')}`] : []
  return [`AWS calls: ${calls.total}`, ...lines, ...once, ...chain].join('\n')
}

function parseParameters(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    if (at <= 0) {
      // the pair is not quoted whole: a mistyped one (Secret:VALUE) may hold a secret value
      const name = /^[A-Za-z0-9]+/.exec(pair)?.[0]
      throw new UserError(`--parameter ${name ? `"${name}..." ` : ''}is not KEY=VALUE.`, 'Write it as --parameter Mode=secrets-only.')
    }

    out[pair.slice(0, at)] = pair.slice(at + 1)
  }

  return out
}

export default class Doctor extends BwopsCommand {
  static override description = `Runs every check on what is known of a deployment, joins the findings into causes and prints the likely cause first, with the evidence that proves it (configuration, what ECS reported, what the app logged) and its fix; --verbose prints every finding.

Facts come from files (a task definition, a CloudFormation template, the Benchling secret), a recorded bundle, a live deployment (--stack-name, or --cluster and --service) or a local run of the image (--probe); only a live deployment needs an AWS account. Exit codes: 0 no error findings, 1 error findings (or warnings with --strict), 2 bwops could not do its job (bad flags or input, no credentials, or no check could run), 3 INCOMPLETE: no error found, but a check crashed or a fact a check needs could not be read.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> --bundle examples/legacy-missing-app-definition-id.bundle.json',
    '<%= config.bin %> <%= command.id %> --task-definition td.json --secret-file secret.json',
    '<%= config.bin %> <%= command.id %> --template cdk.out/BenchlingWebhookStack.template.json --mode secrets-only --json',
    '<%= config.bin %> <%= command.id %> --task-definition td.json --check env-complete --check secret-references',
    '<%= config.bin %> <%= command.id %> --stack-name BenchlingWebhookStack --region us-east-1',
    '<%= config.bin %> <%= command.id %> --task-definition td.json --probe --probe-env-file webhook.env',
  ]

  static override flags = {
    account: Flags.string({description: 'AWS account the deployment runs in, to check ARNs against (a template\'s AWS::AccountId)', helpGroup: 'TARGET'}),
    'annotate-infos': Flags.boolean({description: 'with --format github, annotate info findings as notices too (by default only errors and warnings are annotated)'}),
    'app-version': Flags.string({description: 'the webhook release to judge by, e.g. 0.7.10 (default: from the image tag, the stack\'s StackVersion or the variables; docs/releases.md)', helpGroup: 'TARGET'}),
    bundle: Flags.file({description: 'a recorded bundle of a deployment (docs/bundle.md)', helpGroup: 'SOURCES'}),
    check: Flags.string({description: 'run only this check (repeatable)', multiple: true}),
    json: Flags.boolean({description: 'print the report as JSON (docs/json.md)', exclusive: ['format']}),
    format: Flags.string({description: 'report format: text, json, junit (XML), markdown (for $GITHUB_STEP_SUMMARY), github (workflow annotations)', options: [...FORMATS]}),
    mode: Flags.string({description: 'configuration mode; inferred from the environment when not given', helpGroup: 'TARGET', options: ['legacy', 'secrets-only']}),
    probe: Flags.boolean({description: 'also run the image on the local Docker engine and judge what it does (docs/probe.md)', helpGroup: 'PROBE'}),
    'probe-env': Flags.string({dependsOn: ['probe'], description: 'a variable for the probe, KEY=VALUE, or KEY to take it from this shell (repeatable)', helpGroup: 'PROBE', multiple: true}),
    'probe-env-file': Flags.string({dependsOn: ['probe'], description: 'a file of KEY=VALUE lines for the probe', helpGroup: 'PROBE'}),
    'probe-image': Flags.string({dependsOn: ['probe'], description: 'the image to probe (default: the task definition\'s)', helpGroup: 'PROBE'}),
    'probe-timeout': Flags.integer({default: 60, description: 'seconds the probe waits for the app to answer', helpGroup: 'PROBE', min: 1}),
    parameter: Flags.string({description: 'a template parameter, KEY=VALUE, over its default (repeatable)', helpGroup: 'SOURCES', multiple: true}),
    'secret-file': Flags.file({description: 'the Benchling secret JSON, for format checks', helpGroup: 'SOURCES'}),
    skip: Flags.string({description: 'skip this check (repeatable)', multiple: true}),
    strict: Flags.boolean({description: 'exit 1 on warnings too'}),
    'task-definition': Flags.file({description: 'a task definition JSON (describe-task-definition output or register input)', helpGroup: 'SOURCES'}),
    template: Flags.file({description: 'a CloudFormation template, JSON or YAML (e.g. cdk.out/*.template.json)', helpGroup: 'SOURCES'}),
    ...liveFlags,
    verbose: Flags.boolean({description: 'print every check and finding with what was seen, the infos and why checks were skipped (the default text shows the likely cause, one line per check, then the errors and warnings); live, also the AWS calls made'}),
  }

  static override summary = 'Diagnose a Benchling webhook deployment'

  // The probe and the live sources load Docker's and AWS's clients, which cost most of a cold start:
  // they are imported only when a run uses them.
  private async probeSource(flags: {'probe-env'?: string[]; 'probe-env-file'?: string; 'probe-image'?: string; 'probe-timeout': number}, progress: Progress) {
    const [{probeFactSource}, {readProbeEnv}] = await Promise.all([import('../docker/fact-source.js'), import('../docker/request.js')])
    const input = {env: flags['probe-env'], envFile: flags['probe-env-file'], image: flags['probe-image'], timeoutSeconds: flags['probe-timeout']}
    await readProbeEnv(input) // a bad --probe-env-file or --probe-env stops the run now, exit 2
    return probeFactSource({input, profile: benchlingWebhookProfile, progress: (line) => progress.line(line)})
  }

  public async run(): Promise<void> {
    const {flags} = await this.parse(Doctor)
    const {config, flags: liveTarget} = await withConfigTarget(flags)
    const appVersion = flags['app-version'] ?? config.appVersion
    if (appVersion !== undefined && !parseVersion(appVersion)) {
      throw new UserError(`--app-version "${appVersion}" is not a release number.`, 'Give it as MAJOR.MINOR.PATCH, e.g. --app-version 0.7.10 (docs/releases.md lists the lines).')
    }
    const target = config.target ?? {}
    const plugins = await loadPluginChecks(this.config, builtinChecks)
    const files = {
      bundle: flags.bundle ?? target.bundle,
      secretFile: flags['secret-file'] ?? target.secretFile,
      taskDefinition: flags['task-definition'] ?? target.taskDefinition,
      template: flags.template ?? target.template,
    }
    const offline = Object.values(files).some(Boolean)
    const format = (flags.json ? 'json' : (flags.format ?? config.format ?? 'text')) as Format
    const liveModule = wantsLive(liveTarget, offline) ? await import('../services/live-doctor.js') : undefined
    // live and probe runs wait on AWS and Docker: say on what (stderr, a terminal only unless --progress)
    const progress = this.progress(flags.progress)
    const what = liveWhat(liveTarget, benchlingWebhookProfile.names.stack)
    const checks = [...builtinChecks, ...plugins.checks]
    const only = flags.check ?? config.checks
    const skip = [...(flags.skip ?? []), ...(config.skip ?? [])]
    // a live run reads early only what the selected checks will ask for
    const wanted = liveModule ? factsWanted(checks, only, skip) : undefined
    const live = liveModule ? await progress.during(`Finding ${what} in AWS`, () => liveModule.liveDoctorSources(liveTarget, benchlingWebhookProfile, {wanted})) : undefined
    const waits = live ? `Reading ${what} from AWS${flags.probe ? ' and running the image on Docker' : ''}` : 'Running the image on Docker'
    const run = (task: () => ReturnType<typeof runDoctor>) => (live || flags.probe ? progress.during(waits, task, () => callsSoFar(live?.calls)) : task())
    const {report} = await run(async () => runDoctor(
      {
        ...files,
        account: flags.account ?? target.account,
        appVersion,
        extraSources: [...(live?.sources ?? []), ...(flags.probe ? [await this.probeSource(flags, progress)] : [])],
        locate: format !== 'text',
        mode: (flags.mode ?? config.mode) as 'legacy' | 'secrets-only' | undefined,
        only,
        parameters: parseParameters(flags.parameter ?? []),
        region: liveTarget.region,
        severity: config.severity,
        skip,
      },
      {checks, notices: plugins.problems, profile: benchlingWebhookProfile},
    ))
    if (live && liveModule) {
      // the report is made: a read begun ahead that no fact needed is not retried or sent
      live.calls.close()
      report.awsCalls = {...live.calls.summary(), longestChain: live.calls.longestChain().map((r) => r.action)}
      report.target.live = liveModule.describeTarget(live.target)
    }

    const strict = flags.strict || config.strict === true
    this.log(renderReport(report, format, {annotateInfos: flags['annotate-infos'], color: wantsColor(process.stdout), strict, verbose: flags.verbose}))
    if (flags.verbose && report.awsCalls) this.logToStderr(renderCalls(report.awsCalls))
    if (report.checks.length > 0 && report.summary.skipped === report.checks.length) {
      // nothing was judged: a pass here would let a pre-merge check that ran nothing go green
      throw new UserError('No check could run with the facts given: every check was skipped (see why above).', 'Give a source: --task-definition, --template, --secret-file, --bundle, or a live target (--stack-name).')
    }

    const code = exitCodeFor(report, strict)
    if (code !== 0) this.exit(code)
  }
}
