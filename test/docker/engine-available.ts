import {execFile} from 'node:child_process'
import {promisify} from 'node:util'
import Docker from 'dockerode'

// The probe's tests need a real engine and the fixture images. On a machine without an engine
// they skip with a reason shown in the run; with BWOPS_REQUIRE_DOCKER=1 (set by CI) a missing
// engine fails the run instead, so CI can never pass by skipping them.

export interface EngineStatus {
  ok: boolean
  reason?: string
}

export const FIXTURES = ['sound', 'crash', 'wrong-port', 'slow', 'oom'] as const

export async function engineForTests(): Promise<EngineStatus> {
  const status = await check()
  if (!status.ok && process.env.BWOPS_REQUIRE_DOCKER === '1') {
    throw new Error(`BWOPS_REQUIRE_DOCKER=1 but the Docker tests cannot run: ${status.reason}. Run scripts/ci-docker.sh first.`)
  }

  if (!status.ok) console.warn(`[test/docker] skipping the real-engine probe tests: ${status.reason}`)
  return status
}

async function check(): Promise<EngineStatus> {
  const docker = new Docker()
  try {
    await docker.ping()
  } catch (error) {
    return {ok: false, reason: `no Docker engine answers (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); run scripts/ci-docker.sh`}
  }

  // building is idempotent and quick when the images are current
  try {
    await promisify(execFile)('bash', ['scripts/ci-docker.sh', '--images-only'], {timeout: 120_000})
  } catch (error) {
    return {ok: false, reason: `the fixture images could not be built: ${((error as {stderr?: string}).stderr ?? (error as Error).message).trim()}`}
  }

  return {ok: true}
}
