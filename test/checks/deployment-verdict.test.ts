import {describe, expect, test} from 'vitest'

import check from '../../src/checks/deployment-verdict.js'
import type {ServiceDeploymentFact, ServiceEventFact, ServiceStateFact} from '../../src/facts/live-types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/benchling-webhook-task'
const dep = (over: Partial<ServiceDeploymentFact>): ServiceDeploymentFact => ({
  createdAt: '2025-11-03T10:00:00Z',
  desiredCount: 2,
  id: 'ecs-svc/1111',
  pendingCount: 0,
  rolloutState: 'COMPLETED',
  runningCount: 2,
  status: 'PRIMARY',
  taskDefinition: `${TD}:6`,
  ...over,
})
const service = (deployments: ServiceDeploymentFact[], events: ServiceEventFact[] = []): ServiceStateFact => ({
  cluster: 'benchling-webhook-cluster',
  deployments,
  desiredCount: 2,
  events,
  loadBalancers: [],
  name: 'benchling-webhook-service',
  pendingCount: 0,
  runningCount: 2,
})

const failedNew = dep({failedTasks: 4, id: 'ecs-svc/2222', rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.', runningCount: 0, status: 'ACTIVE', taskDefinition: `${TD}:7`})

function run(s: ServiceStateFact): string[] {
  return check.run({serviceState: s} as never, profile).map((f) => `${f.severity} | ${f.title}`)
}

describe('deployment-verdict', () => {
  test.each<{name: string; service: ServiceStateFact; expected: RegExp[]}>([
    {expected: [], name: 'stable: one PRIMARY COMPLETED deployment, running == desired', service: service([dep({})])},
    {
      expected: [/^error \| Deployment rolled back: the service runs benchling-webhook-task:6 again after benchling-webhook-task:7 \(ecs-svc\/2222\) failed$/],
      name: 'rolled back: PRIMARY older than the FAILED one, though steady',
      service: service([dep({}), failedNew], [{createdAt: '2025-11-03T10:20:00Z', message: '(service benchling-webhook-service) has reached a steady state.'}]),
    },
    {
      expected: [/^error \| Deployment rolled back/],
      name: 'rolled back: only the rollback event is left',
      service: service([dep({id: 'ecs-svc/1111'})], [
        {createdAt: '2025-11-03T10:20:00Z', message: '(service benchling-webhook-service) has reached a steady state.'},
        {createdAt: '2025-11-03T10:15:00Z', message: '(service benchling-webhook-service) rolling back to deployment ecs-svc/1111.'},
        {createdAt: '2025-11-03T10:15:00Z', message: '(service benchling-webhook-service) (deployment ecs-svc/2222) deployment failed: tasks failed to start.'},
      ]),
    },
    {
      expected: [],
      name: 'an old rollback superseded by a later deployment is not current',
      service: service([dep({id: 'ecs-svc/3333', taskDefinition: `${TD}:8`})], [{createdAt: '2025-11-01T10:15:00Z', message: '(service benchling-webhook-service) rolling back to deployment ecs-svc/1111.'}]),
    },
    {
      expected: [/^error \| Deployment ecs-svc\/2222 failed$/],
      name: 'failed without rollback: PRIMARY itself FAILED',
      service: service([dep({id: 'ecs-svc/2222', rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.', runningCount: 0, taskDefinition: `${TD}:7`})]),
    },
    {
      expected: [/^error \| Deployment in progress with 3 failed tasks$/],
      name: 'in progress with failed tasks',
      service: service([dep({failedTasks: 3, id: 'ecs-svc/2222', rolloutState: 'IN_PROGRESS', runningCount: 0, taskDefinition: `${TD}:7`}), dep({status: 'ACTIVE'})]),
    },
    {
      expected: [/^warning \| Deployment ecs-svc\/2222 is in progress$/],
      name: 'in progress, nothing failed yet, 1 of 2 tasks running: not a success yet',
      service: service([dep({id: 'ecs-svc/2222', rolloutState: 'IN_PROGRESS', runningCount: 1, taskDefinition: `${TD}:7`}), dep({status: 'ACTIVE'})]),
    },
    {
      expected: [/^info \| Deployment ecs-svc\/2222 is in progress$/],
      name: 'in progress with every task running, the old deployment draining',
      service: service([dep({id: 'ecs-svc/2222', rolloutState: 'IN_PROGRESS', runningCount: 2, taskDefinition: `${TD}:7`}), dep({status: 'ACTIVE'})]),
    },
    {expected: [/^warning \| Service benchling-webhook-service runs 1 of 2 tasks$/], name: 'completed but short of desired', service: service([dep({runningCount: 1})])},
    {expected: [/^warning \| Service benchling-webhook-service is scaled to zero$/], name: 'scaled to zero', service: service([dep({desiredCount: 0, runningCount: 0})])},
    {expected: [/^error \| Service benchling-webhook-service has no PRIMARY deployment$/], name: 'no PRIMARY deployment', service: service([])},
  ])('$name', ({expected, service: s}) => {
    const got = run(s)
    expect(got).toHaveLength(expected.length)
    expected.forEach((re, i) => expect(got[i]).toMatch(re))
  })

  test('evidence names each deployment and the rollout reason', () => {
    const [f] = check.run({serviceState: service([dep({}), failedNew])} as never, profile)
    expect(f?.evidence).toEqual([
      'PRIMARY ecs-svc/1111: benchling-webhook-task:6; rollout COMPLETED; running 2/2, pending 0',
      'ACTIVE ecs-svc/2222: benchling-webhook-task:7; rollout FAILED; reason: ECS deployment circuit breaker: tasks failed to start.; running 0/2, pending 0, failed tasks 4',
    ])
    expect(f?.fix).toMatch(/stopped-task-causes/)
  })
})
