import {afterEach, beforeAll, describe, expect, it} from 'vitest'

import {buildProbeReport, renderProbeText} from '../../src/docker/render.js'
import {dockerEngine} from '../../src/docker/engine.js'
import {PROBE_LABEL, runProbe, type ProbeRequest} from '../../src/docker/probe.js'
import {buildProbeRequest} from '../../src/docker/request.js'
import {UserError} from '../../src/errors.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {engineForTests} from './engine-available.js'

const status = await engineForTests()
const engine = dockerEngine()
const SECRET = 'cs_live_9f8e7d6c5b4a'
const image = (name: string) => `bwops-fixture/${name}:latest`
const request = (name: string, extra: Partial<ProbeRequest> = {}): ProbeRequest => ({
  config: false,
  env: [{name: 'BENCHLING_CLIENT_SECRET', value: SECRET}],
  image: image(name),
  missingSecrets: [],
  secretNames: [],
  timeoutSeconds: 20,
  ...extra,
})
const probe = (name: string, extra: Partial<ProbeRequest> = {}, signal?: AbortSignal) =>
  runProbe(request(name, extra), {engine, profile, ...(signal ? {signal} : {})})

describe.skipIf(!status.ok)(`probe against a real Docker engine${status.ok ? '' : ` (skipped: ${status.reason})`}`, () => {
  beforeAll(async () => {
    for (const id of await engine.listByLabel(PROBE_LABEL)) await engine.remove(id)
  })
  afterEach(async () => {
    // the promise the probe makes: never a container left behind, whatever happened
    expect(await engine.listByLabel(PROBE_LABEL)).toEqual([])
  })

  it('finds a sound app healthy, and masks the credential it echoes in logs and /config', async () => {
    const fact = await probe('sound', {config: true})
    expect(fact.outcome).toBe('healthy')
    expect(fact.containerPort).toBe(5000)
    expect(fact.portSource).toBe('the image\'s EXPOSE')
    expect(fact.endpoints.map((e) => [e.path, e.status])).toEqual([['/health', 200], ['/health/ready', 200], ['/config', 200]])
    expect(fact.endpoints[0]!.body).toContain('"status": "healthy"')
    expect(fact.logs.map((l) => l.text)).toContain('DEBUG client secret is ****')
    expect(fact.endpoints[2]!.body).toBe('{"tenant": "", "client_secret": "****"}')
    const report = buildProbeReport(fact, profile)
    expect(report.verdict).toBe('healthy')
    expect(JSON.stringify(report)).not.toContain(SECRET)
    expect(renderProbeText(report, false)).not.toContain(SECRET)
  })

  it('explains a crash from its Python traceback', async () => {
    const fact = await probe('crash')
    expect(fact.outcome).toBe('crashed')
    expect(fact.exit).toEqual({code: 1, oomKilled: false})
    expect(fact.logs.some((l) => l.stream === 'stderr' && l.text === 'Traceback (most recent call last):')).toBe(true)
    // the latest first: the error the container died of, then the line that announced it
    expect(fact.logMatches.map((m) => [m.id, m.line])).toEqual([
      ['webhook-missing-configuration', 'ValueError: Missing required configuration: BENCHLING_TENANT'],
      ['webhook-init-failed', 'ERROR Failed to initialize application'],
    ])
    const report = buildProbeReport(fact, profile)
    expect(report.verdict).toBe('unhealthy')
    expect(report.findings[0]!.title).toBe('The container crashed at start: the webhook is missing configuration: BENCHLING_TENANT')
  })

  it('the crashing image is healthy once the variable is set', async () => {
    const fact = await probe('crash', {env: [{name: 'BENCHLING_TENANT', value: 'quilt-dtt'}]})
    expect(fact.outcome).toBe('healthy')
  })

  it('names the port an app listens on when it is not the one it declares', async () => {
    const fact = await probe('wrong-port', {timeoutSeconds: 3})
    expect(fact.outcome).toBe('not-ready')
    expect(fact.listeningPorts).toEqual([8080])
    expect(buildProbeReport(fact, profile).findings[0]!.title).toBe('The app listens on port 8080, not on 5000')
  })

  it('asks the port the user names, and finds the app there', async () => {
    const fact = await probe('wrong-port', {port: 8080})
    expect(fact).toMatchObject({containerPort: 8080, outcome: 'healthy', portSource: '--port'})
  })

  it('waits for a slow start within the timeout', async () => {
    const fact = await probe('slow', {env: [{name: 'START_DELAY_SECONDS', value: '3'}], timeoutSeconds: 20})
    expect(fact.outcome).toBe('healthy')
    expect(fact.readyAfterMs).toBeGreaterThanOrEqual(2500)
  })

  it('gives up on a slow start after a short timeout', async () => {
    const fact = await probe('slow', {env: [{name: 'START_DELAY_SECONDS', value: '30'}], timeoutSeconds: 2})
    expect(fact.outcome).toBe('not-ready')
    expect(fact.listeningPorts).toEqual([])
    expect(buildProbeReport(fact, profile).findings[0]!.title).toBe('The app did not answer on port 5000 within 2 s')
  })

  it('reports a container killed for memory', async () => {
    const fact = await probe('oom', {memoryMiB: 16})
    expect(fact.outcome).toBe('crashed')
    expect(fact.exit).toMatchObject({code: 137, oomKilled: true})
    expect(buildProbeReport(fact, profile).findings[0]!.title).toBe('The container was killed for running out of memory')
  })

  it('runs with a task definition: its environment, its health check inside the container, the secrets not passed', async () => {
    const req = await buildProbeRequest({env: [`BENCHLING_CLIENT_SECRET=${SECRET}`], taskDefinitionFile: 'test/fixtures/images/sound.task-definition.json', timeoutSeconds: 20}, profile)
    const fact = await runProbe(req, {engine, profile})
    expect(fact.outcome).toBe('healthy')
    expect(fact.portSource).toBe('the task definition\'s containerPort')
    expect(fact.envNames).toEqual(['BENCHLING_TENANT', 'QUILT_CATALOG', 'BENCHLING_CLIENT_SECRET'])
    expect(fact.missingSecrets).toEqual(['BENCHLING_CLIENT_ID'])
    // busybox has wget but no curl: the task definition's check cannot work in this image
    expect(fact.taskHealthCheck).toMatchObject({exitCode: 1, output: expect.stringMatching(/curl: not found/)})
    expect(fact.comparison.map((m) => [m.what, m.taskDefinition])).toEqual([['healthcheck', 'curl -f http://localhost:5000/health || exit 1']])
    const titles = buildProbeReport(fact, profile).findings.map((f) => f.title)
    expect(titles).toContain('The task definition\'s health check fails inside the container')
    expect(titles).toContain('The probe ran without 1 secret variable')
    expect(JSON.stringify(fact)).not.toContain(SECRET)
  })

  it('removes the container and ends with exit 130 when interrupted', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 1500)
    const started = Date.now()
    const error = await probe('slow', {env: [{name: 'START_DELAY_SECONDS', value: '60'}], timeoutSeconds: 60}, controller.signal).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).exitCode).toBe(130)
    expect(Date.now() - started).toBeLessThan(15_000)
  })

  it('says clearly when an image is neither here nor pullable', async () => {
    const error = await probe('absent-image-for-bwops-tests').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).message).toMatch(/^The image bwops-fixture\/absent-image-for-bwops-tests:latest is not on this machine and could not be pulled: /)
    expect((error as UserError).exitCode).toBe(2)
  })
})

describe('probe without an engine', () => {
  it('is a usage error (exit 2) that says how to start one', async () => {
    const saved = process.env.DOCKER_HOST
    process.env.DOCKER_HOST = 'unix:///tmp/bwops-no-such-docker.sock'
    try {
      const error = await runProbe(request('sound'), {engine: dockerEngine(), profile}).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(UserError)
      expect((error as UserError).message).toBe('No Docker engine answers at unix:///tmp/bwops-no-such-docker.sock (ENOENT).')
      expect((error as UserError).next).toMatch(/Start Docker/)
      expect((error as UserError).exitCode).toBe(2)
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST
      else process.env.DOCKER_HOST = saved
    }
  })
})
