import {describe, expect, it} from 'vitest'

import type {ContainerState, DockerEngine} from '../../src/docker/engine.js'
import type {HttpGet} from '../../src/docker/http.js'
import {runProbe, type ProbeRequest} from '../../src/docker/probe.js'
import {buildProbeReport, renderProbeText} from '../../src/docker/render.js'
import type {ImageConfig, LogLine} from '../../src/docker/types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {expectNoLeak} from './planted.js'

// The probe on a stand-in Docker engine (no Docker needed): the image's own config, the app's log
// lines, its answers, its health check's output and the engine's error all carry planted secrets,
// some passed to the container (the masker knows them), some fetched by the app itself (it does not).

const PASSED = 'PLANTED-303-s3cr3t'

const image: ImageConfig = {
  cmd: ['gunicorn', '--api-key', 'PLANTED-300-s3cr3t', 'app:app'],
  entrypoint: ['sh', '-c', 'export TOKEN=PLANTED-301-s3cr3t; exec "$@"'],
  exposedPorts: [5000],
  healthcheck: {test: ['CMD-SHELL', 'curl -f -u probe:PLANTED-302-s3cr3t http://localhost:5000/health || exit 1']},
  ref: 'quiltdata/benchling:planted',
}

const logs: string[] = [
  `DEBUG client secret is ${PASSED}`,
  'INFO resolved secret from AWS: {"client_id": "abc", "client_secret": "PLANTED-304-s3cr3t"}',
  'DEBUG calling Benchling with Authorization: Bearer PLANTED305s3cr3tTOKEN',
  'Traceback (most recent call last):',
  'ValueError: Failed to resolve configuration from AWS: password=PLANTED-306-s3cr3t',
]

function engine(state: ContainerState): DockerEngine {
  return {
    create: async () => 'c1',
    describe: 'stand-in engine',
    exec: async (_id, cmd) => (cmd[0] === 'cat' ? {exitCode: 0, output: ''} : {exitCode: 22, output: 'curl: (22) The requested URL returned error: 401 (http://probe:PLANTED-307-s3cr3t@localhost:8080/health?token=PLANTED-308-s3cr3t)'}),
    followLogs: async (_id, onLine: (line: LogLine) => void) => {
      logs.forEach((text, i) => onLine({stream: 'stderr', text, time: `2025-11-20T10:00:0${i}Z`}))
    },
    inspectImage: async () => image,
    listByLabel: async () => [],
    ping: async () => {},
    pullImage: async () => {},
    remove: async () => {},
    start: async () => (state.running ? 49_999 : undefined),
    state: async () => state,
    wait: () => (state.running ? new Promise(() => {}) : Promise.resolve()),
  }
}

const answers: HttpGet = async (url) => ({body: url.endsWith('/config') ? `{"tenant": "quilt-dtt", "client_secret": "${PASSED}", "api_key": "PLANTED-309-s3cr3t"}` : '{"status": "healthy"}', status: 200})

const request: ProbeRequest = {
  config: true,
  container: {
    command: ['gunicorn', '--client-secret', 'PLANTED-310-s3cr3t', 'app:app'],
    entryPoint: ['sh', '-c', 'export DB_PASSWORD=PLANTED-311-s3cr3t; exec "$@"'],
    environment: [{name: 'BENCHLING_CLIENT_SECRET', value: PASSED}],
    healthCheck: {command: ['CMD-SHELL', 'curl -f -u probe:PLANTED-312-s3cr3t http://localhost:8080/health?token=PLANTED-313-s3cr3t || exit 1']},
    name: 'BenchlingWebhookContainer',
    portMappings: [{containerPort: 5000}],
    secrets: [],
  },
  env: [{name: 'BENCHLING_CLIENT_SECRET', value: PASSED}],
  image: image.ref,
  missingSecrets: [],
  secretNames: [],
  timeoutSeconds: 5,
}

describe('the probe shows no planted secret', () => {
  it.each([
    ['a running app', {exitCode: 0, oomKilled: false, running: true}],
    ['a crashed app', {error: 'OCI runtime create failed: exec: "app": password=PLANTED-314-s3cr3t', exitCode: 1, oomKilled: false, running: false}],
  ])('%s, as text and as JSON', async (_, state) => {
    const fact = await runProbe(request, {engine: engine(state), get: answers, profile})
    const report = buildProbeReport(fact, profile)
    expectNoLeak(renderProbeText(report, false), 'probe text')
    expectNoLeak(JSON.stringify(report), 'probe --json')
    // what the operator needs stays: the variable's name, the lines, the command's shape
    expect(fact.envNames).toEqual(['BENCHLING_CLIENT_SECRET'])
    expect(fact.logs.map((l) => l.text)).toContain('Traceback (most recent call last):')
    expect(JSON.stringify(report)).toContain('gunicorn')
    if (state.running) {
      expect(fact.comparison.map((m) => m.what)).toEqual(['healthcheck', 'entrypoint', 'command'])
      expect(fact.taskHealthCheck?.command).toEqual(['CMD-SHELL', 'curl -f -u <hidden> http://localhost:8080/health?token=*** || exit 1'])
      expect(fact.endpoints.map((e) => e.path)).toContain('/config')
    }
  })
})
