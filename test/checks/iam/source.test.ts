import {describe, expect, it} from 'vitest'
import {iamEvaluationSource} from '../../../src/checks/iam/source.js'
import {Facts, type FactSource, known} from '../../../src/facts/facts.js'
import {benchlingWebhookProfile as profile} from '../../../src/profile/benchling-webhook.js'
import * as b from './build.js'

const given: FactSource = {
  describe: 'test facts',
  loaders: {
    deployment: async () => known({account: b.ACCOUNT, region: b.REGION}, 'test'),
    mode: async () => known({inferred: false, value: 'legacy' as const, why: 'test'}, 'test'),
    roles: async () => known({execution: b.role('execution', [], {managedPolicies: [b.EXECUTION_MANAGED]}), task: b.role('task', [b.LEGACY_TASK_POLICY])}, 'roles file'),
    taskDefinition: async () => known(b.taskDefinition(b.container(b.LEGACY_ENV)), 'td file'),
  },
}

describe('iamEvaluationSource', () => {
  it('simulates the needs from the other facts and says where the roles came from', async () => {
    const result = await new Facts([given, iamEvaluationSource(profile)]).get('iamEvaluation')
    expect(result.ok && result.source).toBe('IAM policy simulation of roles file')
    expect(result.ok && result.value.mode).toBe('legacy')
    expect(result.ok && result.value.needs.every((n) => n.decision === 'allowed')).toBe(true)
  })

  it('is unknown, with why, when the roles are not known', async () => {
    const {roles: _roles, ...withoutRoles} = given.loaders
    const result = await new Facts([{describe: 'test facts', loaders: withoutRoles}, iamEvaluationSource(profile)]).get('iamEvaluation')
    expect(result).toEqual({ok: false, reason: expect.stringMatching(/^roles: no IAM roles are known/)})
  })
})
