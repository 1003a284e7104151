import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {bwops, fixture} from '../helpers.js'

const plaintext = fixture('task-definitions/legacy-plaintext.json')

async function tempFile(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bwops-test-'))
  const file = join(dir, name)
  await writeFile(file, content)
  return file
}

describe('doctor on a task definition file', () => {
  it('reports a plaintext client secret as an error, exits 1, and never prints the value', async () => {
    const run = await bwops(['doctor', '--task-definition', plaintext, '--check', 'plaintext-credentials'])
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('✖ plaintext-credentials')
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('Likely cause: BENCHLING_CLIENT_SECRET in container BenchlingWebhookContainer is a credential in plain text')
    expect(run.stdout.split('\n')[0]).toBe('bwops doctor · benchling-webhook 0.5.4 · v0.5 rules (image tag) · legacy')
    expect(run.stdout).toMatch(/FAILED: 1 error, 0 warnings/)
    expect(run.stdout).not.toContain('PLANTED-SECRET-VALUE')
  })

  it('prints the documented JSON shape with --json', async () => {
    const run = await bwops(['doctor', '--task-definition', plaintext, '--check', 'plaintext-credentials', '--json'])
    expect(run.exitCode).toBe(1)
    const report = JSON.parse(run.stdout)
    expect(Object.keys(report).sort()).toEqual(['causes', 'checks', 'findings', 'notices', 'schemaVersion', 'summary', 'target', 'verdict'])
    expect(report.verdict).toBe('failed')
    expect(report.target.mode).toEqual({inferred: true, value: 'legacy', why: 'release 0.5.4 runs in legacy mode only'})
    expect(report.target.release).toEqual({
      candidates: ['v0.5'],
      from: 'image tag',
      inferred: true,
      line: 'v0.5',
      title: 'v0.5.x (legacy mode: variables, credentials as ECS secrets)',
      version: '0.5.4',
      why: expect.stringMatching(/^the image .*quiltdata\/benchling:0\.5\.4 says 0\.5\.4$/),
    })
    expect(report.checks).toEqual([expect.objectContaining({findings: 1, id: 'plaintext-credentials', status: 'failed'})])
    expect(report.findings[0]).toMatchObject({check: 'plaintext-credentials', docs: 'docs/checks/plaintext-credentials.md', severity: 'error'})
    expect(run.stdout).not.toContain('PLANTED-SECRET-VALUE')
  })

  it('says the mode was given when --mode is set', async () => {
    const run = await bwops(['doctor', '--task-definition', plaintext, '--check', 'plaintext-credentials', '--mode', 'secrets-only', '--json'])
    expect(JSON.parse(run.stdout).target.mode).toEqual({inferred: false, value: 'secrets-only', why: 'set with --mode'})
  })

  it('skips checks whose facts are missing, says why, and exits 2 when nothing could run', async () => {
    const run = await bwops(['doctor', '--secret-file', fixture('../../examples/sound-secret.json'), '--check', 'plaintext-credentials', '--json'])
    const report = JSON.parse(run.stdout)
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('No check could run with the facts given')
    expect(report.verdict).toBe('incomplete')
    const check = report.checks.find((c: {id: string}) => c.id === 'plaintext-credentials')
    expect(check.status).toBe('skipped')
    expect(check.reason).toContain('no task definition was given')
  })
})

describe('doctor on bad input', () => {
  it.each([
    ['malformed JSON', '{"taskDefinition": {', /not valid JSON/],
    ['a JSON array', '[1, 2]', /expected a JSON object, found an array/],
    ['no containers', '{"family": "x"}', /has no containerDefinitions/],
    ['empty containers', '{"containerDefinitions": []}', /empty containerDefinitions/],
    ['an empty file', '', /is empty/],
  ])('%s: a clear message and exit 2', async (_name, content, message) => {
    const file = await tempFile('td.json', content)
    const run = await bwops(['doctor', '--task-definition', file])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('binary garbage: not text, exit 2', async () => {
    const file = await tempFile('td.json', Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x01]))
    const run = await bwops(['doctor', '--task-definition', file])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('is not text')
  })

  it('a 50 MB file: refused with its size, exit 2', async () => {
    const file = await tempFile('big.json', Buffer.alloc(50 * 1024 * 1024, 0x20))
    const run = await bwops(['doctor', '--task-definition', file])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/is 50\.0 MB, larger than the 10 MB/)
  })

  it('a missing file: exit 2', async () => {
    const run = await bwops(['doctor', '--task-definition', '/nonexistent/td.json'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('no such file')
  })

  it('an unknown check id: exit 2 naming the known ones', async () => {
    const run = await bwops(['doctor', '--task-definition', plaintext, '--check', 'no-such-check'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('Unknown check "no-such-check"')
    expect(run.stderr).toContain('plaintext-credentials')
  })

  it('a live run without AWS credentials: a clear message and exit 2, no AWS call', async () => {
    const saved = {...process.env}
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k]
    Object.assign(process.env, {AWS_CONFIG_FILE: '/nonexistent/config', AWS_EC2_METADATA_DISABLED: 'true', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials'})
    try {
      const run = await bwops(['doctor', '--stack-name', 'BenchlingWebhookStack', '--region', 'us-east-1'])
      expect(run.exitCode).toBe(2)
      expect(run.stderr).toMatch(/credentials/i)
      expect(run.stderr).not.toMatch(/\n\s+at /)
    } finally {
      process.env = saved
    }
  })

  it('a bad --mode: exit 2', async () => {
    const run = await bwops(['doctor', '--mode', 'sideways'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('Expected --mode=sideways to be one of: legacy, secrets-only')
  })
})

describe('error messages never quote the input', () => {
  it.each([
    ['{"containerDefinitions": [{"name": "c", "environment": [{"name": "BENCHLING_CLIENT_SECRET", "value": PLANTED-secret}]}]}'],
    ['PLANTED-secret-value-as-the-whole-file'],
  ])('a malformed task definition holding a secret: %#', async (content) => {
    const dir = await mkdtemp(join(tmpdir(), 'bwops-test-'))
    const file = join(dir, 'td.json')
    await writeFile(file, content)
    const run = await bwops(['doctor', '--task-definition', file])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/not valid JSON: Unexpected token 'P' \(line 1\)/)
    expect(run.stderr + run.stdout).not.toContain('PLANTED')
  })
})
