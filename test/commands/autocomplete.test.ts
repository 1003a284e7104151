import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {ROOT} from '../helpers.js'

// Shell completion as gh and kubectl give it (@oclif/plugin-autocomplete): `bwops autocomplete bash`
// prints the setup, and the bash function it installs completes commands and flags. Run as a real
// process with its own cache dir, then in a real bash.

const cache = mkdtempSync(join(tmpdir(), 'bwops-ac-'))
afterAll(() => rmSync(cache, {force: true, recursive: true}))

const bwops = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/run.js', ...args], {cwd: ROOT, encoding: 'utf8', env: {...process.env, NO_COLOR: '1', XDG_CACHE_HOME: cache}, input: ''})
  return {code: r.status, stderr: r.stderr, stdout: r.stdout}
}

/** What bash's completion offers after the words typed, through the function bwops installed. */
function complete(words: string[]): string[] {
  const script = [
    `source ${JSON.stringify(join(cache, 'bwops/autocomplete/functions/bash/bwops.bash'))}`,
    `COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    `COMP_LINE=${JSON.stringify(words.join(' '))}`,
    '_bwops_autocomplete',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n')
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], {encoding: 'utf8'})
  expect(r.stderr).toBe('')
  return r.stdout.split('\n').filter(Boolean)
}

describe('bwops autocomplete', () => {
  it('prints the bash setup and builds the completion functions', () => {
    const r = bwops('autocomplete', 'bash')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Setup Instructions for BWOPS CLI Autocomplete')
    expect(r.stdout).toContain('printf "$(bwops autocomplete script bash)" >> ~/.bashrc')
  })

  it('prints the line a shell profile sources', () => {
    const r = bwops('autocomplete', 'script', 'bash')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`BWOPS_AC_BASH_SETUP_PATH=${join(cache, 'bwops/autocomplete/bash_setup')}`)
  })

  it('completes a command and its flags in bash', () => {
    bwops('autocomplete', '--refresh-cache')
    expect(complete(['bwops', 'doc'])).toEqual(['doctor'])
    expect(complete(['bwops', 'doctor', '--for'])).toEqual(['--format'])
    expect(complete(['bwops', 'logs', '--fo'])).toEqual(['--follow'])
  })
})
