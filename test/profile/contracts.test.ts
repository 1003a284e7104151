import {execFileSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {describe, expect, test} from 'vitest'

import type {TaskDefinition} from '../../src/facts/types.js'
import {benchlingWebhookProfile} from '../../src/profile/benchling-webhook.js'
import {contractFor, merge, RELEASE_LINES} from '../../src/profile/contracts.js'
import {chooseRelease} from '../../src/profile/select.js'
import type {Profile} from '../../src/profile/types.js'

const CITE = /^v(\d+\.\d+\.\d+):((?:docker\/src|lib)\/[\w./-]+\.(?:py|ts))(?::[\d,-]+)?$/

/** Every citation a line states, with what it is for. */
function citations(line: Profile): Array<[string, string | undefined]> {
  const specs = [...line.env.legacy, ...line.env['secrets-only'], ...line.commonEnv].map((s): [string, string | undefined] => [`env ${s.name}`, s.cite])
  const keys = [...line.secret.keys, ...line.secret.optionalKeys].map((k): [string, string | undefined] => [`secret key ${k.name}`, k.cite])
  const needs = [...line.permissions.task, ...line.permissions.execution].map((n): [string, string | undefined] => [`need ${n.actions.join(',')}`, n.cite])
  const sidecars = line.sidecars.map((s): [string, string | undefined] => [`sidecar ${s.name}`, s.cite])
  const facts = Object.entries(line.release.cites)
  return [...specs, ...keys, ...needs, ...sidecars, ...facts]
}

describe('every contract fact carries its citation', () => {
  test.each(RELEASE_LINES.map((l) => [l.release.line, l] as const))('%s', (_line, line) => {
    for (const [what, cite] of citations(line)) expect(cite, what).toMatch(CITE)
    // the facts that are not lists of specs: where port, health checks and the app's message come from
    expect(Object.keys(line.release.cites).sort()).toEqual(expect.arrayContaining(['containerHealthCheck', 'missingConfigMessage', 'port', 'targetGroup']))
    if (line.quiltStackOutputs.required.length > 0) expect(line.quiltStackOutputs.cite).toMatch(CITE)
  })

  // The upstream repository is not part of bwops; where a snapshot of it is on the machine
  // (the tool library's fetch of quiltdata/benchling-webhook), every cited file must exist at its tag.
  const mirror = '/work/.mirror/quiltdata+benchling-webhook/repo'
  test.skipIf(!existsSync(mirror))('each cited file exists at its tag upstream (needs the snapshot)', () => {
    const cites = new Set(RELEASE_LINES.flatMap((l) => citations(l).map(([, c]) => c!.replace(/:[\d,-]+$/, ''))))
    for (const cite of cites) {
      const [tag, path] = cite.split(':')
      expect(() => execFileSync('git', ['--git-dir', mirror, 'cat-file', '-e', `${tag}:${path}`], {stdio: 'ignore'}), cite).not.toThrow()
    }
  })
})

describe('one release, its own rules', () => {
  const required = (p: Profile, mode: 'legacy' | 'secrets-only') => p.env[mode].filter((s) => s.required).map((s) => s.name)
  const keys = (p: Profile) => p.secret.keys.filter((k) => k.required).map((k) => k.name)

  test.each<[string, string, string[], number, number]>([
    // release, line, required variables of its mode, required secret keys, port
    ['0.5.4', 'v0.5', ['QUILT_USER_BUCKET', 'QUEUE_ARN', 'BENCHLING_TENANT', 'BENCHLING_CLIENT_ID', 'BENCHLING_CLIENT_SECRET', 'BENCHLING_APP_DEFINITION_ID'], 3, 5000],
    ['0.5.0', 'v0.5', ['QUILT_USER_BUCKET', 'SQS_QUEUE_URL'], 2, 5000],
    ['0.6.0', 'v0.6-v0.7', ['QuiltStackARN', 'BenchlingSecret'], 10, 5000],
    ['0.7.10', 'v0.6-v0.7', ['QuiltStackARN', 'BenchlingSecret'], 10, 5000],
    ['0.8.5', 'v0.8.0-v0.8.8', ['QUILT_WEB_HOST', 'ATHENA_USER_DATABASE', 'PACKAGER_SQS_URL', 'AWS_REGION', 'BenchlingSecret'], 10, 5000],
    ['0.9.9', 'v0.8.9+', ['QUILT_WEB_HOST', 'ATHENA_USER_DATABASE', 'PACKAGER_SQS_URL', 'AWS_REGION', 'BenchlingSecret'], 10, 8080],
    ['0.10.0', 'v0.8.9+', ['QUILT_WEB_HOST', 'ATHENA_USER_DATABASE', 'PACKAGER_SQS_URL', 'AWS_REGION', 'BenchlingSecret'], 9, 8080],
    ['0.18.0', 'v0.8.9+', ['QUILT_WEB_HOST', 'ATHENA_USER_DATABASE', 'PACKAGER_SQS_URL', 'AWS_REGION', 'BenchlingSecret'], 9, 8080],
  ])('%s: line %s', (version, line, variables, keyCount, port) => {
    const p = contractFor(version)
    expect(p.release).toMatchObject({line, version})
    expect(required(p, p.release.modes[0]!)).toEqual(variables)
    expect(keys(p)).toHaveLength(keyCount)
    expect(p.ports).toEqual([port])
  })

  test('webhook_allow_list: required (and may be empty) until v0.10.0, then not read', () => {
    expect(contractFor('0.9.9').secret.keys.find((k) => k.name === 'webhook_allow_list')).toMatchObject({mayBeEmpty: true, required: true})
    expect(contractFor('0.10.0').secret.keys.map((k) => k.name)).not.toContain('webhook_allow_list')
    expect(contractFor('0.10.0').secret.optionalKeys.find((k) => k.name === 'webhook_allow_list')).toMatchObject({required: false})
  })

  test('the consumer sidecars: none before v0.17.0, one at v0.17.0, two from v0.17.2', () => {
    expect(contractFor('0.16.0').sidecars).toEqual([])
    expect(contractFor('0.17.0').sidecars.map((s) => s.name)).toEqual(['BenchlingPackageEventConsumer'])
    expect(contractFor('0.18.0').sidecars.map((s) => s.name)).toEqual(['BenchlingPackageEventConsumer', 'BenchlingPackagingConsumer'])
  })

  test('only v0.6-v0.7 read the Quilt stack at run time, and need cloudformation:DescribeStacks', () => {
    const reads = (v: string) => contractFor(v).permissions.task.some((n) => n.actions.includes('cloudformation:DescribeStacks'))
    expect(['0.5.4', '0.6.0', '0.7.10', '0.8.5', '0.18.0'].map(reads)).toEqual([false, true, true, false, false])
    expect(contractFor('0.18.0').quiltStackOutputs.required).toEqual([])
  })

  test('no line demands glue:GetTables', () => {
    for (const line of RELEASE_LINES) expect(line.permissions.task.flatMap((n) => n.actions)).not.toContain('glue:GetTables')
  })
})

describe('a release not known: only what every line open shares', () => {
  test('every line: no variable or key that one line lacks is required, every port is accepted', () => {
    const any = contractFor(undefined)
    expect(any.release.line).toBe('any')
    expect(any.env['secrets-only'].filter((s) => s.required).map((s) => s.name)).toEqual(['BenchlingSecret'])
    expect(any.secret.keys.map((k) => k.name)).toEqual(['client_id', 'client_secret'])
    expect(any.ports).toEqual([5000, 8080])
    expect(any.quiltStackOutputs.required).toEqual([])
    expect(any.health.loadBalancers.sort()).toEqual(['application', 'network'])
  })

  test('the secrets-only lines: BenchlingSecret and the 9 keys every one of them reads', () => {
    const open = merge(RELEASE_LINES.filter((l) => l.release.modes.includes('secrets-only')))
    expect(open.secret.keys.map((k) => k.name).sort()).toEqual(['app_definition_id', 'client_id', 'client_secret', 'enable_webhook_verification', 'log_level', 'pkg_key', 'pkg_prefix', 'tenant', 'user_bucket'])
    expect(open.env['secrets-only'].filter((s) => s.required).map((s) => s.name)).toEqual(['BenchlingSecret'])
  })
})

describe('chooseRelease', () => {
  const td = (image: string | undefined, env: Record<string, string> = {}): TaskDefinition => ({
    containers: [{environment: Object.entries(env).map(([name, value]) => ({name, value})), essential: true, image, name: 'BenchlingWebhookContainer', portMappings: [], secrets: []}],
  })
  const choose = (image: string | undefined, env?: Record<string, string>, declared?: {value: string; where: string}) =>
    chooseRelease({base: benchlingWebhookProfile, declared, taskDefinition: td(image, env)})

  test.each<[string, string | undefined, Record<string, string>, {line: string; version?: string; from: string; candidates?: string[]}]>([
    ['a release tag', 'quiltdata/benchling:0.7.10', {}, {from: 'image tag', line: 'v0.6-v0.7', version: '0.7.10'}],
    ['a v-prefixed dev build', '123456789012.dkr.ecr.us-east-1.amazonaws.com/quiltdata/benchling:v0.18.0-20260615T191957Z', {}, {from: 'image tag', line: 'v0.8.9+', version: '0.18.0'}],
    ['a digest after the tag', 'quiltdata/benchling:0.8.5@sha256:abc', {}, {from: 'image tag', line: 'v0.8.0-v0.8.8', version: '0.8.5'}],
    ['BENCHLING_WEBHOOK_VERSION when the tag is latest', 'quiltdata/benchling:latest', {BENCHLING_WEBHOOK_VERSION: '0.5.4'}, {from: 'BENCHLING_WEBHOOK_VERSION', line: 'v0.5', version: '0.5.4'}],
    ['QuiltStackARN: v0.6-v0.7', 'quiltdata/benchling:latest', {BenchlingSecret: 's', QuiltStackARN: 'arn'}, {candidates: ['v0.6-v0.7'], from: 'variables', line: 'v0.6-v0.7'}],
    ['the deploy-time Quilt values: v0.8 on', 'quiltdata/benchling', {BenchlingSecret: 's', QUILT_WEB_HOST: 'h'}, {candidates: ['v0.8.0-v0.8.8', 'v0.8.9+'], from: 'variables', line: 'v0.8.0+'}],
    ['legacy variables: v0.5', undefined, {QUEUE_ARN: 'q', QUILT_USER_BUCKET: 'b'}, {candidates: ['v0.5'], from: 'variables', line: 'v0.5'}],
    ['BenchlingSecret alone: the secrets-only lines', undefined, {BenchlingSecret: 's'}, {candidates: ['v0.6-v0.7', 'v0.8.0-v0.8.8', 'v0.8.9+'], from: 'variables', line: 'v0.6.0+'}],
    ['nothing to tell by', 'nginx', {}, {from: 'nothing', line: 'any'}],
    ['older than v0.5', 'quiltdata/benchling:0.4.12', {}, {from: 'image tag', line: 'any', version: '0.4.12'}],
  ])('%s', (_name, image, env, expected) => {
    expect(choose(image, env)).toMatchObject(expected)
  })

  test('a StackVersion output when the image says nothing', () => {
    expect(choose('quiltdata/benchling:latest', {}, {value: '0.18.0', where: 'StackVersion output'})).toMatchObject({from: 'StackVersion output', line: 'v0.8.9+', version: '0.18.0'})
  })

  test('--app-version wins over the image', () => {
    expect(chooseRelease({base: benchlingWebhookProfile, flag: '0.5.4', taskDefinition: td('quiltdata/benchling:0.18.0')})).toMatchObject({from: '--app-version', inferred: false, line: 'v0.5'})
  })
})

describe('the probe\'s default port follows the image\'s release', () => {
  test.each([
    ['quiltdata/benchling:0.7.10', 5000],
    ['quiltdata/benchling:0.8.8', 5000],
    ['quiltdata/benchling:0.18.0', 8080],
    ['bwops-fixture/webhook:latest', 5000],
  ])('%s: %d', async (image, port) => {
    const {releaseDefaultPort} = await import('../../src/docker/probe.js')
    expect(releaseDefaultPort(image, benchlingWebhookProfile)).toBe(port)
  })
})
