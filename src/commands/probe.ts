import {Flags} from '@oclif/core'

import {BwopsCommand} from '../base-command.js'
import {dockerEngine} from '../docker/engine.js'
import {runProbe} from '../docker/probe.js'
import {buildProbeReport, PROBE_EXIT, renderProbeText} from '../docker/render.js'
import {buildProbeRequest} from '../docker/request.js'
import {benchlingWebhookProfile} from '../profile/benchling-webhook.js'
import {wantsColor} from '../report/text.js'

export default class Probe extends BwopsCommand {
  static override description = `Runs the image on the local Docker engine (DOCKER_HOST, or the default socket) with the environment you give, publishes its port on 127.0.0.1, waits for it to answer, GETs its health paths, and explains a crash with the same log signatures and checks as doctor. The container is always removed, Ctrl-C included.

Secret values are never printed: values of credential variables are masked wherever they appear. Exit codes: 0 healthy, 1 unhealthy or crashed, 2 could not probe (no engine, no image, bad input), 130 interrupted.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> --image quiltdata/benchling:0.5.6 --env-file .env',
    '<%= config.bin %> <%= command.id %> --image-tag 0.5.6 --env BENCHLING_TENANT=quilt-dtt --env BENCHLING_CLIENT_SECRET',
    '<%= config.bin %> <%= command.id %> --from-task-definition td.json --env-file secrets.env --timeout 120',
    '<%= config.bin %> <%= command.id %> --image my-webhook:dev --port 8080 --config --json',
  ]

  static override flags = {
    config: Flags.boolean({description: 'also GET /config (secret values in it are masked)'}),
    container: Flags.string({description: 'the task definition\'s container to take settings from (default: the profile\'s, or the only one)', dependsOn: ['from-task-definition']}),
    env: Flags.string({char: 'e', description: 'a variable for the container, NAME=value, or NAME to pass it through from this shell (repeatable)', multiple: true}),
    'env-file': Flags.file({description: 'a file of NAME=value lines for the container'}),
    'from-task-definition': Flags.file({description: 'a task definition JSON: its image, environment, port, command, user and memory'}),
    image: Flags.string({description: 'the image to run', exclusive: ['image-tag']}),
    'image-tag': Flags.string({description: 'a tag of the webhook\'s image (quiltdata/benchling:TAG)'}),
    json: Flags.boolean({description: 'print the result as JSON'}),
    memory: Flags.integer({description: 'memory limit in MiB (default: the task definition\'s)', min: 6}),
    port: Flags.integer({description: 'the container port to ask (default: task definition, PORT, EXPOSE, then 5000)', max: 65_535, min: 1}),
    'resolve-secrets': Flags.boolean({description: 'read the task definition\'s secrets from AWS and pass them to the container', dependsOn: ['from-task-definition']}),
    timeout: Flags.integer({default: 60, description: 'seconds to wait for the app to answer', min: 1}),
  }

  static override summary = 'Run the webhook image locally and check its health'

  public async run(): Promise<void> {
    const {flags} = await this.parse(Probe)
    const profile = benchlingWebhookProfile
    const request = await buildProbeRequest(
      {
        config: flags.config,
        containerName: flags.container,
        env: flags.env,
        envFile: flags['env-file'],
        image: flags.image,
        imageTag: flags['image-tag'],
        memoryMiB: flags.memory,
        port: flags.port,
        resolveSecrets: flags['resolve-secrets'],
        taskDefinitionFile: flags['from-task-definition'],
        timeoutSeconds: flags.timeout,
      },
      profile,
      flags['resolve-secrets'] ? (await import('../aws/secret-values.js')).secretsManagerResolver() : undefined,
    )
    // Ctrl-C stops waiting and removes the container before exiting 130; a second one quits at once.
    const controller = new AbortController()
    let interrupts = 0
    const onSignal = () => {
      interrupts += 1
      if (interrupts > 1) process.exit(130)
      this.logToStderr('Stopping: removing the probe container (Ctrl-C again to quit at once)')
      controller.abort()
    }

    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    let report
    try {
      const fact = await runProbe(request, {engine: dockerEngine(), profile, progress: (l) => this.logToStderr(l), signal: controller.signal})
      report = buildProbeReport(fact, profile)
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }

    this.log(flags.json ? JSON.stringify(report, null, 2) : renderProbeText(report, wantsColor(process.stdout)))
    if (report.verdict !== 'healthy') this.exit(PROBE_EXIT.unhealthy)
  }
}
