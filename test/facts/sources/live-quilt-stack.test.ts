import {CloudFormationClient, DescribeStacksCommand} from '@aws-sdk/client-cloudformation'
import {mockClient} from 'aws-sdk-client-mock'
import {describe, expect, test} from 'vitest'

import type {AwsContext} from '../../../src/aws/clients.js'
import {LiveRun, type LiveTarget} from '../../../src/facts/sources/live-run.js'
import {quiltStackFact} from '../../../src/facts/sources/live-quilt-stack.js'
import {benchlingWebhookProfile as profile} from '../../../src/profile/benchling-webhook.js'
import {awsError, ctxOf} from '../../aws/helpers.js'

// The app (v0.7.10) looks its Quilt stack up in the region of QuiltStackARN; bwops does the same.
const ID = '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b'
const arnIn = (region: string) => `arn:aws:cloudformation:${region}:123456789012:stack/quilt-prod/${ID}`
const creds = {credentials: {accessKeyId: 'test', secretAccessKey: 'test'}}

function setup(stacksIn: Record<string, string[]>) {
  const clients: Record<string, CloudFormationClient> = {}
  const made: string[] = []
  for (const region of ['ap-south-1', 'ca-central-1']) {
    const client = new CloudFormationClient({...creds, region})
    mockClient(client).on(DescribeStacksCommand).callsFake((input: {StackName?: string}) => {
      const name = input.StackName ?? ''
      const hit = (stacksIn[region] ?? []).some((s) => s === name || arnIn(region) === name)
      if (!hit) throw awsError('ValidationError', `Stack with id ${name} does not exist`)
      return {Stacks: [{CreationTime: new Date(0), Outputs: [{OutputKey: 'UserAthenaDatabaseName', OutputValue: 'db'}], StackId: arnIn(region), StackName: 'quilt-prod', StackStatus: 'UPDATE_COMPLETE'}]}
    })
    clients[region] = client
  }

  const ctx = {...ctxOf({cloudformation: clients['ap-south-1']}), region: 'ap-south-1'} as unknown as AwsContext
  const run = new LiveRun(ctx, {cluster: 'c', region: 'ap-south-1', seen: {service: {}}, service: 's'} as LiveTarget, profile, (region) => {
    made.push(region)
    return clients[region] as CloudFormationClient
  })
  return {ctx, made, run}
}

describe('the Quilt stack, where the app looks for it', () => {
  test.each<{name: string; arn: string; stacks: Record<string, string[]>; expected: object; calls: number}>([
    {
      arn: arnIn('ap-south-1'),
      calls: 1,
      expected: {name: 'quilt-prod', outputs: {UserAthenaDatabaseName: 'db'}, region: 'ap-south-1'},
      name: 'in the region the service runs in',
      stacks: {'ap-south-1': ['quilt-prod']},
    },
    {
      arn: arnIn('ca-central-1'),
      calls: 1,
      expected: {arn: arnIn('ca-central-1'), outputs: {UserAthenaDatabaseName: 'db'}, region: 'ca-central-1'},
      name: 'in another region, and there: read there',
      stacks: {'ca-central-1': ['quilt-prod']},
    },
    {
      arn: arnIn('ca-central-1'),
      calls: 2,
      expected: {elsewhere: {arn: arnIn('ap-south-1'), region: 'ap-south-1'}, missing: true, name: 'quilt-prod', outputs: {}, region: 'ca-central-1'},
      name: 'in another region, not there, but where the service runs',
      stacks: {'ap-south-1': ['quilt-prod']},
    },
    {
      arn: arnIn('ap-south-1'),
      calls: 1,
      expected: {missing: true, name: 'quilt-prod', region: 'ap-south-1'},
      name: 'nowhere',
      stacks: {},
    },
  ])('$name', async ({arn, calls, expected, stacks}) => {
    const {ctx, run} = setup(stacks)
    const result = await quiltStackFact(run, arn)
    expect(result.ok && result.value).toMatchObject(expected)
    if (!('elsewhere' in expected)) expect(result.ok && result.value.elsewhere).toBeUndefined()
    expect(ctx.counter.summary().byOperation['cloudformation:DescribeStacks']).toBe(calls)
  })
})
