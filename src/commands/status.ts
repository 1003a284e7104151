import {Flags} from '@oclif/core'

import {BwopsCommand} from '../base-command.js'
import {withConfigTarget} from '../config/target.js'
import {benchlingWebhookProfile} from '../profile/benchling-webhook.js'
import {wantsColor} from '../report/text.js'
import {callsSoFar} from '../progress/progress.js'
import {liveFlags, liveWhat} from '../services/live-flags.js'
import {openStatus, runStatusWatch} from '../services/status.js'
import {statusScreen} from '../services/status/screen.js'

export default class Status extends BwopsCommand {
  static override description = `Shows the deployment at a glance: the stack's status; the service's desired, running and pending tasks; each deployment with its rollout state, task definition revision and age; the load balancer's targets and why any is unhealthy; the endpoint, mode and image; the last service and stack events (redacted).

--watch redraws in place on a terminal every --interval seconds, and appends snapshots otherwise (CI, a pipe); Ctrl-C stops it. Exit code 0 whatever the state; 2 when the deployment cannot be found or AWS cannot be reached.`

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --watch --interval 10',
    '<%= config.bin %> <%= command.id %> --stack-name BenchlingWebhookStack --region us-east-1 --profile prod --json',
    '<%= config.bin %> <%= command.id %> --cluster benchling-webhook-cluster --service benchling-webhook-service',
  ]

  static override flags = {
    ...liveFlags,
    interval: Flags.integer({description: 'seconds between refreshes with --watch', default: 5, min: 1}),
    json: Flags.boolean({description: 'print the status as JSON (one object per line with --watch)'}),
    'max-refreshes': Flags.integer({description: 'stop --watch after this many refreshes', hidden: true, min: 1}),
    watch: Flags.boolean({char: 'w', description: 'refresh every --interval seconds until Ctrl-C'}),
  }

  static override summary = 'Show a live deployment at a glance'

  public async run(): Promise<void> {
    const {flags} = await withConfigTarget((await this.parse(Status)).flags)
    const deps = {profile: benchlingWebhookProfile}
    const show = statusScreen(process.stdout, {color: wantsColor(process.stdout), intervalSeconds: flags.interval, json: flags.json, watch: flags.watch})
    if (!flags.watch) {
      const progress = this.progress(flags.progress)
      const what = liveWhat(flags, benchlingWebhookProfile.names.stack)
      const session = await progress.during(`Finding ${what} in AWS`, () => openStatus(flags, deps))
      const snapshot = await progress.during(`Reading ${what} from AWS`, () => session.snapshot(), () => callsSoFar(session.ctx.counter))
      show({snapshot})
      if (flags.verbose) this.logToStderr(`AWS calls: ${session.ctx.counter.total}.`)
      return
    }

    const stop = new AbortController()
    const onSigint = () => stop.abort()
    process.once('SIGINT', onSigint)
    try {
      const session = await runStatusWatch(flags, deps, {
        intervalSeconds: flags.interval,
        onUpdate: show,
        signal: stop.signal,
        ...(flags['max-refreshes'] ? {maxRefreshes: flags['max-refreshes']} : {}),
      })
      if (flags.verbose) this.logToStderr(`AWS calls: ${session.ctx.counter.total}.`)
    } finally {
      process.removeListener('SIGINT', onSigint)
    }
  }
}
