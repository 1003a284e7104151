import {describe, expect, test} from 'vitest'

import check from '../../src/checks/stack-rollback.js'
import type {StackEventFact, StackFact} from '../../src/facts/live-types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const e = (second: number, logicalResourceId: string, resourceType: string, resourceStatus: string, resourceStatusReason?: string): StackEventFact => ({
  logicalResourceId,
  resourceStatus,
  resourceStatusReason,
  resourceType,
  timestamp: `2025-11-03T10:00:${String(second).padStart(2, '0')}Z`,
})

// Newest first, as CloudFormation returns them.
const createRollback: StackEventFact[] = [
  e(50, 'BenchlingWebhookStack', 'AWS::CloudFormation::Stack', 'ROLLBACK_COMPLETE'),
  e(40, 'BenchlingWebhookStack', 'AWS::CloudFormation::Stack', 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [ApiGateway, FargateService]. Rollback requested by user.'),
  e(31, 'ApiGateway', 'AWS::ApiGateway::RestApi', 'CREATE_FAILED', 'Resource creation cancelled'),
  e(30, 'FargateService', 'AWS::ECS::Service', 'CREATE_FAILED', "Resource handler returned message: \"Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'.\""),
  e(10, 'FargateService', 'AWS::ECS::Service', 'CREATE_IN_PROGRESS'),
]

function stack(status: string, events: StackEventFact[]): StackFact {
  return {events, name: 'BenchlingWebhookStack', outputs: {}, parameters: {}, status}
}

const run = (s: StackFact) => check.run({stack: s} as never, profile)

describe('stack-rollback', () => {
  test.each<{name: string; stack: StackFact; expected: string[]}>([
    {expected: [], name: 'a complete stack passes', stack: stack('CREATE_COMPLETE', [])},
    {expected: [], name: 'an update in progress passes', stack: stack('UPDATE_IN_PROGRESS', [])},
    {
      expected: ['error | Stack BenchlingWebhookStack rolled back: FargateService (AWS::ECS::Service) failed: The ECS service did not stabilize'],
      name: 'the first FAILED event is the root, cancellations are consequences',
      stack: stack('ROLLBACK_COMPLETE', createRollback),
    },
    {
      expected: ['error | Stack BenchlingWebhookStack rolled back: TaskRole (AWS::IAM::Role) failed: CloudFormation was denied iam:CreateRole'],
      name: 'an update rollback caused by a permission',
      stack: stack('UPDATE_ROLLBACK_COMPLETE', [
        e(20, 'Service', 'AWS::ECS::Service', 'UPDATE_FAILED', 'Resource update cancelled'),
        e(10, 'TaskRole', 'AWS::IAM::Role', 'UPDATE_FAILED', 'User: arn:aws:iam::1:user/dev is not authorized to perform: iam:CreateRole on resource: x'),
      ]),
    },
    {expected: ['error | Stack BenchlingWebhookStack is ROLLBACK_COMPLETE'], name: 'failed with no resource events left', stack: stack('ROLLBACK_COMPLETE', [])},
  ])('$name', ({expected, stack: s}) => {
    expect(run(s).map((f) => `${f.severity} | ${f.title}`)).toEqual(expected)
  })

  test('lists the root and its consequences', () => {
    const [f] = run(stack('ROLLBACK_COMPLETE', createRollback))
    expect(f?.evidence).toEqual([
      'stack BenchlingWebhookStack: ROLLBACK_COMPLETE',
      "root: 2025-11-03T10:00:30Z FargateService (AWS::ECS::Service) CREATE_FAILED: Resource handler returned message: \"Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'.\"",
      'consequence: 2025-11-03T10:00:31Z ApiGateway (AWS::ApiGateway::RestApi) CREATE_FAILED: Resource creation cancelled',
    ])
    expect(f?.detail).toMatch(/1 later failure is a consequence of it/)
    expect(f?.fix).toMatch(/stopped-task-causes/)
  })
})
