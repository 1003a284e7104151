import {describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {signaturesFor} from '../../src/catalogue/log-signatures.js'
import {benchlingWebhookProfile} from '../../src/profile/benchling-webhook.js'
import {errorSelector} from '../../src/services/logs/errors.js'
import type {LogLine} from '../../src/services/logs/model.js'
import {logsPrinter} from '../../src/services/logs/render.js'
import {parseStreamName} from '../../src/services/logs/setup.js'
import {parseSince} from '../../src/services/logs/since.js'

const NOW = Date.parse('2025-11-20T12:00:00Z')

describe('--since', () => {
  const valid: [string, string][] = [
    ['30s', '2025-11-20T11:59:30.000Z'],
    ['30m', '2025-11-20T11:30:00.000Z'],
    ['2h', '2025-11-20T10:00:00.000Z'],
    ['1d', '2025-11-19T12:00:00.000Z'],
    ['1h30m', '2025-11-20T10:30:00.000Z'],
    [' 10M ', '2025-11-20T11:50:00.000Z'],
    ['2025-11-20T10:00:00Z', '2025-11-20T10:00:00.000Z'],
    ['2025-11-20T10:00:00.250Z', '2025-11-20T10:00:00.250Z'],
    ['2025-11-20T10:00:00+02:00', '2025-11-20T08:00:00.000Z'],
    ['2025-11-20T10:00', '2025-11-20T10:00:00.000Z'],
    ['2025-11-20 10:00:00', '2025-11-20T10:00:00.000Z'],
    ['2025-11-20', '2025-11-20T00:00:00.000Z'],
  ]
  it.each(valid)('%s -> %s', (text, iso) => {
    expect(new Date(parseSince(text, NOW)).toISOString()).toBe(iso)
  })

  const invalid = ['', 'yesterday', '10', '10x', '-5m', 'm10', '0m', '2025-13-40', '2025-11-20T25:00:00Z', '10 m']
  it.each(invalid)('rejects %j with exit 2 and the shapes it takes', (text) => {
    let error: unknown
    try {
      parseSince(text, NOW)
    } catch (caught) {
      error = caught
    }

    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).message).toMatch(/^--since ".*" is not a duration or a time/)
    expect((error as UserError).next).toMatch(/30s, 10m, 2h, 1d/)
  })

  it.each([
    ['2025-11-21T00:00:00Z', /is in the future/],
    ['2026-01-01', /is in the future/],
    ['99999d', /reaches back before 1970/],
  ])('rejects %j, which would read nothing, with exit 2', (text, message) => {
    expect(() => parseSince(text, NOW)).toThrow(UserError)
    expect(() => parseSince(text, NOW)).toThrow(message)
  })
})

describe('stream names', () => {
  it.each([
    ['benchling-webhook/BenchlingWebhookContainer/abc123', 'benchling-webhook', {container: 'BenchlingWebhookContainer', taskId: 'abc123'}],
    ['team/webhook/App/abc123', 'team/webhook', {container: 'App', taskId: 'abc123'}],
    ['other/App/abc123', undefined, {container: 'App', taskId: 'abc123'}],
  ])('%s', (stream, prefix, parts) => {
    expect(parseStreamName(stream, prefix)).toEqual(parts)
  })
})

const line = (id: string, message: string, stream = 's/c/t1', timestamp = Number(id.replace(/\D/g, '')) * 1000): LogLine => ({
  container: 'c', eventId: id, message, stream, taskId: stream.split('/').pop() ?? '', timestamp,
})

describe('--errors across --follow polls', () => {
  it('sees a traceback whose header came in an earlier poll, and shows no line twice', () => {
    const select = errorSelector(signaturesFor(benchlingWebhookProfile.logSignatures))
    const first = select([line('1', 'starting'), line('2', 'Traceback (most recent call last):'), line('3', '  File "/app/main.py", line 1, in <module>')])
    expect(first).toEqual([])
    const second = select([line('4', 'botocore.exceptions.NoCredentialsError: Unable to locate credentials'), line('5', 'worker exiting')])
    expect(second.map((b) => b.matches.map((m) => m.id))).toEqual([['aws-no-credentials']])
    expect(second[0]?.lines.map((l) => l.eventId)).toEqual(['2', '3', '4', '5'])
    expect(second[0]?.lines.find((l) => l.eventId === '4')?.match).toBe('aws-no-credentials')
    // a second failure right after: its context overlaps lines already shown, which are not repeated
    const third = select([line('6', 'botocore.exceptions.NoCredentialsError: Unable to locate credentials')])
    expect(third[0]?.lines.map((l) => l.eventId)).toEqual(['6'])
  })
})

describe('printing', () => {
  const capture = () => {
    const out: string[] = []
    const err: string[] = []
    return {err, out, streams: [{write: (t: string) => out.push(t)}, {write: (t: string) => err.push(t)}] as const}
  }

  const lines = [line('1', 'hello', 'p/BenchlingWebhookContainer/0123456789abcdef'), {...line('2', 'boom', 'p/Sidecar/0123456789abcdef'), container: 'Sidecar', match: 'python-exception'}]

  it('--json writes one object per line, notes to stderr', () => {
    const {err, out, streams} = capture()
    const print = logsPrinter(streams[0], streams[1], {color: false, json: true, mainContainer: 'BenchlingWebhookContainer'})
    print({kind: 'note', text: 'Task 01234567 stopped'})
    print({kind: 'lines', lines})
    expect(err).toEqual(['Task 01234567 stopped\n'])
    expect(out.join('').trimEnd().split('\n').map((l) => JSON.parse(l) as object)).toEqual([
      {container: 'c', message: 'hello', taskId: '0123456789abcdef', timestamp: '1970-01-01T00:00:01.000Z'},
      {container: 'Sidecar', match: 'python-exception', message: 'boom', taskId: '0123456789abcdef', timestamp: '1970-01-01T00:00:02.000Z'},
    ])
  })

  it('text: time, short task id (container when not the webhook\'s), a marker on matched lines', () => {
    const {out, streams} = capture()
    const print = logsPrinter(streams[0], streams[1], {color: false, json: false, mainContainer: 'c'})
    print({kind: 'error-block', lines, matches: [{cause: 'It broke.', fix: 'Fix it.', id: 'python-exception', title: 'Python exception: X'}]})
    expect(out.join('')).toBe(`
✖ Python exception: X (python-exception)
  It broke.
  Fix: Fix it.
1970-01-01T00:00:01.000Z 01234567   hello
1970-01-01T00:00:02.000Z 01234567/Sidecar > boom
`)
  })
})
