import {Flags} from '@oclif/core'

import {AwsCallError, awsUserError} from '../aws/errors.js'
import {BwopsCommand} from '../base-command.js'
import {builtinChecks} from '../checks/index.js'
import {withConfigTarget} from '../config/target.js'
import {sdkDeployClients} from '../deploy/aws/index.js'
import {runDeploy} from '../deploy/deploy.js'
import {readEnvFile, withEnvFile} from '../deploy/env-file.js'
import {deployFlags, readClientSecret} from '../deploy/flags.js'
import type {DeployOptions} from '../deploy/options.js'
import {checkDeployInput} from '../deploy/validate-input.js'
import {endStatus, terminalUi} from '../deploy/terminal-ui.js'
import {systemClock} from '../deploy/watch.js'
import type {Mode} from '../facts/types.js'
import {benchlingWebhookProfile} from '../profile/benchling-webhook.js'

export default class Deploy extends BwopsCommand {
  static override description = `Puts the Benchling webhook up on ECS Fargate in legacy or secrets-only mode, from one CloudFormation template.

Checks first (the secret, the Quilt stack, the image, and the doctor's checks on the planned stack), shows the change set and asks before executing, then watches the rollout and stops at the first task that fails for a known cause, with the diagnosis. After success it asks the endpoint's /health. With --json the result (status, outcome, diagnosis, verification; never a secret value) is printed as JSON on stdout and the progress goes to stderr. Exit codes: 0 deployed (or nothing to do), 1 preflight errors or a failed, timed-out or unanswering deployment, 2 bwops could not do its job, 130 interrupted (the deployment goes on).`

  static override examples = [
    '<%= config.bin %> <%= command.id %> --quilt-stack-arn arn:aws:cloudformation:us-east-1:123456789012:stack/quilt/abc --benchling-secret benchling-webhook --image-tag 0.5.6',
    '<%= config.bin %> <%= command.id %> --env-file .env --client-secret-file client-secret.txt --yes',
    'pass show benchling | <%= config.bin %> <%= command.id %> --mode legacy --env-file .env --client-secret-stdin',
    '<%= config.bin %> <%= command.id %> --quilt-stack-arn arn:... --benchling-secret benchling-webhook --dry-run',
    '<%= config.bin %> <%= command.id %> --quilt-stack-arn arn:... --benchling-secret benchling-webhook --yes --json > deploy-result.json',
  ]

  static override flags = {
    ...deployFlags(benchlingWebhookProfile),
    json: Flags.boolean({description: 'print the result (status, outcome, diagnosis, verification) as JSON on stdout; progress and prompts go to stderr'}),
  }

  static override summary = 'Deploy the Benchling webhook, watch it roll out, and verify it answers'

  public async run(): Promise<void> {
    // the config's target names the stack, region and profile where flags do not
    const {config, flags} = await withConfigTarget((await this.parse(Deploy)).flags)
    const profile = benchlingWebhookProfile
    let options: DeployOptions = {
      benchlingSecret: flags['benchling-secret'],
      clientSecret: await readClientSecret(flags, process.stdin),
      desiredCount: flags['desired-count'],
      dryRun: flags['dry-run'],
      enableWebhookVerification: flags['enable-webhook-verification'],
      endpointUrl: flags['endpoint-url'],
      force: flags.force,
      image: flags.image,
      imageTag: flags['image-tag'],
      legacy: {
        appId: flags['app-id'],
        bucket: flags.bucket,
        catalog: flags.catalog,
        clientId: flags['client-id'],
        database: flags.database,
        pkgKey: flags['pkg-key'],
        pkgPrefix: flags['pkg-prefix'],
        queueArn: flags['queue-arn'],
        tenant: flags.tenant,
      },
      logLevel: flags['log-level'],
      mode: (flags.mode ?? config.mode) as Mode | undefined,
      pollSeconds: flags['poll-interval'],
      profile: flags.profile,
      quiltStackArn: flags['quilt-stack-arn'],
      region: flags.region,
      stackName: flags['stack-name'] ?? profile.names.stack,
      subnetIds: flags['subnet-ids']?.split(',').map((s) => s.trim()).filter(Boolean),
      timeoutSeconds: flags.timeout,
      vpcId: flags['vpc-id'],
      yes: flags.yes,
    }
    if (flags['env-file']) {
      const env = await readEnvFile(flags['env-file'])
      if (env.ignored.length > 0) this.logToStderr(`note: ${flags['env-file']}: not used by deploy: ${env.ignored.join(', ')}`)
      options = withEnvFile(options, env)
    }

    // malformed ARNs and ids are refused before the AWS clients (and their region) are set up
    checkDeployInput(options, profile)
    // with --json, stdout holds only the result: the progress, the change set and the prompt go to stderr
    const out = flags.json ? process.stderr : process.stdout
    const controller = new AbortController()
    const onInterrupt = () => controller.abort()
    process.once('SIGINT', onInterrupt)
    try {
      const result = await runDeploy(options, {
        checks: builtinChecks,
        clients: await sdkDeployClients({endpointUrl: options.endpointUrl, profile: options.profile, region: options.region}),
        clock: systemClock,
        profile,
        signal: controller.signal,
        ui: terminalUi(out, process.stdin),
      })
      endStatus(out)
      // the result holds no secret value: the client secret stays in the plan, log lines, events and bodies are redacted
      if (flags.json) this.log(JSON.stringify(result, null, 2))
      if (result.exitCode !== 0) this.exit(result.exitCode)
    } catch (error) {
      // a call deploy cannot go on without: said as what to grant or fix, exit 2
      throw error instanceof AwsCallError ? awsUserError(error, options.region ? `deploy to ${options.region}` : 'deploy') : error
    } finally {
      process.removeListener('SIGINT', onInterrupt)
    }
  }
}
