import {Flags} from '@oclif/core'

import {BwopsCommand} from '../base-command.js'
import {builtinChecks} from '../checks/index.js'
import {loadPluginChecks} from '../checks/plugins.js'
import {loadConfig} from '../config/load.js'
import {benchlingWebhookProfile} from '../profile/benchling-webhook.js'
import {exitCodeFor} from '../report/model.js'
import {type Format, FORMATS, renderReport} from '../report/render.js'
import {wantsColor} from '../report/text.js'
import {runDoctor} from '../services/doctor.js'

export default class Doctor extends BwopsCommand {
  static override description = `Runs every check on what is known of a deployment and prints findings ranked by likely root cause, each with a fix.

Facts come from files (a task definition, a CloudFormation template, the Benchling secret) or a recorded bundle; no AWS account is needed. Exit codes: 0 no error findings, 1 error findings (or warnings with --strict), 2 bwops could not do its job.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> --bundle examples/legacy-missing-app-definition-id.bundle.json',
    '<%= config.bin %> <%= command.id %> --task-definition td.json --secret-file secret.json',
    '<%= config.bin %> <%= command.id %> --template cdk.out/BenchlingWebhookStack.template.json --mode secrets-only --json',
    '<%= config.bin %> <%= command.id %> --task-definition td.json --check env-complete --check secret-references',
  ]

  static override flags = {
    account: Flags.string({description: 'AWS account the deployment runs in, to check ARNs against', helpGroup: 'TARGET'}),
    bundle: Flags.file({description: 'a recorded bundle of a deployment (docs/bundle.md)', helpGroup: 'SOURCES'}),
    check: Flags.string({description: 'run only this check (repeatable)', multiple: true}),
    json: Flags.boolean({description: 'print the report as JSON (docs/json.md)', exclusive: ['format']}),
    config: Flags.string({description: 'a config file (default: .bwops.json, or the "bwops" key of package.json)'}),
    format: Flags.string({description: 'report format: text, json, junit (XML), markdown (for $GITHUB_STEP_SUMMARY), github (workflow annotations)', options: [...FORMATS]}),
    mode: Flags.string({description: 'configuration mode; inferred from the environment when not given', helpGroup: 'TARGET', options: ['legacy', 'secrets-only']}),
    region: Flags.string({description: 'AWS region the deployment runs in, to check ARNs against', helpGroup: 'TARGET'}),
    'secret-file': Flags.file({description: 'the Benchling secret JSON, for format checks', helpGroup: 'SOURCES'}),
    skip: Flags.string({description: 'skip this check (repeatable)', multiple: true}),
    strict: Flags.boolean({description: 'exit 1 on warnings too'}),
    'task-definition': Flags.file({description: 'a task definition JSON (describe-task-definition output or register input)', helpGroup: 'SOURCES'}),
    template: Flags.file({description: 'a CloudFormation template, JSON or YAML (e.g. cdk.out/*.template.json)', helpGroup: 'SOURCES'}),
  }

  static override summary = 'Diagnose a Benchling webhook deployment'

  public async run(): Promise<void> {
    const {flags} = await this.parse(Doctor)
    const {config} = await loadConfig(process.cwd(), flags.config)
    const target = config.target ?? {}
    const plugins = await loadPluginChecks(this.config, builtinChecks)
    const {report} = await runDoctor(
      {
        account: flags.account ?? target.account,
        bundle: flags.bundle ?? target.bundle,
        mode: (flags.mode ?? config.mode) as 'legacy' | 'secrets-only' | undefined,
        only: flags.check ?? config.checks,
        region: flags.region ?? target.region,
        secretFile: flags['secret-file'] ?? target.secretFile,
        severity: config.severity,
        skip: [...(flags.skip ?? []), ...(config.skip ?? [])],
        taskDefinition: flags['task-definition'] ?? target.taskDefinition,
        template: flags.template ?? target.template,
      },
      {checks: [...builtinChecks, ...plugins.checks], notices: plugins.problems, profile: benchlingWebhookProfile},
    )
    const format = (flags.json ? 'json' : (flags.format ?? config.format ?? 'text')) as Format
    const strict = flags.strict || config.strict === true
    this.log(renderReport(report, format, {color: wantsColor(process.stdout), strict}))
    const code = exitCodeFor(report, strict)
    if (code !== 0) this.exit(code)
  }
}
