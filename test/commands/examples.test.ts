import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it, test} from 'vitest'

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
    // v0.5.4 requires QUEUE_ARN; QUILT_DATABASE it does not require (v0.5.4:docker/src/config.py:24-35)
    expect(titles).toContainEqual(expect.stringContaining('lacks QUEUE_ARN, required in legacy mode'))
    expect(titles.some((t: string) => t.includes('QUILT_DATABASE'))).toBe(false)
    expect(titles).toContainEqual(expect.stringContaining('PACKAGE_PREFIX'))
    expect(titles).toContainEqual(expect.stringMatching(/rolled back/i))
    // the outcome (rollback) ranks after its causes
    const rollback = titles.findIndex((t: string) => /rolled back/i.test(t))
    expect(rollback).toBeGreaterThan(titles.findIndex((t: string) => t.includes('QUEUE_ARN')))
  })

  it('health check on the wrong port: named as the likely root cause in text', async () => {
    const run = await bwops(['doctor', '--bundle', example('wrong-health-check-port.bundle.json')])
    expect(run.exitCode).toBe(1)
    expect(run.stdout.split('\n')[3]).toBe('✖ Likely cause: The health check asks port 8080, the app listens on 5000')
    expect(run.stdout.split('\n')[0]).toBe('bwops doctor · benchling-webhook 0.7.10 · v0.6-v0.7 rules (image tag) · secrets-only')
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

// Each failing example: the first thing printed is its true cause, with the chain that proves it,
// and the same cause leads the JSON report.
describe('doctor names the true cause of each failing example first', () => {
  test.each<{bundle: string; cause: string; chain: string[]; explains: string[]}>([
    {
      bundle: 'legacy-missing-app-definition-id.bundle.json',
      cause: 'BENCHLING_APP_DEFINITION_ID in container BenchlingWebhookContainer references JSON key app_definition_id, which the secret lacks',
      chain: ['configuration secret-references#1', 'configuration secret-format#1', 'ecs stopped-task-causes#1', 'ecs service-events#1', 'ecs service-events#2', 'ecs deployment-verdict#1'],
      explains: ['service-events#1', 'service-events#2', 'deployment-verdict#1'],
    },
    {
      bundle: 'wrong-health-check-port.bundle.json',
      cause: 'The health check asks port 8080, the app listens on 5000',
      chain: ['configuration health-check#2', 'ecs stopped-task-causes#1', 'ecs service-events#2', 'ecs service-events#1', 'ecs deployment-verdict#1'],
      explains: ['service-events#1', 'deployment-verdict#1'],
    },
    {
      bundle: 'cross-region-quilt-stack.bundle.json',
      cause: 'The Quilt stack quilt-prod does not exist in ca-central-1, the region QuiltStackARN names; it is in ap-south-1',
      chain: ['configuration quilt-stack-outputs#1', 'configuration env-complete#1', 'configuration env-complete#2', 'ecs stopped-task-causes#1', 'ecs service-events#1', 'ecs service-events#2', 'ecs deployment-verdict#1', 'log container-log-signatures#1'],
      explains: ['stopped-task-causes#1', 'service-events#1', 'service-events#2', 'deployment-verdict#1'],
    },
  ])('$bundle', async ({bundle, cause, chain, explains}) => {
    const text = await bwops(['doctor', '--bundle', example(bundle)])
    expect(text.exitCode).toBe(1)
    const lines = text.stdout.split('\n')
    const first = lines.findIndex((l) => l.startsWith('✖ Likely cause: '))
    expect(first).toBe(3)
    expect(lines.slice(first, first + 2).join(' ').replace(/\s+/g, ' ')).toContain(`Likely cause: ${cause}`)
    expect(lines.every((l) => [...l].length <= 100)).toBe(true)

    const json = JSON.parse((await bwops(['doctor', '--bundle', example(bundle), '--json'])).stdout)
    expect(json.causes[0]).toMatchObject({confirmed: true, finding: json.findings[0].id, severity: 'error', title: cause})
    expect(json.findings[0].title).toBe(cause)
    expect(json.causes[0].chain.map((s: {layer: string; finding: string}) => `${s.layer} ${s.finding}`)).toEqual(chain)
    expect(json.causes[0].explains).toEqual(explains)
  })

  test('the cross-region stack: the chain says where the stack is, what ECS saw and what the app logged', async () => {
    const json = JSON.parse((await bwops(['doctor', '--bundle', example('cross-region-quilt-stack.bundle.json'), '--json'])).stdout)
    const texts = json.causes[0].chain.map((s: {text: string}) => s.text)
    expect(texts).toContainEqual(expect.stringContaining('QuiltStackARN in container BenchlingWebhookContainer names a stack in another region (ca-central-1)'))
    expect(texts).toContainEqual('Container BenchlingWebhookContainer exited with code 1 (application error) (3 tasks)')
    expect(texts).toContainEqual('The circuit breaker rolled the service back to the last completed deployment')
    expect(texts).toContainEqual('the app logged "src.config_resolver.ConfigResolverError: Invalid stack name: quilt-prod" (3 tasks)')
    // the region warning is confirmed by what ran, so it is an error now
    expect(json.findings.find((f: {title: string}) => f.title.includes('names a stack in another region')).severity).toBe('error')
    // one finding for the three tasks' identical logs, naming them
    const logged = json.findings.filter((f: {check: string}) => f.check === 'container-log-signatures')
    expect(logged).toHaveLength(1)
    expect(logged[0].tasks).toHaveLength(3)
    expect(logged[0].evidence[0]).toBe(`logged the same way by 3 tasks: ${logged[0].tasks.join(', ')}`)
  })

  test('an unknown crash: the cause quotes the log (a gunicorn usage error, test fixture)', async () => {
    const bundle = fixture('bundles/gunicorn-usage-error.bundle.json')
    const text = await bwops(['doctor', '--bundle', bundle])
    expect(text.stdout.split('\n').slice(3, 5).join(' ').replace(/\s+/g, ' ')).toBe('✖ Likely cause: Container BenchlingWebhookContainer exited 2 (3 tasks); its log says: gunicorn: error: argument -w/--workers: expected one argument')
    expect(text.stdout).toContain('app log  the app logged "gunicorn: error: argument -w/--workers: expected one argument" (3 tasks)')
    const json = JSON.parse((await bwops(['doctor', '--bundle', bundle, '--json'])).stdout)
    expect(json.findings[0]).toMatchObject({check: 'container-log-signatures', quote: ['usage: gunicorn [OPTIONS] [APP_MODULE]', 'gunicorn: error: argument -w/--workers: expected one argument']})
    expect(json.causes[0].explains).toContain('stopped-task-causes#1')
  })

  test('markdown for CI: the likely cause with its chain, then every finding', async () => {
    const run = await bwops(['doctor', '--bundle', example('cross-region-quilt-stack.bundle.json'), '--format', 'markdown'])
    expect(run.stdout).toContain('**Likely root cause:** The Quilt stack quilt-prod does not exist in ca-central-1')
    expect(run.stdout).toContain('- app log: the app logged "src.config_resolver.ConfigResolverError: Invalid stack name: quilt-prod" (3 tasks)')
    expect(run.stdout.match(/<details/g)).toHaveLength(JSON.parse((await bwops(['doctor', '--bundle', example('cross-region-quilt-stack.bundle.json'), '--json'])).stdout).findings.length)
  })

  test('the example diagnosis fits in 40 lines of 100 columns', async () => {
    const run = await bwops(['doctor', '--bundle', example('legacy-missing-app-definition-id.bundle.json')])
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines.length).toBeLessThanOrEqual(40)
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(100)
  })

  test('--verbose prints every finding as before', async () => {
    const run = await bwops(['doctor', '--bundle', example('legacy-missing-app-definition-id.bundle.json'), '--verbose'])
    expect(run.stdout).toContain('      why:  ')
    expect(run.stdout).toContain('ℹ info  The health check needs curl in the image')
    expect(run.stdout).toContain('- local-probe  The image starts and answers its health checks locally: skipped, probe:')
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
