import {describe, expect, it} from 'vitest'

import {headline} from '../../src/services/status/headline.js'
import type {DeploymentStatus, StatusSnapshot} from '../../src/services/status/model.js'
import {statusScreen} from '../../src/services/status/screen.js'
import {formatAge} from '../../src/services/status/sections.js'

const dep = (over: Partial<DeploymentStatus>): DeploymentStatus => ({
  desired: 2, id: 'ecs-svc/1', pending: 0, revision: 'task:1', running: 2, status: 'PRIMARY', taskDefinition: 'arn:task:1', ...over,
})
const healthy = [{arn: 'tg', targets: [{id: '10.0.0.1', state: 'healthy'}, {id: '10.0.0.2', state: 'healthy'}]}]

describe('status headline', () => {
  const cases: {name: string; input: Parameters<typeof headline>[0]; state: string; text: RegExp}[] = [
    {input: {deployments: [dep({rolloutState: 'COMPLETED'})], service: {desired: 2, pending: 0, running: 2}, targets: healthy}, name: 'all well', state: 'steady', text: /^Steady on task:1: 2\/2 tasks running, 2 targets healthy\.$/},
    {input: {deployments: [dep({rolloutState: 'IN_PROGRESS', running: 1}), dep({id: 'old', revision: 'task:0', status: 'ACTIVE'})], service: {desired: 2, pending: 1, running: 3}, targets: healthy}, name: 'a rollout', state: 'rolling-out', text: /Rolling out task:1: 1\/2 running/},
    {input: {deployments: [dep({rolloutState: 'FAILED', rolloutStateReason: 'circuit breaker', running: 0})], service: {desired: 2, pending: 0, running: 0}, targets: []}, name: 'the primary failed', state: 'failed', text: /deployment of task:1 failed: circuit breaker\. Run `bwops doctor`/},
    {input: {deployments: [dep({rolloutState: 'COMPLETED'}), dep({desired: 0, rolloutState: 'FAILED', revision: 'task:2', running: 0, status: 'ACTIVE'})], service: {desired: 2, pending: 0, running: 2}, targets: healthy}, name: 'rolled back', state: 'rolled-back', text: /Running task:1, but the deployment of task:2 failed and was rolled back/},
    {input: {deployments: [dep({rolloutState: 'COMPLETED'})], service: {desired: 2, pending: 0, running: 2}, stack: {name: 's', status: 'UPDATE_ROLLBACK_COMPLETE'}, targets: healthy}, name: 'the stack rolled back', state: 'rolled-back', text: /stack's last update was rolled back \(UPDATE_ROLLBACK_COMPLETE\)/},
    {input: {deployments: [dep({rolloutState: 'COMPLETED'})], service: {desired: 2, pending: 0, running: 2}, stack: {name: 's', status: 'UPDATE_IN_PROGRESS'}, targets: healthy}, name: 'a stack update', state: 'rolling-out', text: /stack is UPDATE_IN_PROGRESS/},
    {input: {deployments: [dep({rolloutState: 'COMPLETED'})], service: {desired: 2, pending: 0, running: 1}, targets: healthy}, name: 'a task missing', state: 'degraded', text: /Degraded: 1\/2 tasks running/},
    {input: {deployments: [dep({rolloutState: 'COMPLETED'})], service: {desired: 2, pending: 0, running: 2}, targets: [{arn: 'tg', targets: [{id: 'a', state: 'healthy'}, {id: 'b', reason: 'Target.Timeout', state: 'unhealthy'}]}]}, name: 'an unhealthy target', state: 'degraded', text: /1 of 2 targets not healthy/},
    {input: {deployments: [dep({desired: 0, rolloutState: 'COMPLETED', running: 0})], service: {desired: 0, pending: 0, running: 0}, targets: []}, name: 'scaled to zero', state: 'scaled-to-zero', text: /scaled to zero/},
  ]
  it.each(cases)('$name -> $state', ({input, state, text}) => {
    const h = headline(input)
    expect(h.state).toBe(state)
    expect(h.text).toMatch(text)
  })
})

describe('formatAge', () => {
  it.each([[0, '0s'], [59, '59s'], [60, '1m'], [3599, '59m'], [3600, '1h'], [3900, '1h 5m'], [86_400, '1d'], [90_000, '1d 1h']])('%i s -> %s', (s, out) => {
    expect(formatAge(s)).toBe(out)
  })
})

describe('status screen', () => {
  const snapshot = {
    deployments: [], events: [], headline: {state: 'steady', text: 'Steady.'}, observedAt: '2025-11-20T10:45:00.000Z',
    service: {desired: 1, pending: 0, running: 1}, target: {cluster: 'c', region: 'us-east-1', service: 's'}, targets: [], unavailable: {},
  } as StatusSnapshot
  const capture = (isTTY: boolean) => {
    const chunks: string[] = []
    return {chunks, out: {isTTY, write: (t: string) => chunks.push(t)}}
  }

  it('redraws in place on a terminal: cursor home, lines cleared, the rest of the screen cleared', () => {
    const {chunks, out} = capture(true)
    const show = statusScreen(out, {color: false, env: {TERM: 'xterm'}, intervalSeconds: 5, json: false, watch: true})
    show({snapshot})
    show({snapshot})
    expect(chunks).toHaveLength(2)
    expect(chunks[1]).toMatch(/^\u001B\[H/)
    expect(chunks[1]).toMatch(/\u001B\[J$/)
    expect(chunks[1]).toContain('Steady.\u001B[K')
    expect(chunks[1]).toContain('Refreshing every 5s; Ctrl-C to stop.')
  })

  it('keeps the last snapshot on screen when a refresh fails', () => {
    const {chunks, out} = capture(true)
    const show = statusScreen(out, {color: false, env: {}, json: false, watch: true})
    show({snapshot})
    show({at: '2025-11-20T10:45:05.000Z', error: 'ThrottlingException calling ecs:DescribeServices'})
    expect(chunks[1]).toContain('Steady.')
    expect(chunks[1]).toContain('Refresh failed at 2025-11-20T10:45:05.000Z: ThrottlingException')
  })

  it('appends snapshots under a separator when not a terminal, with no escape codes', () => {
    const {chunks, out} = capture(false)
    const show = statusScreen(out, {color: false, json: false, watch: true})
    show({snapshot})
    show({snapshot})
    const all = chunks.join('')
    expect(all).not.toContain('\u001B')
    expect(all.split('Steady.')).toHaveLength(3)
    expect(all).toContain(`\n${'─'.repeat(60)}\n`)
  })

  it('writes one JSON object per line with --watch --json', () => {
    const {chunks, out} = capture(true)
    const show = statusScreen(out, {color: false, json: true, watch: true})
    show({snapshot})
    show({at: 'then', error: 'boom'})
    const lines = chunks.join('').trimEnd().split('\n')
    expect(lines.map((l) => JSON.parse(l) as object)).toEqual([snapshot, {error: 'boom', observedAt: 'then'}])
  })
})
