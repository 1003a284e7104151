import {
  type CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation'

import type {StackEventFact} from '../../facts/live-types.js'
import type {ChangeSetView, CloudFormationApi, ResourceChangeView} from '../clients.js'

const MISSING_STACK = /does not exist/

export function cloudFormationApi(client: CloudFormationClient): CloudFormationApi {
  return {
    async createChangeSet(input) {
      const out = await client.send(
        new CreateChangeSetCommand({
          // the roles are unnamed: CAPABILITY_IAM, not NAMED_IAM
          Capabilities: ['CAPABILITY_IAM'],
          ChangeSetName: input.changeSetName,
          ChangeSetType: input.type,
          Description: input.description,
          Parameters: Object.entries(input.parameters).map(([ParameterKey, ParameterValue]) => ({ParameterKey, ParameterValue})),
          StackName: input.stackName,
          TemplateBody: input.templateBody,
        }),
      )
      return {id: out.Id ?? input.changeSetName, stackId: out.StackId ?? input.stackName}
    },

    async deleteChangeSet(changeSetId) {
      await client.send(new DeleteChangeSetCommand({ChangeSetName: changeSetId}))
    },

    async deleteStack(nameOrArn) {
      await client.send(new DeleteStackCommand({StackName: nameOrArn}))
    },

    async describeChangeSet(changeSetId) {
      const changes: ResourceChangeView[] = []
      let token: string | undefined
      let view: Omit<ChangeSetView, 'changes'> | undefined
      do {
        const out = await client.send(new DescribeChangeSetCommand({ChangeSetName: changeSetId, NextToken: token}))
        view ??= {
          executionStatus: out.ExecutionStatus,
          id: out.ChangeSetId ?? changeSetId,
          stackId: out.StackId ?? '',
          status: out.Status ?? 'UNKNOWN',
          statusReason: out.StatusReason,
        }
        for (const change of out.Changes ?? []) {
          const rc = change.ResourceChange
          if (!rc) continue
          changes.push({
            action: rc.Action ?? 'Unknown',
            logicalId: rc.LogicalResourceId ?? '?',
            replacement: rc.Replacement,
            scope: (rc.Details ?? []).map((d) => d.Target?.Name ?? d.Target?.Attribute ?? '').filter(Boolean),
            type: rc.ResourceType ?? '?',
          })
        }

        token = out.NextToken
      } while (token)
      return {...(view as Omit<ChangeSetView, 'changes'>), changes}
    },

    async describeStack(nameOrArn) {
      try {
        const out = await client.send(new DescribeStacksCommand({StackName: nameOrArn}))
        const stack = out.Stacks?.[0]
        if (!stack) return undefined
        return {
          id: stack.StackId ?? nameOrArn,
          name: stack.StackName ?? nameOrArn,
          outputs: Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? ''])),
          parameters: Object.fromEntries((stack.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? ''])),
          status: stack.StackStatus ?? 'UNKNOWN',
          statusReason: stack.StackStatusReason,
        }
      } catch (error) {
        // CloudFormation says a stack is missing with a ValidationError, not a not-found code
        if (error instanceof Error && error.name === 'ValidationError' && MISSING_STACK.test(error.message)) return undefined
        throw error
      }
    },

    async eventsSince(nameOrArn, since) {
      const events: StackEventFact[] = []
      let token: string | undefined
      do {
        const out = await client.send(new DescribeStackEventsCommand({NextToken: token, StackName: nameOrArn}))
        for (const e of out.StackEvents ?? []) {
          if (!e.Timestamp || e.Timestamp < since) return events
          events.push({
            logicalResourceId: e.LogicalResourceId ?? '?',
            physicalResourceId: e.PhysicalResourceId,
            resourceStatus: e.ResourceStatus ?? '?',
            resourceStatusReason: e.ResourceStatusReason,
            resourceType: e.ResourceType ?? '?',
            timestamp: e.Timestamp.toISOString(),
          })
        }

        token = out.NextToken
      } while (token)
      return events
    },

    async executeChangeSet(changeSetId) {
      await client.send(new ExecuteChangeSetCommand({ChangeSetName: changeSetId}))
    },
  }
}
