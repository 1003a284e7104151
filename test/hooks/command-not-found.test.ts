import {spawnSync} from 'node:child_process'
import {describe, expect, it} from 'vitest'

import {suggestCommand} from '../../src/hooks/command-not-found.js'

// The conventions an operator brings from gh, git and kubectl: did-you-mean on a mistyped
// command, -h for help, and a bad flag answered in two lines, not the whole help. Run as a real
// process against the built CLI, without a terminal, as CI would.

const COMMANDS = ['bundle', 'checks', 'deploy', 'doctor', 'logs', 'plugins', 'plugins:install', 'probe', 'status']

const bwops = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/run.js', ...args], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}, input: ''})
  return {code: r.status, stderr: r.stderr, stdout: r.stdout}
}

describe('suggestCommand', () => {
  it.each([
    ['docter', 'doctor'],
    ['stauts', 'status'],
    ['log', 'logs'],
    ['deplyo', 'deploy'],
    ['plugin', 'plugins'],
    ['chekcs', 'checks'],
    ['xyz', undefined],
    ['kubectl', undefined],
  ])('%s -> %s', (typed, expected) => {
    expect(suggestCommand(typed, COMMANDS)).toBe(expected)
  })
})

describe('command line conventions, as a real process', () => {
  it('a mistyped command: did you mean, on stderr, exit 2, nothing on stdout', () => {
    const r = bwops('docter')
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('"docter" is not a bwops command. Did you mean "doctor"?')
    expect(r.stderr).toContain('Run bwops --help for the list of commands.')
  })

  it('an unknown command with nothing close: no guess', () => {
    const r = bwops('frobnicate')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('"frobnicate" is not a bwops command.\n')
    expect(r.stderr).not.toContain('Did you mean')
  })

  it('-h is help, like --help', () => {
    const short = bwops('doctor', '-h')
    const long = bwops('doctor', '--help')
    expect(short.code).toBe(0)
    expect(short.stdout).toContain('USAGE\n  $ bwops doctor')
    expect(short.stdout).toBe(long.stdout)
  })

  it('a bad flag: what is wrong and a pointer to --help, not the whole help', () => {
    const r = bwops('doctor', '--bogus')
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('Nonexistent flag: --bogus')
    expect(r.stderr).toContain('Run bwops doctor --help for its flags and examples.')
    expect(r.stderr).not.toContain('USAGE')
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(3)
  })

  it('a value outside a flag\'s options: the options, and the pointer', () => {
    const r = bwops('doctor', '--format', 'nope')
    expect(r.code).toBe(2)
    expect(r.stderr.replace(/\s*\n\s*›\s*/g, ' ')).toContain('Expected --format=nope to be one of: text, json, junit, markdown, github')
    expect(r.stderr).toContain('Run bwops doctor --help')
    expect(r.stderr).not.toContain('USAGE')
  })
})
