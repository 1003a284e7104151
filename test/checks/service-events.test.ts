import {describe, expect, test} from 'vitest'

import check from '../../src/checks/service-events.js'
import type {ServiceEventFact, ServiceStateFact} from '../../src/facts/live-types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const S = '(service benchling-webhook-service)'
const ev = (minute: number, message: string): ServiceEventFact => ({createdAt: `2025-11-03T10:${String(minute).padStart(2, '0')}:00Z`, message: `${S} ${message}`})
const unhealthy = (minute: number, code: number) => ev(minute, `(port 5000) is unhealthy in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/bw/abc) due to (reason Health checks failed with these codes: [${code}]).`)
const steady = (minute: number) => ev(minute, 'has reached a steady state.')

// Events newest first, as ECS returns them.
function service(events: ServiceEventFact[]): ServiceStateFact {
  return {cluster: 'c', deployments: [], desiredCount: 2, events, loadBalancers: [], name: 'benchling-webhook-service', pendingCount: 0, runningCount: 2}
}

const run = (events: ServiceEventFact[]) => check.run({serviceState: service(events)} as never, profile)

describe('service-events', () => {
  test.each<{name: string; events: ServiceEventFact[]; expected: string[]}>([
    {events: [steady(30), ev(29, 'has started 2 tasks: (task a) (task b).')], expected: [], name: 'steady, nothing wrong'},
    {events: [unhealthy(12, 502), unhealthy(10, 502), ev(5, 'has started 2 tasks: (task a).')], expected: ['error | health | Tasks unhealthy in the target group (codes 502) (2 events)'], name: 'unhealthy targets, counted'},
    {events: [steady(30), unhealthy(10, 404)], expected: ['warning | health | Tasks unhealthy in the target group (codes 404)'], name: 'a problem before the last steady state is a warning'},
    {
      events: [steady(30), ev(20, 'rolling back to deployment ecs-svc/1111.'), ev(20, '(deployment ecs-svc/2222) deployment failed: tasks failed to start.'), ev(15, '(task t1) failed container health checks.')],
      expected: [
        'error | outcome | The circuit breaker rolled the service back to ecs-svc/1111',
        'error | outcome | Deployment ecs-svc/2222 failed',
        'error | health | Tasks failed their container health checks',
        'info | outcome | Steady state after a rollback: the old version runs',
      ],
      name: 'a rollback, then steady: problems stay errors and the steady state is noted',
    },
    {
      events: [steady(50), ev(49, '(deployment ecs-svc/3333) deployment completed.'), steady(30), ev(20, 'rolling back to deployment ecs-svc/1111.')],
      expected: ['warning | outcome | The circuit breaker rolled the service back to ecs-svc/1111'],
      name: 'a rollback superseded by a later completed deployment',
    },
    {events: [ev(5, 'was unable to place a task. Reason: You\'ve reached the limit on the number of tasks you can run concurrently.')], expected: ['error | start | ECS was unable to place tasks'], name: 'unable to place'},
    {events: [ev(5, "failed to launch a task with (error ECS was unable to assume the role 'arn:aws:iam::1:role/x' that was provided for this task.).")], expected: ['error | start | ECS failed to launch tasks'], name: 'failed to launch'},
  ])('$name', ({events, expected}) => {
    expect(run(events).map((f) => `${f.severity} | ${f.impact} | ${f.title}`)).toEqual(expected)
  })

  test('shows the count, the latest event with its time, and each code seen', () => {
    const [f] = run([unhealthy(12, 503), unhealthy(10, 502)])
    expect(f?.evidence?.[0]).toBe('2 events of this kind, the latest:')
    expect(f?.evidence?.[1]).toMatch(/^2025-11-03T10:12:00Z: \(service benchling-webhook-service\) \(port 5000\) is unhealthy/)
    expect(f?.evidence).toContain('codes seen: 503; 502')
    expect(f?.detail).toContain('port 5000: Health checks failed with these codes: [503]')
  })

  test('redacts event messages', () => {
    const findings = run([ev(5, 'failed to launch a task with (error bad header Authorization: Bearer abcdefghijklmnop1234).')])
    expect(JSON.stringify(findings)).not.toContain('abcdefghijklmnop1234')
  })
})
