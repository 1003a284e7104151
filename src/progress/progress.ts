// Feedback while a command waits on AWS or Docker, on stderr so stdout keeps only data. On a
// terminal: one spinner line naming what it waits for, rewritten in place and cleared when done.
// On a pipe or in CI: nothing, unless asked (--progress), and then plain lines, one per wait.

export interface ProgressStream {
  write(text: string): unknown
  isTTY?: boolean
}

export type ProgressMode = 'spinner' | 'lines' | 'off'

/** --progress forces it on (`true`) or off (`false`); unset, a terminal outside CI gets a spinner. */
export function progressMode(stream: ProgressStream, asked: boolean | undefined, env: NodeJS.ProcessEnv = process.env): ProgressMode {
  const terminal = Boolean(stream.isTTY) && env.TERM !== 'dumb'
  if (asked === false) return 'off'
  if (asked === true) return terminal ? 'spinner' : 'lines'
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0'
  return terminal && !ci ? 'spinner' : 'off'
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

export interface Progress {
  /** runs `task` while showing `label`; `detail` adds what is known as it goes (the AWS calls made) */
  during<T>(label: string, task: () => Promise<T>, detail?: () => string | undefined): Promise<T>
  /** a line of its own (a probe's step), printed above the spinner */
  line(text: string): void
  /** ends the spinner now, before data is printed on the same terminal (the first log line) */
  stop(): void
}

export function createProgress(stream: ProgressStream, mode: ProgressMode, options: {intervalMs?: number; columns?: number} = {}): Progress {
  const columns = Math.max(20, (options.columns ?? (stream as {columns?: number}).columns ?? 80) - 1)
  let current: {label: string; detail?: () => string | undefined; started: number; frame: number} | undefined
  let timer: NodeJS.Timeout | undefined
  const draw = () => {
    if (!current) return
    const seconds = ((performance.now() - current.started) / 1000).toFixed(0)
    const extra = current.detail?.()
    const text = `${FRAMES[current.frame++ % FRAMES.length]} ${current.label}${extra ? ` (${extra})` : ''} ${seconds}s`
    stream.write(`\r\u001B[2K${text.slice(0, columns)}`)
  }
  const clear = () => {
    if (current) stream.write('\r\u001B[2K')
  }

  return {
    async during(label, task, detail) {
      if (mode === 'off') return task()
      if (mode === 'lines') {
        stream.write(`… ${label}\n`)
        return task()
      }
      current = {detail, frame: 0, label, started: performance.now()}
      draw()
      timer = setInterval(draw, options.intervalMs ?? 100)
      timer.unref()
      try {
        return await task()
      } finally {
        this.stop()
      }
    },
    stop() {
      clearInterval(timer)
      clear()
      current = undefined
    },
    line(text) {
      if (mode === 'spinner') clear()
      stream.write(`${text}\n`)
      if (mode === 'spinner') draw()
    },
  }
}

/** What the spinner says of the AWS calls so far: their number and the last one answered. */
export function callsSoFar(counter: {records: {action: string}[]} | undefined): string | undefined {
  const n = counter?.records.length ?? 0
  if (!counter || n === 0) return undefined
  return `${n} AWS call${n === 1 ? '' : 's'}, last ${counter.records[n - 1]!.action}`
}
