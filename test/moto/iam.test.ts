import {CreateRoleCommand, IAMClient, PutRolePolicyCommand} from '@aws-sdk/client-iam'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {createAwsContext} from '../../src/aws/clients.js'
import {LiveIamAnswers} from '../../src/facts/sources/live-iam-simulate.js'
import {motoForTests} from './server.js'
import {ACCOUNT, sdkConfig, useMotoCredentials} from './seed.js'

// The live doctor asks iam:SimulatePrincipalPolicy first. moto does not implement it: it answers
// HTTP 500 (AWS would evaluate the role's policies). bwops must not crash on that: the questions
// are answered by the local evaluator over the fetched policies, and the method says why.

const moto = await motoForTests()
const REGION = 'us-east-1'

describe.skipIf(!moto.ok)(`IAM answers against moto${moto.ok ? '' : ` (skipped: ${moto.reason})`}`, {timeout: 120_000}, () => {
  let restore: () => void
  beforeAll(() => {
    restore = useMotoCredentials()
  })
  afterAll(async () => {
    restore()
    await moto.stop()
  })

  it('a server error from iam:SimulatePrincipalPolicy falls back to local evaluation, said in the method', async () => {
    const iam = new IAMClient(sdkConfig(moto.endpoint, REGION))
    const trust = {Statement: [{Action: 'sts:AssumeRole', Effect: 'Allow', Principal: {Service: 'ecs-tasks.amazonaws.com'}}], Version: '2012-10-17'}
    const role = (await iam.send(new CreateRoleCommand({AssumeRolePolicyDocument: JSON.stringify(trust), RoleName: 'webhook-task'}))).Role?.Arn ?? ''
    const policy = {Statement: [{Action: 's3:GetObject', Effect: 'Allow', Resource: 'arn:aws:s3:::quilt-user-bucket/*'}], Version: '2012-10-17'}
    await iam.send(new PutRolePolicyCommand({PolicyDocument: JSON.stringify(policy), PolicyName: 'read', RoleName: 'webhook-task'}))
    // bwops's own configuration (no AWS_MAX_ATTEMPTS): the SDK sends the request once, and call()
    // does not retry a 500 but remembers it for the run
    const ctx = await createAwsContext({endpointUrl: moto.endpoint, region: REGION})
    const answers = new LiveIamAnswers(ctx)
    const ask = (action: string, resource: string) => answers.ask({account: ACCOUNT, action, identity: [{document: policy, name: 'read'}], principal: role, resource})
    const [allowed, denied] = await Promise.all([ask('s3:GetObject', 'arn:aws:s3:::quilt-user-bucket/pkg/x'), ask('s3:PutObject', 'arn:aws:s3:::quilt-user-bucket/pkg/x')])
    expect(allowed.decision).toBe('allowed')
    expect(denied.decision).toBe('implicitly-denied')
    // another role and resource, asked later: the first server error decided for the whole run
    const later = await ask('s3:GetObject', 'arn:aws:s3:::quilt-user-bucket/other')
    expect(later.decision).toBe('allowed')
    expect(ctx.counter.summary().byOperation['iam:SimulatePrincipalPolicy']).toBe(1)
    const failure = ctx.counter.unavailable.get('iam:SimulatePrincipalPolicy')
    expect(failure?.httpStatus).toBe(500)
    expect(failure?.attempts).toBe(1)
    expect(Object.keys(ctx.counter.summary().unavailable ?? {})).toEqual(['iam:SimulatePrincipalPolicy'])
    const used = answers.used()
    expect(used.method).toBe('local (bwops evaluator)')
    expect(used.note).toMatch(/^3 questions evaluated locally: \S+ \(HTTP 500\) calling iam:SimulatePrincipalPolicy, so the rest of the run asks it no more$/)
  })
})
