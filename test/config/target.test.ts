import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {withConfigTarget} from '../../src/config/target.js'
import {bwops} from '../helpers.js'

// .bwops.json (or --config) names the deployment for every command that takes a target, and a flag
// wins over it. The AWS endpoint is a closed loopback port: the region the message names shows
// which target the command meant to reach, and nothing leaves the machine.

const dir = mkdtempSync(join(tmpdir(), 'bwops-config-'))
const config = join(dir, 'team.json')
writeFileSync(config, JSON.stringify({target: {cluster: 'cfg-cluster', region: 'eu-west-3', service: 'cfg-service', stackName: 'CfgStack'}}))
let saved: NodeJS.ProcessEnv

beforeEach(() => {
  saved = {...process.env}
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k]
  Object.assign(process.env, {AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1', AWS_SECRET_ACCESS_KEY: 'fake'})
})
afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k]
  Object.assign(process.env, saved)
})

describe('the config names the target of every command', () => {
  it.each([
    ['status', []],
    ['logs', []],
    ['bundle', ['--out', join(dir, 'never-written.json')]],
    ['doctor', []],
    ['deploy', ['--quilt-stack-arn', 'arn:aws:cloudformation:eu-west-3:123456789012:stack/quilt/abc', '--benchling-secret', 'benchling-webhook', '--dry-run']],
  ])('%s --config: the config\'s region, unless --region says otherwise', async (command, extra) => {
    const fromConfig = await bwops([command, '--config', config, ...extra])
    expect(fromConfig.exitCode).toBe(2)
    expect(fromConfig.stderr).toMatch(/bwops could not (call AWS in|deploy to) eu-west-3/)
    const fromFlag = await bwops([command, '--config', config, '--region', 'eu-north-1', ...extra])
    expect(fromFlag.stderr).toMatch(/bwops could not (call AWS in|deploy to) eu-north-1/)
  })
})

describe('withConfigTarget', () => {
  it('reads .bwops.json of the working directory; flags win, the rest is filled in', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'bwops-repo-'))
    writeFileSync(join(repo, '.bwops.json'), JSON.stringify({mode: 'legacy', target: {profile: 'ops', region: 'ap-south-1', stackName: 'Team'}}))
    const {config, flags} = await withConfigTarget({region: 'us-east-2'}, repo)
    expect(flags).toEqual({profile: 'ops', region: 'us-east-2', 'stack-name': 'Team'})
    expect(config.mode).toBe('legacy')
  })

  it('without a config, the flags as given', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'bwops-empty-'))
    expect((await withConfigTarget({cluster: 'c'}, empty)).flags).toEqual({cluster: 'c'})
  })
})
