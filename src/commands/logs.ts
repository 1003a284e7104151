import {Flags} from '@oclif/core'

import {BwopsCommand} from '../base-command.js'
import {withConfigTarget} from '../config/target.js'
import {benchlingWebhookProfile} from '../profile/benchling-webhook.js'
import {wantsColor} from '../report/text.js'
import {liveFlags, liveWhat} from '../services/live-flags.js'
import {runLogs} from '../services/logs.js'
import {logsPrinter} from '../services/logs/render.js'

export default class Logs extends BwopsCommand {
  static override description = `Prints the webhook's container logs from CloudWatch Logs (the log group of its task definition, or the stack's EcsLogGroup output), redacted: anything shaped like a password, token or key is masked.

--previous shows the tasks that stopped last, which is what explains a failed deploy; --errors keeps only the lines \`bwops doctor\` recognises as known failures, with the lines around them and what to do. Exit code 0; 2 when the log group is missing, --since is not a time, or --task names no task.`

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --since 1h --errors',
    '<%= config.bin %> <%= command.id %> --previous',
    '<%= config.bin %> <%= command.id %> --follow --filter ERROR',
    '<%= config.bin %> <%= command.id %> --task 3f2a9c1e --since 2025-11-20T10:00:00Z',
    '<%= config.bin %> <%= command.id %> --since 30m --json | jq -r .message',
  ]

  static override flags = {
    ...liveFlags,
    errors: Flags.boolean({description: 'only lines matching a known failure signature, with a few lines of context'}),
    filter: Flags.string({description: 'a CloudWatch Logs filter pattern, e.g. ERROR or "?Traceback ?Exception"'}),
    follow: Flags.boolean({char: 'f', description: 'keep printing new lines as they arrive, until Ctrl-C', exclusive: ['previous']}),
    json: Flags.boolean({description: 'one JSON object per line: timestamp, taskId, container, message'}),
    'max-polls': Flags.integer({dependsOn: ['follow'], description: 'stop --follow after this many polls', hidden: true, min: 1}),
    previous: Flags.boolean({description: 'the logs of the tasks that stopped last (after a failed deploy)', exclusive: ['follow', 'task']}),
    since: Flags.string({description: 'how far back: a duration (30s, 10m, 2h, 1d) or an ISO time; default 10m, or the stopped tasks\' last 10 minutes with --previous'}),
    task: Flags.string({description: 'only this task\'s logs: its id, a unique start of it, or its ARN', exclusive: ['previous']}),
  }

  static override summary = 'Print the webhook\'s container logs'

  public async run(): Promise<void> {
    const {flags} = await withConfigTarget((await this.parse(Logs)).flags)
    const stop = new AbortController()
    const onSigint = () => stop.abort()
    // `bwops logs | head` closes the pipe: stop reading instead of crashing on EPIPE
    const onPipeError = (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error
      stop.abort()
    }

    if (flags.follow) process.once('SIGINT', onSigint)
    process.stdout.on('error', onPipeError)
    try {
      // the spinner runs until the first line is printed: --follow then waits in silence, as tail -f does
      const progress = this.progress(flags.progress)
      const print = logsPrinter(process.stdout, process.stderr, {color: wantsColor(process.stdout), json: flags.json, mainContainer: benchlingWebhookProfile.names.container})
      const emit: typeof print = (...args) => {
        progress.stop()
        return print(...args)
      }
      const result = await progress.during(`Reading the logs of ${liveWhat(flags, benchlingWebhookProfile.names.stack)} from AWS`, () =>
        runLogs({...flags, maxPolls: flags['max-polls']}, {emit, profile: benchlingWebhookProfile, signal: stop.signal}),
      )
      if (flags.verbose) this.logToStderr(`Read ${result.events} lines from ${result.group}; AWS calls: ${result.ctx.counter.total}.`)
    } finally {
      process.removeListener('SIGINT', onSigint)
      process.stdout.removeListener('error', onPipeError)
    }
  }
}
