import {FilterLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {builtinChecks} from '../../src/checks/index.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {renderReport} from '../../src/report/render.js'
import {recordBundle} from '../../src/services/bundle.js'
import {runDoctor} from '../../src/services/doctor.js'
import {describeTarget, liveDoctorSources} from '../../src/services/live-doctor.js'
import {type LogsOptions, runLogs} from '../../src/services/logs.js'
import {logsPrinter} from '../../src/services/logs/render.js'
import {runStatus} from '../../src/services/status.js'
import {renderStatus} from '../../src/services/status/render.js'
import {SECRET_ARN} from '../fixtures/aws/data.js'
import {HOSTILE_LOG_LINES, hostileAccount} from './hostile-account.js'
import {expectNoLeak, FORMATS} from './planted.js'

// The live commands on an account whose every answer carries a planted secret (hostile-account.ts):
// the bundle they record, doctor's report on live facts and on that bundle, status and logs.

const deps = {checks: builtinChecks, profile}
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bwops-security-'))
})
afterEach(async () => {
  await rm(dir, {force: true, recursive: true})
})

const everyFormat = (report: Parameters<typeof renderReport>[0]) =>
  FORMATS.map((format) => renderReport(report, format, {color: false, strict: true})).join('\n')

describe.each(['legacy', 'secrets-only'] as const)('on a %s deployment', (mode) => {
  it('bwops bundle records no planted secret, and keeps the names', async () => {
    const out = join(dir, 'bundle.json')
    await recordBundle({out, region: 'us-east-1'}, {...deps, clients: hostileAccount(mode).clients, createdBy: 'bwops security test'})
    const text = await readFile(out, 'utf8')
    expectNoLeak(text, 'the bundle')
    for (const name of ['"name": "BENCHLING_CLIENT_SECRET"', '"name": "DATABASE_URL"', '"name": "PASTED"', '"DbPassword"', '"AdminToken"', '"client_secret": {', SECRET_ARN, 'splunk-token']) {
      expect(text).toContain(name)
    }
  })

  it('doctor on the live facts and on the recorded bundle shows none, in any format', async () => {
    const live = await liveDoctorSources({region: 'us-east-1'}, profile, {clients: hostileAccount(mode).clients})
    const fromLive = await runDoctor({extraSources: live.sources}, deps)
    expect(fromLive.report.findings.length).toBeGreaterThan(0)
    // as the doctor command shows the target it looked at
    fromLive.report.target.live = describeTarget(live.target)
    expect(fromLive.report.target.live.webhookEndpoint).toBe('https://hook:***@abc123.execute-api.us-east-1.amazonaws.com/prod')
    expectNoLeak(everyFormat(fromLive.report), 'doctor on live facts')
    const out = join(dir, 'bundle.json')
    await recordBundle({out, region: 'us-east-1'}, {...deps, clients: hostileAccount(mode).clients, createdBy: 'bwops security test'})
    const fromBundle = await runDoctor({bundle: out}, deps)
    expectNoLeak(everyFormat(fromBundle.report), 'doctor on the bundle')
    // the findings that name credentials still name them
    const titles = fromLive.report.findings.map((f) => f.title).join('\n')
    expect(titles).toContain('BENCHLING_CLIENT_SECRET in container BenchlingWebhookContainer is a credential in plain text')
    expect(titles).toContain('PASTED in container BenchlingWebhookContainer: valueFrom is not a reference ECS can read')
  })
})

describe('bwops status', () => {
  it('shows no planted secret, as text or JSON, and keeps the endpoint\'s host', async () => {
    const snapshot = await runStatus({region: 'us-east-1'}, {clients: hostileAccount().clients, now: () => Date.parse('2025-11-20T10:45:00Z'), profile})
    const text = renderStatus(snapshot, {color: false})
    expectNoLeak(text, 'status')
    expectNoLeak(JSON.stringify(snapshot), 'status --json')
    expect(text).toContain('abc123.execute-api.us-east-1.amazonaws.com/prod')
    expect(text).toContain('password=***')
  })
})

describe('bwops logs', () => {
  const NOW = Date.parse('2025-11-20T10:45:00Z')
  const events = HOSTILE_LOG_LINES.map((message, i) => ({
    eventId: `e${i}`, ingestionTime: NOW - 60_000, logStreamName: `benchling-webhook/BenchlingWebhookContainer/${'a'.repeat(30)}64`, message, timestamp: NOW - 60_000 + i,
  }))

  async function printed(options: Partial<LogsOptions>, json: boolean): Promise<string> {
    const account = hostileAccount()
    account.mocks.logs.on(FilterLogEventsCommand).resolves({events})
    let text = ''
    const sink = {write: (t: string) => (text += t)}
    const emit = logsPrinter(sink, sink, {color: false, json, mainContainer: 'BenchlingWebhookContainer'})
    await runLogs({region: 'us-east-1', ...options}, {clients: account.clients, emit, now: () => NOW, profile})
    return text
  }

  it.each([
    ['all lines', {}],
    ['--errors', {errors: true}],
    ['--previous', {previous: true}],
  ])('%s, as text and as JSON lines, show none', async (_, options) => {
    for (const json of [false, true]) {
      const text = await printed(options, json)
      expectNoLeak(text, `logs ${JSON.stringify(options)}${json ? ' --json' : ''}`)
      expect(text).toContain('Traceback (most recent call last):')
    }
  })
})
