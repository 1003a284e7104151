import {Chalk} from 'chalk'

import type {LogLine, LogsOutput} from './model.js'

// How `bwops logs` prints: text lines (time, task, message), or --json as JSON lines, one object
// per log line: {timestamp, taskId, container, message} (plus `match` with --errors). Notes go to
// stderr with --json so stdout stays parseable.

export interface Printer {
  write(text: string): unknown
}

export interface PrintOptions {
  json: boolean
  color: boolean
  /** the container whose name goes unsaid (the webhook's); others are named on each line */
  mainContainer: string
}

/** The first 8 characters of a task id: enough to tell tasks apart, and accepted by --task. */
export const shortTask = (taskId: string) => taskId.slice(0, 8)

export function jsonLine(line: LogLine): string {
  return JSON.stringify({
    container: line.container,
    message: line.message,
    taskId: line.taskId,
    timestamp: new Date(line.timestamp).toISOString(),
    ...(line.match ? {match: line.match} : {}),
  })
}

export function textLine(line: LogLine, options: PrintOptions, c = new Chalk({level: options.color ? 1 : 0})): string {
  const who = line.container && line.container !== options.mainContainer ? `${shortTask(line.taskId)}/${line.container}` : shortTask(line.taskId)
  const mark = line.match ? c.red('>') : ' '
  const message = line.match ? c.bold(line.message) : line.message
  return `${c.dim(new Date(line.timestamp).toISOString())} ${c.cyan(who)} ${mark} ${message}`
}

export function logsPrinter(out: Printer, err: Printer, options: PrintOptions): (item: LogsOutput) => void {
  const c = new Chalk({level: options.color ? 1 : 0})
  return (item) => {
    if (item.kind === 'note') {
      ;(options.json ? err : out).write(`${options.json ? item.text : c.dim(item.text)}\n`)
      return
    }

    if (options.json) {
      for (const line of item.lines) out.write(`${jsonLine(line)}\n`)
      return
    }

    if (item.kind === 'error-block') {
      out.write('\n')
      for (const m of item.matches) out.write(`${c.red('✖')} ${c.bold(m.title)} ${c.dim(`(${m.id})`)}\n  ${m.cause}\n  ${c.dim('Fix:')} ${m.fix}\n`)
    }

    for (const line of item.lines) out.write(`${textLine(line, options, c)}\n`)
  }
}
