import {describe, expect, it} from 'vitest'

import {classifyStackFailure, isConsequence, isFailedStackStatus} from '../../src/catalogue/stack-events.js'
import type {StackEventFact} from '../../src/facts/live-types.js'

const event = (reason: string): StackEventFact => ({logicalResourceId: 'X', resourceStatus: 'CREATE_FAILED', resourceStatusReason: reason, resourceType: 'AWS::ECS::Service', timestamp: '2025-11-03T10:00:00Z'})

describe('stack events', () => {
  it.each([
    ['ROLLBACK_COMPLETE', true],
    ['ROLLBACK_IN_PROGRESS', true],
    ['UPDATE_ROLLBACK_COMPLETE', true],
    ['CREATE_FAILED', true],
    ['DELETE_FAILED', true],
    ['CREATE_COMPLETE', false],
    ['UPDATE_COMPLETE', false],
    ['UPDATE_IN_PROGRESS', false],
  ])('%s failed: %s', (status, failed) => {
    expect(isFailedStackStatus(status)).toBe(failed)
  })

  it.each([
    ['Resource handler returned message: "Error occurred during operation \'ECS Deployment Circuit Breaker was triggered\'."', 'stack-ecs-not-stable'],
    ['Resource handler returned message: "User: arn:aws:iam::1:user/dev is not authorized to perform: iam:CreateRole on resource: x"', 'stack-not-authorized'],
    ['benchling-webhook-alb already exists', 'stack-already-exists'],
    ['Resource handler returned message: "Secrets Manager can\'t find the specified secret."', 'stack-reference-not-found'],
    ['Properties validation failed for resource X with message: #: extraneous key [Foo] is not permitted', 'stack-invalid-property'],
    ['something else entirely', 'stack-resource-failed'],
  ])('%s', (reason, id) => {
    expect(classifyStackFailure(event(reason)).id).toBe(id)
  })

  it('names the denied action', () => {
    expect(classifyStackFailure(event('is not authorized to perform: iam:PassRole on resource: r')).title).toBe('CloudFormation was denied iam:PassRole')
  })

  it('tells consequences', () => {
    expect(isConsequence(event('Resource creation cancelled'))).toBe(true)
    expect(isConsequence(event('The following resource(s) failed to create: [Service].'))).toBe(true)
    expect(isConsequence(event('Circuit Breaker was triggered'))).toBe(false)
  })
})
