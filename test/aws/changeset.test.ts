import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  ExecuteChangeSetCommand,
  type ResourceStatus,
} from '@aws-sdk/client-cloudformation'
import {mockClient} from 'aws-sdk-client-mock'
import {describe, expect, it} from 'vitest'

import {createChangeSet, deleteChangeSet, deleteStack, describeChangeSet, executeChangeSet} from '../../src/aws/changeset.js'
import {stackEventsSince} from '../../src/aws/cloudformation.js'
import {awsError, ctxOf, region} from './helpers.js'

const CHANGE_SET = 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/bwops-1/abc'
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/S/abc'
const change = (id: string) => ({ResourceChange: {Action: 'Modify' as const, LogicalResourceId: id, ResourceType: 'AWS::ECS::Service'}, Type: 'Resource' as const})

function setup() {
  const cloudformation = new CloudFormationClient(region)
  return {ctx: ctxOf({cloudformation}), mock: mockClient(cloudformation)}
}

describe('change set adapter', () => {
  it('creates a change set with the parameters as key/value pairs, and counts the call', async () => {
    const {ctx, mock} = setup()
    mock.on(CreateChangeSetCommand).resolves({Id: CHANGE_SET, StackId: STACK_ID})
    const created = await createChangeSet(ctx, {
      capabilities: ['CAPABILITY_IAM'], changeSetName: 'bwops-1', description: 'd', parameters: {Mode: 'legacy'}, stackName: 'S', templateBody: '{}', type: 'UPDATE',
    })
    expect(created).toEqual({id: CHANGE_SET, stackId: STACK_ID})
    expect(mock.commandCalls(CreateChangeSetCommand)[0]?.args[0].input).toEqual({
      Capabilities: ['CAPABILITY_IAM'], ChangeSetName: 'bwops-1', ChangeSetType: 'UPDATE', Description: 'd', Parameters: [{ParameterKey: 'Mode', ParameterValue: 'legacy'}], StackName: 'S', TemplateBody: '{}',
    })
    expect(ctx.counter.summary()).toEqual({byOperation: {'cloudformation:CreateChangeSet': 1}, total: 1})
  })

  it('describes a change set over every page, keeping the first page\'s status', async () => {
    const {ctx, mock} = setup()
    mock
      .on(DescribeChangeSetCommand)
      .resolvesOnce({ChangeSetId: CHANGE_SET, Changes: [change('A')], ExecutionStatus: 'AVAILABLE', NextToken: 'p2', StackId: STACK_ID, Status: 'CREATE_COMPLETE'})
      .resolvesOnce({ChangeSetId: CHANGE_SET, Changes: [change('B')], StackId: STACK_ID, Status: 'CREATE_COMPLETE'})
    const out = await describeChangeSet(ctx, CHANGE_SET)
    expect(out).toMatchObject({ChangeSetId: CHANGE_SET, ExecutionStatus: 'AVAILABLE', StackId: STACK_ID, Status: 'CREATE_COMPLETE'})
    expect(out?.Changes.map((c) => c.ResourceChange?.LogicalResourceId)).toEqual(['A', 'B'])
    expect(mock.commandCalls(DescribeChangeSetCommand)[1]?.args[0].input).toEqual({ChangeSetName: CHANGE_SET, NextToken: 'p2'})
  })

  it('says a change set that is gone as a value, on describe and delete, and rethrows other errors', async () => {
    const {ctx, mock} = setup()
    mock.on(DescribeChangeSetCommand).rejects(awsError('ChangeSetNotFoundException', `ChangeSet [${CHANGE_SET}] does not exist`))
    mock.on(DeleteChangeSetCommand).rejectsOnce(awsError('ChangeSetNotFoundException', 'gone')).resolvesOnce({}).rejectsOnce(awsError('InvalidChangeSetStatusException', 'executing'))
    expect(await describeChangeSet(ctx, CHANGE_SET)).toBeUndefined()
    expect(await deleteChangeSet(ctx, CHANGE_SET)).toBe(false)
    expect(await deleteChangeSet(ctx, CHANGE_SET)).toBe(true)
    await expect(deleteChangeSet(ctx, CHANGE_SET)).rejects.toMatchObject({action: 'cloudformation:DeleteChangeSet', awsName: 'InvalidChangeSetStatusException', kind: 'other'})
  })

  it('executes a change set and deletes a stack, naming the permission when denied', async () => {
    const {ctx, mock} = setup()
    mock.on(ExecuteChangeSetCommand).resolves({})
    mock.on(DeleteStackCommand).rejects(awsError('AccessDenied', 'User: arn:aws:iam::123456789012:user/ops is not authorized to perform: cloudformation:DeleteStack'))
    await executeChangeSet(ctx, CHANGE_SET)
    expect(mock.commandCalls(ExecuteChangeSetCommand)[0]?.args[0].input).toEqual({ChangeSetName: CHANGE_SET})
    await expect(deleteStack(ctx, STACK_ID)).rejects.toThrow('AccessDenied calling cloudformation:DeleteStack: grant cloudformation:DeleteStack to arn:aws:iam::123456789012:user/ops')
  })
})

describe('stack events since a time', () => {
  const at = (s: number) => new Date(Date.UTC(2025, 2, 1, 12, 0, s))
  const ev = (id: string, s: number) => ({EventId: `${id}-${s}`, LogicalResourceId: id, ResourceStatus: 'UPDATE_COMPLETE' as ResourceStatus, ResourceType: 'AWS::ECS::Service', StackId: STACK_ID, StackName: 'S', Timestamp: at(s)})

  it('pages back only until an event older than the time', async () => {
    const {ctx, mock} = setup()
    mock
      .on(DescribeStackEventsCommand)
      .resolvesOnce({NextToken: 'p2', StackEvents: [ev('C', 30), ev('B', 20)]})
      .resolvesOnce({NextToken: 'p3', StackEvents: [ev('A', 10), ev('Old', 1)]})
      .resolvesOnce({StackEvents: [ev('Older', 0)]})
    const events = await stackEventsSince(ctx, 'S', at(5))
    expect(events.map((e) => e.LogicalResourceId)).toEqual(['C', 'B', 'A'])
    expect(mock.commandCalls(DescribeStackEventsCommand)).toHaveLength(2)
  })
})
