import {spawnSync} from 'node:child_process'
import {describe, expect, it} from 'vitest'

import {ROOT} from '../helpers.js'

// Progress goes to stderr, and only where a person watches: on a pipe or in CI nothing, unless
// --progress asks (then a line per wait). The AWS endpoint is a closed loopback port, so each run
// ends at once with exit 2; what it said while waiting is what is checked. (The spinner on a
// terminal is tested on a fake stream in test/progress/progress.test.ts.)

function bwopsProcess(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['bin/run.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {...process.env, AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1', AWS_SECRET_ACCESS_KEY: 'fake', CI: '', NO_COLOR: '1', ...env},
  })
}

describe('progress on stderr', () => {
  it.each([
    ['status', ['status', '--cluster', 'c', '--service', 's', '--region', 'us-east-1'], '… Finding service c/s in AWS'],
    ['doctor', ['doctor', '--cluster', 'c', '--service', 's', '--region', 'us-east-1'], '… Finding service c/s in AWS'],
    ['logs', ['logs', '--cluster', 'c', '--service', 's', '--region', 'us-east-1'], '… Reading the logs of service c/s from AWS'],
    ['bundle', ['bundle', '--out', '/tmp/bwops-progress-never-written.json', '--cluster', 'c', '--service', 's', '--region', 'us-east-1'], '… Recording service c/s from AWS'],
  ])('%s: nothing on a pipe; a line per wait with --progress; never on stdout', (_name, args, line) => {
    const quiet = bwopsProcess(args)
    expect(quiet.status).toBe(2)
    expect(quiet.stderr).not.toContain('…')
    expect(quiet.stdout).toBe('')
    const asked = bwopsProcess([...args, '--progress'])
    expect(asked.stderr).toContain(line)
    expect(asked.stdout).toBe('')
    // and in CI, as on a pipe
    expect(bwopsProcess(args, {CI: 'true'}).stderr).not.toContain('…')
  })
})
