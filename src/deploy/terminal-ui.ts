import {createInterface} from 'node:readline/promises'

import {progressLine, statusLine} from './render.js'
import type {DeployUi} from './ui.js'

interface Out {
  write(text: string): unknown
  isTTY?: boolean
}

/**
 * On a terminal: progress lines with a live status line under them, rewritten each poll.
 * Elsewhere (CI, a pipe): plain lines, each with an ISO timestamp, and no prompt.
 */
export function terminalUi(stdout: Out, stdin: NodeJS.ReadableStream & {isTTY?: boolean}): DeployUi {
  const tty = Boolean(stdout.isTTY) && process.env.TERM !== 'dumb'
  let status = ''
  const clear = () => {
    if (tty && status) stdout.write('\r\u001B[2K')
  }

  const print = (text: string) => {
    clear()
    stdout.write(`${text}\n`)
    if (tty && status) stdout.write(status)
  }

  return {
    async confirm(question) {
      clear()
      status = ''
      const rl = createInterface({input: stdin, output: stdout as NodeJS.WritableStream})
      try {
        const answer = await rl.question(`${question} [y/N] `)
        return /^y(es)?$/i.test(answer.trim())
      } finally {
        rl.close()
      }
    },
    interactive: tty && Boolean(stdin.isTTY),
    line: print,
    poll(state, now) {
      if (!tty) return
      clear()
      status = `⋯ ${statusLine(state, now)}`.slice(0, 200)
      stdout.write(status)
    },
    progress(p) {
      print(progressLine(p, !tty))
    },
  }
}

/** Ends the live status line so what follows starts on a clean line. */
export function endStatus(stdout: Out): void {
  if (stdout.isTTY) stdout.write('\r\u001B[2K')
}
