import {type ChildProcess, spawn} from 'node:child_process'
import {createServer} from 'node:net'

// A moto server (the AWS emulator, `python3 -m moto.server`) for one test file, on a free loopback
// port. Each file starts its own, so files run in parallel without sharing state; inside a file
// each test deploys into its own region, so tests do not see each other's stacks.
//
// On a machine without moto the integration tests skip with a reason shown in the run; with
// BWOPS_REQUIRE_MOTO=1 (set by .ci/run) a missing moto fails the run instead, so CI cannot pass
// by skipping them.

export interface MotoStatus {
  ok: boolean
  /** http://127.0.0.1:PORT when ok */
  endpoint: string
  reason?: string
  stop(): Promise<void>
}

const PYTHON = process.env.BWOPS_MOTO_PYTHON ?? 'python3'
const READY_MS = 60_000

export async function motoForTests(): Promise<MotoStatus> {
  const status = await start()
  if (!status.ok && process.env.BWOPS_REQUIRE_MOTO === '1') {
    throw new Error(`BWOPS_REQUIRE_MOTO=1 but the moto integration tests cannot run: ${status.reason}. Install it with: pip install 'moto[server]==5.2.1'`)
  }

  if (!status.ok) console.warn(`[test/moto] skipping the moto integration tests: ${status.reason}`)
  return status
}

async function start(): Promise<MotoStatus> {
  // a port found free can be taken before moto binds it: try again on another
  let last = ''
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort()
    const child = spawn(PYTHON, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {stdio: ['ignore', 'ignore', 'pipe']})
    const endpoint = `http://127.0.0.1:${port}`
    const ready = await waitReady(child, endpoint)
    if (ready.ok) return {endpoint, ok: true, stop: () => stop(child)}
    await stop(child)
    last = ready.reason
    if (!/address already in use/i.test(last)) break
  }

  return {endpoint: '', ok: false, reason: last, stop: async () => {}}
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Ready when moto's own API answers; not ready when the process ends first (no python, no moto). */
async function waitReady(child: ChildProcess, endpoint: string): Promise<{ok: true} | {ok: false; reason: string}> {
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000)
  })
  let ended: string | undefined
  child.once('error', (error: NodeJS.ErrnoException) => {
    ended = error.code === 'ENOENT' ? `${PYTHON} is not installed` : error.message
  })
  child.once('exit', (code, signal) => {
    ended ??= /No module named/.test(stderr) ? `${PYTHON} has no moto module (${lastLine(stderr)})` : `moto exited (${signal ?? code}): ${lastLine(stderr)}`
  })
  // a test run that dies must not leave a server behind
  process.once('exit', () => child.kill('SIGKILL'))
  const deadline = Date.now() + READY_MS
  while (Date.now() < deadline) {
    if (ended) return {ok: false, reason: ended}
    try {
      const answer = await fetch(`${endpoint}/moto-api/data.json`, {signal: AbortSignal.timeout(2000)})
      if (answer.ok) return {ok: true}
    } catch {
      // not listening yet
    }

    await new Promise((resolve) => setTimeout(resolve, 150))
  }

  return {ok: false, reason: `moto did not answer on ${endpoint} within ${READY_MS / 1000} s`}
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
  await exited
  clearTimeout(timer)
}

const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? 'no output'
