import {describe, expect, it} from 'vitest'

import {deployTimeParts, deployTimeToken, hasDeployTimeValue} from '../../src/facts/deploy-time.js'

describe('deploy-time tokens', () => {
  const value = `arn:aws:sqs:${deployTimeToken('Ref', 'AWS::Region')}:${deployTimeToken('Ref', 'AWS::AccountId')}:q`
  it('are told apart from plain values', () => {
    expect(hasDeployTimeValue(value)).toBe(true)
    expect(hasDeployTimeValue('arn:aws:sqs:us-east-1:123456789012:q')).toBe(false)
  })

  it('list what a value waits on, however often they were tested before', () => {
    for (let i = 0; i < 3; i++) expect(hasDeployTimeValue(value)).toBe(true)
    expect(deployTimeParts(value)).toEqual(['Ref AWS::Region', 'Ref AWS::AccountId'])
    expect(deployTimeParts(value)).toEqual(['Ref AWS::Region', 'Ref AWS::AccountId'])
  })
})
