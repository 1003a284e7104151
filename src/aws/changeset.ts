import {
  type Capability,
  type Change,
  type ChangeSetType,
  type CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  type DescribeChangeSetOutput,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation'

import {call, type CallContext} from './calls.js'
import {isAwsNotFound} from './errors.js'

// The CloudFormation calls that change a stack, which only deploy makes: a change set's life
// (create, describe, execute or delete) and removing the empty stack a refused first change set
// leaves. cloudformation.ts only reads.

type Ctx = CallContext<{cloudformation: CloudFormationClient}>

export interface ChangeSetRequest {
  stackName: string
  changeSetName: string
  type: ChangeSetType
  templateBody: string
  parameters: Record<string, string>
  description: string
  capabilities: Capability[]
}

/** CreateChangeSet; the ids of the change set and of its stack (made, in REVIEW_IN_PROGRESS, for a CREATE). */
export async function createChangeSet(ctx: Ctx, request: ChangeSetRequest): Promise<{id: string; stackId: string}> {
  const out = await call(ctx, 'cloudformation:CreateChangeSet', () =>
    ctx.clients.cloudformation.send(
      new CreateChangeSetCommand({
        Capabilities: request.capabilities,
        ChangeSetName: request.changeSetName,
        ChangeSetType: request.type,
        Description: request.description,
        Parameters: Object.entries(request.parameters).map(([ParameterKey, ParameterValue]) => ({ParameterKey, ParameterValue})),
        StackName: request.stackName,
        TemplateBody: request.templateBody,
      }),
    ),
  )
  return {id: out.Id ?? request.changeSetName, stackId: out.StackId ?? request.stackName}
}

/** The first page's fields (status, ids), with the changes of every page. */
export type ChangeSetDescription = Omit<DescribeChangeSetOutput, 'Changes' | 'NextToken'> & {Changes: Change[]}

/** DescribeChangeSet, every page; undefined when the change set does not exist (deleted meanwhile). */
export async function describeChangeSet(ctx: Ctx, changeSet: string, maxPages = 50): Promise<ChangeSetDescription | undefined> {
  let head: ChangeSetDescription | undefined
  let nextToken: string | undefined
  let pages = 0
  do {
    let out
    try {
      out = await call(ctx, 'cloudformation:DescribeChangeSet', () =>
        ctx.clients.cloudformation.send(new DescribeChangeSetCommand({ChangeSetName: changeSet, NextToken: nextToken})),
      )
    } catch (error) {
      if (isAwsNotFound(error)) return undefined
      throw error
    }

    const {$metadata: _, Changes = [], NextToken, ...fields} = out
    if (head) head.Changes.push(...Changes)
    else head = {...fields, Changes: [...Changes]}
    nextToken = NextToken
  } while (nextToken && ++pages < maxPages)
  return head
}

export async function executeChangeSet(ctx: Ctx, changeSet: string): Promise<void> {
  await call(ctx, 'cloudformation:ExecuteChangeSet', () => ctx.clients.cloudformation.send(new ExecuteChangeSetCommand({ChangeSetName: changeSet})))
}

/** DeleteChangeSet; false when it was already gone. */
export async function deleteChangeSet(ctx: Ctx, changeSet: string): Promise<boolean> {
  try {
    await call(ctx, 'cloudformation:DeleteChangeSet', () => ctx.clients.cloudformation.send(new DeleteChangeSetCommand({ChangeSetName: changeSet})))
    return true
  } catch (error) {
    if (isAwsNotFound(error)) return false
    throw error
  }
}

/** DeleteStack (CloudFormation answers a missing stack with success, so there is no not-found here). */
export async function deleteStack(ctx: Ctx, stackName: string): Promise<void> {
  await call(ctx, 'cloudformation:DeleteStack', () => ctx.clients.cloudformation.send(new DeleteStackCommand({StackName: stackName})))
}
