import {
  type CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  type Stack,
  type StackEvent,
  type StackResource,
} from '@aws-sdk/client-cloudformation'

import {call, type CallContext} from './calls.js'
import {isAwsNotFound} from './errors.js'

type Ctx = CallContext<{cloudformation: CloudFormationClient}>

/** DescribeStacks for one stack (name or ARN); undefined when it does not exist in this region. */
export async function describeStack(ctx: Ctx, stackName: string): Promise<Stack | undefined> {
  try {
    const out = await call(ctx, 'cloudformation:DescribeStacks', () =>
      ctx.clients.cloudformation.send(new DescribeStacksCommand({StackName: stackName})),
    )
    return out.Stacks?.[0]
  } catch (error) {
    // CloudFormation says "Stack with id X does not exist" as a ValidationError
    if (isAwsNotFound(error)) return undefined
    throw error
  }
}

/** The stack's own event that opens an operation (not a rollback or cleanup inside one). */
function startsOperation(event: StackEvent, stackName: string, stackId?: string): boolean {
  const own = event.ResourceType === 'AWS::CloudFormation::Stack' && (event.PhysicalResourceId === stackId || event.LogicalResourceId === stackName)
  return own && /^(CREATE|UPDATE|DELETE|IMPORT)_IN_PROGRESS$/.test(event.ResourceStatus ?? '')
}

/**
 * DescribeStackEvents, newest first, paging back only to the start of the last operation: older
 * operations cannot explain the current state, and a long-lived stack has thousands of events.
 */
export async function stackEventsOfLastOperation(ctx: Ctx, stackName: string, stackId?: string, maxPages = 20): Promise<StackEvent[]> {
  const events: StackEvent[] = []
  let nextToken: string | undefined
  let pages = 0
  do {
    const out = await call(ctx, 'cloudformation:DescribeStackEvents', () =>
      ctx.clients.cloudformation.send(new DescribeStackEventsCommand({NextToken: nextToken, StackName: stackId ?? stackName})),
    )
    for (const event of out.StackEvents ?? []) {
      events.push(event)
      if (startsOperation(event, stackName, stackId)) return events
    }

    nextToken = out.NextToken
  } while (nextToken && ++pages < maxPages)
  return events
}

/**
 * DescribeStackEvents, newest first, paging back only to `since`: a watch wants what happened
 * after it started, each poll, without reading the stack's history again.
 */
export async function stackEventsSince(ctx: Ctx, stackName: string, since: Date, maxPages = 20): Promise<StackEvent[]> {
  const events: StackEvent[] = []
  let nextToken: string | undefined
  let pages = 0
  do {
    const out = await call(ctx, 'cloudformation:DescribeStackEvents', () =>
      ctx.clients.cloudformation.send(new DescribeStackEventsCommand({NextToken: nextToken, StackName: stackName})),
    )
    for (const event of out.StackEvents ?? []) {
      if (!event.Timestamp || event.Timestamp < since) return events
      events.push(event)
    }

    nextToken = out.NextToken
  } while (nextToken && ++pages < maxPages)
  return events
}

/** DescribeStackResources: every resource of the stack with its physical id. */
export async function describeStackResources(ctx: Ctx, stackName: string): Promise<StackResource[]> {
  const out = await call(ctx, 'cloudformation:DescribeStackResources', () =>
    ctx.clients.cloudformation.send(new DescribeStackResourcesCommand({StackName: stackName})),
  )
  return out.StackResources ?? []
}

/** GetTemplate: the stack's template as it was given (JSON for a CDK app), or undefined when it has none. */
export async function getTemplateBody(ctx: Ctx, stackName: string): Promise<string | undefined> {
  const out = await call(ctx, 'cloudformation:GetTemplate', () =>
    ctx.clients.cloudformation.send(new GetTemplateCommand({StackName: stackName, TemplateStage: 'Original'})),
  )
  return out?.TemplateBody
}
