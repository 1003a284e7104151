import {describe, expect, it} from 'vitest'

import localProbe from '../../src/checks/local-probe.js'
import type {ProbeFact} from '../../src/docker/types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const healthy: ProbeFact = {
  comparison: [],
  containerPort: 5000,
  endpoints: [
    {body: '{"status": "healthy"}', path: '/health', status: 200},
    {body: 'ready', path: '/health/ready', status: 200},
  ],
  envNames: ['BENCHLING_TENANT'],
  image: {exposedPorts: [5000], ref: 'quiltdata/benchling:0.5.6'},
  logMatches: [],
  logs: [{stream: 'stdout', text: 'INFO Starting'}],
  missingSecrets: [],
  outcome: 'healthy',
  portSource: 'the image\'s EXPOSE',
  readyAfterMs: 1200,
  timeoutSeconds: 60,
}

const run = (probe: Partial<ProbeFact>) => localProbe.run({probe: {...healthy, ...probe}} as never, profile)

describe('local-probe', () => {
  it.each<[string, Partial<ProbeFact>, [string, string, string][]]>([
    ['a healthy run', {}, []],
    ['an unused /config answer does not count', {endpoints: [...healthy.endpoints, {path: '/config', status: 500}]}, []],
    ['out of memory', {exit: {code: 137, oomKilled: true}, outcome: 'crashed'}, [['error', 'start', 'The container was killed for running out of memory']]],
    [
      'a crash a log signature explains',
      {exit: {code: 1, oomKilled: false}, logMatches: [{cause: 'The webhook started without required configuration: QUEUE_ARN.', fix: 'Add QUEUE_ARN.', id: 'webhook-missing-configuration', line: 'ValueError: Missing required configuration: QUEUE_ARN', title: 'The webhook is missing configuration: QUEUE_ARN'}], outcome: 'crashed'},
      [['error', 'start', 'The container crashed at start: the webhook is missing configuration: QUEUE_ARN']],
    ],
    ['a crash nothing explains', {exit: {code: 127, oomKilled: false}, outcome: 'crashed'}, [['error', 'start', 'The container exited with code 127 before it was healthy']]],
    ['listening on another port', {endpoints: [], listeningPorts: [8080], outcome: 'not-ready', readyAfterMs: undefined}, [['error', 'health', 'The app listens on port 8080, not on 5000']]],
    ['listening on the right port but silent', {endpoints: [], listeningPorts: [5000], outcome: 'not-ready', readyAfterMs: undefined}, [['error', 'health', 'The app did not answer on port 5000 within 60 s']]],
    ['not ready, ports unknown', {endpoints: [], outcome: 'not-ready', readyAfterMs: undefined}, [['error', 'health', 'The app did not answer on port 5000 within 60 s']]],
    ['degraded: ready answers 503', {endpoints: [healthy.endpoints[0]!, {body: 'not ready', path: '/health/ready', status: 503}], outcome: 'unhealthy'}, [['error', 'health', '/health/ready answered 503, not 2xx']]],
    ['the task health check fails inside', {taskHealthCheck: {command: ['CMD-SHELL', 'curl -f http://localhost:5000/health || exit 1'], exitCode: 1, output: 'sh: curl: not found'}}, [['error', 'health', 'The task definition\'s health check fails inside the container']]],
    ['the task health check passes', {taskHealthCheck: {command: ['CMD', 'true'], exitCode: 0, output: ''}}, []],
    ['a slow start', {readyAfterMs: 45_000}, [['warning', 'health', 'The app starts slowly']]],
    [
      'an image/task mismatch',
      {comparison: [{image: 'EXPOSE 5000', note: 'n', severity: 'warning', taskDefinition: 'containerPort 8080', what: 'port'}]},
      [['warning', 'health', 'The image\'s port differs from the task definition\'s']],
    ],
    ['secrets not passed', {missingSecrets: ['BENCHLING_CLIENT_SECRET']}, [['info', 'start', 'The probe ran without 1 secret variable']]],
  ])('%s', (_, probe, expected) => {
    expect(run(probe).map((f) => [f.severity, f.impact, f.title])).toEqual(expected)
  })

  it('says which tool the task health check lacks', () => {
    const [f] = run({taskHealthCheck: {command: ['CMD-SHELL', 'curl -f http://localhost:5000/health || exit 1'], exitCode: 1, output: 'sh: curl: not found'}})
    expect(f!.detail).toContain('curl is not in the image')
  })

  it('shows the last log lines as evidence of an unexplained crash', () => {
    const [f] = run({exit: {code: 1, oomKilled: false}, logs: [{stream: 'stderr', text: 'boom'}], outcome: 'crashed'})
    expect(f!.evidence).toEqual(['exit code 1', 'stderr: boom'])
  })
})
