import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {bwops, example, fixture} from '../helpers.js'

// The README's examples, end to end through the CLI: each reproduces a real failure (or a sound
// deployment) and doctor must name its cause first.
describe('doctor on the bundled examples', () => {
  it('legacy deployment: the secret lacks app_definition_id, variables are missing', async () => {
    const run = await bwops(['doctor', '--bundle', example('legacy-missing-app-definition-id.bundle.json'), '--json'])
    expect(run.exitCode).toBe(1)
    const report = JSON.parse(run.stdout)
    expect(report.target.mode).toMatchObject({inferred: true, value: 'legacy'})
    expect(report.findings[0]).toMatchObject({check: 'secret-references', impact: 'start', severity: 'error'})
    expect(report.findings[0].title).toContain('app_definition_id')
    const titles = report.findings.map((f: {title: string}) => f.title)
    expect(titles).toContainEqual(expect.stringContaining('lacks QUILT_DATABASE, QUEUE_ARN'))
    expect(titles).toContainEqual(expect.stringContaining('PACKAGE_PREFIX'))
    expect(titles).toContainEqual(expect.stringMatching(/rolled back/i))
    // the outcome (rollback) ranks after its causes
    const rollback = titles.findIndex((t: string) => /rolled back/i.test(t))
    expect(rollback).toBeGreaterThan(titles.findIndex((t: string) => t.includes('QUILT_DATABASE')))
  })

  it('health check on the wrong port: named as the likely root cause in text', async () => {
    const run = await bwops(['doctor', '--bundle', example('wrong-health-check-port.bundle.json')])
    expect(run.exitCode).toBe(1)
    expect(run.stdout.split('\n')[3]).toBe('✖ Likely cause: The health check asks port 8080, the app listens on 5000')
    expect(run.stdout).toMatch(/mode secrets-only \(inferred/)
  })

  it('the sound deployment passes, as a bundle and as files', async () => {
    const bundle = await bwops(['doctor', '--bundle', example('sound-secrets-only.bundle.json'), '--json'])
    expect(bundle.exitCode).toBe(0)
    expect(JSON.parse(bundle.stdout).summary).toMatchObject({crashed: 0, errors: 0, failed: 0, warnings: 0})
    const files = await bwops(['doctor', '--task-definition', example('sound-secrets-only.task-definition.json'), '--secret-file', example('sound-secret.json'), '--json'])
    expect(files.exitCode).toBe(0)
    expect(JSON.parse(files.stdout).summary.errors).toBe(0)
  })

  it('a broken secret file: camelCase key, URL tenant, padding; no value printed', async () => {
    const run = await bwops(['doctor', '--secret-file', example('broken-secret.json'), '--check', 'secret-format'])
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('clientId')
    expect(run.stdout).toContain('quilt-dtt')
    expect(run.stdout).not.toContain('example-not-a-real-secret')
    expect(run.stdout).not.toContain('example-client-id')
  })
})

describe('doctor on CloudFormation templates', () => {
  it('reads a CDK JSON template and warns that its log group goes with a rollback', async () => {
    const run = await bwops(['doctor', '--template', fixture('templates/cdk-legacy.template.json'), '--json'])
    const report = JSON.parse(run.stdout)
    expect(report.checks.find((c: {id: string}) => c.id === 'log-group')).toMatchObject({status: 'warning'})
    expect(report.target.sources).toEqual([expect.stringContaining('cdk-legacy.template.json')])
  })

  it('reads a YAML template with short tags', async () => {
    const run = await bwops(['doctor', '--template', fixture('templates/secrets-only.yaml'), '--json'])
    expect([0, 1]).toContain(run.exitCode)
    const report = JSON.parse(run.stdout)
    expect(report.target.mode).toMatchObject({value: 'secrets-only'})
    expect(report.checks.find((c: {id: string}) => c.id === 'env-complete').status).not.toBe('skipped')
  })

  it('a template without a task definition: no check can run, exit 2 with the reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bwops-tpl-'))
    const file = join(dir, 't.json')
    await writeFile(file, JSON.stringify({Resources: {Bucket: {Type: 'AWS::S3::Bucket'}}}))
    const run = await bwops(['doctor', '--template', file, '--check', 'env-complete', '--check', 'health-check'])
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toContain('no AWS::ECS::TaskDefinition in the template')
    expect(run.stderr).toContain('No check could run')
  })

  it('malformed YAML: a clear message with the line, exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bwops-tpl-'))
    const file = join(dir, 't.yaml')
    await writeFile(file, 'Resources:\n  Td:\n    Type: AWS::ECS::TaskDefinition\n   Properties: [\n')
    const run = await bwops(['doctor', '--template', file])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/neither valid JSON nor valid YAML at line \d/)
  })
})
