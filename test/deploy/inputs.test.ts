import {inspect} from 'node:util'

import {describe, expect, it} from 'vitest'

import Deploy from '../../src/commands/deploy.js'
import {parseEnvFile, withEnvFile} from '../../src/deploy/env-file.js'
import {chooseImage} from '../../src/deploy/image.js'
import {chooseMode} from '../../src/deploy/mode.js'
import {type DeployOptions, SecretValue} from '../../src/deploy/options.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const base: DeployOptions = {dryRun: false, force: false, legacy: {}, pollSeconds: 5, stackName: 'S', timeoutSeconds: 600, yes: false}

describe('choosing the mode', () => {
  it.each<[string, Partial<DeployOptions>, string]>([
    ['secrets-only flags', {quiltStackArn: 'arn', benchlingSecret: 's'}, 'secrets-only'],
    ['legacy flags', {legacy: {catalog: 'c', tenant: 't'}}, 'legacy'],
    ['a client secret alone', {clientSecret: {id: 'x', kind: 'reference'}}, 'legacy'],
    ['--mode', {mode: 'legacy'}, 'legacy'],
  ])('from %s', (_name, extra, mode) => {
    expect(chooseMode({...base, ...extra}).mode).toBe(mode)
  })

  it.each<[string, Partial<DeployOptions>, RegExp]>([
    ['both modes (an env file beside secrets-only flags)', {legacy: {catalog: 'c'}, quiltStackArn: 'arn'}, /Both modes/],
    ['--mode contradicting the flags', {benchlingSecret: 's', mode: 'legacy'}, /belong to the other mode/],
    ['nothing', {}, /could not be told/],
  ])('refuses %s', (_name, extra, message) => {
    expect(() => chooseMode({...base, ...extra})).toThrow(message)
  })
})

describe('the env file', () => {
  it('gives the legacy values and keeps the client secret out of them', () => {
    const env = parseEnvFile('# comment\nexport QUILT_CATALOG=nightly.quilttest.com\nBENCHLING_TENANT="quilt-dtt"\nPACKAGE_PREFIX=pre # note\nBENCHLING_CLIENT_SECRET=s3cr3t\nENABLE_WEBHOOK_VERIFICATION=false\nFOO=1\n', '.env')
    expect(env.legacy).toEqual({catalog: 'nightly.quilttest.com', pkgPrefix: 'pre', tenant: 'quilt-dtt'})
    expect(env.enableWebhookVerification).toBe(false)
    expect(env.ignored).toEqual(['FOO'])
    expect(env.clientSecret?.reveal()).toBe('s3cr3t')
    const merged = withEnvFile({...base, legacy: {tenant: 'from-flag'}}, env)
    expect(merged.legacy.tenant).toBe('from-flag')
    expect(merged.clientSecret?.kind).toBe('value')
  })

  it('refuses a line that is not KEY=VALUE, naming the line', () => {
    expect(() => parseEnvFile('QUILT_CATALOG=x\nnot a pair\n', '.env')).toThrow('.env line 2 is not KEY=VALUE.')
  })
})

describe('a secret value', () => {
  it('never prints', () => {
    const value = new SecretValue('hunter2', 'standard input')
    expect(`${value}`).toBe('***')
    expect(JSON.stringify({value})).toBe('{"value":"***"}')
    expect(inspect(value)).not.toContain('hunter2')
  })
})

describe('the image', () => {
  it('knows a private ECR image and its repository', () => {
    expect(chooseImage({image: '712023778557.dkr.ecr.us-east-1.amazonaws.com/quiltdata/benchling:0.5.6'}, profile).ecr).toEqual({
      region: 'us-east-1',
      registryId: '712023778557',
      repository: 'quiltdata/benchling',
      repositoryArn: 'arn:aws:ecr:us-east-1:712023778557:repository/quiltdata/benchling',
      tag: '0.5.6',
    })
  })

  it('puts --image-tag on the public image', () => {
    expect(chooseImage({imageTag: '0.5.6'}, profile)).toEqual({uri: 'public.ecr.aws/quiltdata/benchling:0.5.6'})
  })
})

describe('the flags', () => {
  it.each([
    [['--catalog', 'c', '--quilt-stack-arn', 'arn'], /cannot also be provided/],
    [['--mode', 'legacy', '--benchling-secret', 's'], /--mode=legacy cannot also be provided when using --benchling-secret/],
    [['--client-secret-id', 'x', '--client-secret-stdin'], /cannot also be provided/],
    [['--image', 'a', '--image-tag', 'b'], /cannot also be provided/],
  ])('refuses %j', async (argv, message) => {
    await expect(Deploy.run(argv, {root: process.cwd()})).rejects.toThrow(message)
  })
})
