import {describe, expect, it} from 'vitest'

import {classifyServiceEvent} from '../../src/catalogue/service-events.js'

const at = '2025-11-03T10:00:00.000Z'

describe('classifyServiceEvent', () => {
  it.each([
    ['(service bw) (deployment ecs-svc/3468368874827011691) deployment failed: tasks failed to start.', 'deployment-failed', /ecs-svc\/3468368874827011691/],
    ['(service bw) rolling back to deployment ecs-svc/4744463545704487209.', 'circuit-breaker-rollback', /ecs-svc\/4744463545704487209/],
    ['(service bw) was unable to place a task because no container instance met all of its requirements.', 'unable-to-place', /unable to place/],
    ['(service bw) (port 5000) is unhealthy in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/bw/abc) due to (reason Health checks failed with these codes: [502]).', 'unhealthy-in-target-group', /codes 502/],
    ['(service bw) (task 0a1b) failed container health checks.', 'failed-container-health-checks', /container health checks/],
    ["(service bw) failed to launch a task with (error ECS was unable to assume the role 'arn:aws:iam::1:role/x' that was provided for this task.).", 'failed-to-launch', /failed to launch/],
    ['(service bw) is unable to consistently start tasks successfully. For more information, see the Troubleshooting section.', 'unable-to-start-consistently', /consistently/],
    ['(service bw) (deployment ecs-svc/1) deployment completed.', 'deployment-completed', /ecs-svc\/1/],
    ['(service bw) has reached a steady state.', 'steady-state', /steady/],
  ])('%s', (message, id, title) => {
    const got = classifyServiceEvent({createdAt: at, message})
    expect(got?.entry.id).toBe(id)
    expect(got?.title).toMatch(title)
  })

  it.each(['(service bw) has started 2 tasks: (task a) (task b).', '(service bw) registered 1 targets in (target-group x)'])('ignores routine %s', (message) => {
    expect(classifyServiceEvent({createdAt: at, message})).toBeUndefined()
  })

  it('names the reason and port of an unhealthy target', () => {
    const got = classifyServiceEvent({createdAt: at, message: '(service bw) (port 5000) is unhealthy in (target-group arn:x) due to (reason Request timed out).'})
    expect(got?.cause).toContain('port 5000: Request timed out')
  })
})
