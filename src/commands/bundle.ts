import {Flags} from '@oclif/core'

import {BwopsCommand} from '../base-command.js'
import {builtinChecks} from '../checks/index.js'
import {withConfigTarget} from '../config/target.js'
import {benchlingWebhookProfile} from '../profile/benchling-webhook.js'
import {recordBundle} from '../services/bundle.js'
import {liveFlags, liveWhat} from '../services/live-flags.js'

export default class Bundle extends BwopsCommand {
  static override description = `Reads a live deployment the way \`bwops doctor\` does and records every fact in a bundle file, so the diagnosis can be repeated, or handed to a colleague, without AWS access.

The bundle is redacted: the Benchling secret is recorded as key names and shapes only, credential-shaped environment values are replaced (their names stay), and log lines, events and reasons are masked where they look like a password, token or key. Run \`bwops doctor --bundle FILE\` on it.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> --out webhook.bundle.json',
    '<%= config.bin %> <%= command.id %> --out webhook.bundle.json --stack-name BenchlingWebhookStack --region us-east-1 --profile prod',
    '<%= config.bin %> <%= command.id %> --out webhook.bundle.json --cluster benchling-webhook-cluster --service benchling-webhook-service',
  ]

  static override flags = {
    ...liveFlags,
    mode: Flags.string({description: 'configuration mode; inferred from the environment when not given', options: ['legacy', 'secrets-only']}),
    out: Flags.string({char: 'o', description: 'the bundle file to write (JSON)', required: true}),
  }

  static override summary = 'Record a redacted bundle of a live deployment'

  public async run(): Promise<void> {
    const {config, flags} = await withConfigTarget((await this.parse(Bundle)).flags)
    const result = await this.progress(flags.progress).during(`Recording ${liveWhat(flags, benchlingWebhookProfile.names.stack)} from AWS`, () =>
      recordBundle(
        {...flags, mode: (flags.mode ?? config.mode) as 'legacy' | 'secrets-only' | undefined},
        {checks: builtinChecks, createdBy: `bwops ${this.config.version}`, profile: benchlingWebhookProfile},
      ),
    )
    // the data is the file; what is said of it goes to stderr, as every command's messages do
    const target = result.bundle.target ?? {}
    this.logToStderr(`Recorded ${result.recorded} facts of ${String(target.cluster)}/${String(target.service)} (${String(target.region)}) in ${flags.out}, redacted.`)
    if (result.unavailable.length > 0) {
      this.logToStderr(`Not available: ${result.unavailable.join(', ')} (the bundle says why).`)
    }

    this.logToStderr(`AWS calls: ${result.calls.total}.`)
    if (flags.verbose) {
      for (const [operation, count] of Object.entries(result.calls.summary().byOperation)) this.logToStderr(`  ${operation} ${count}`)
    }

    this.logToStderr(`Next: bwops doctor --bundle ${flags.out}`)
  }
}
