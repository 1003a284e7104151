import type {Stack, StackEvent} from '@aws-sdk/client-cloudformation'

import * as changesets from '../../aws/changeset.js'
import {describeStack, stackEventsSince} from '../../aws/cloudformation.js'
import type {DeployAwsContext} from '../../aws/deploy-clients.js'
import {redactText} from '../../catalogue/redact.js'
import {UserError} from '../../errors.js'
import type {StackEventFact} from '../../facts/live-types.js'
import type {CloudFormationApi, ResourceChangeView, StackView} from '../clients.js'

// Deploy's view of CloudFormation over the shared adapters (src/aws/cloudformation.ts reads,
// src/aws/changeset.ts changes): AWS's shapes turned into the small views deploy's logic reads.

const record = (pairs: {key?: string; value?: string}[]) =>
  Object.fromEntries(pairs.filter((p) => p.key !== undefined).map((p) => [p.key, p.value ?? '']))

function stackView(stack: Stack, nameOrArn: string): StackView {
  return {
    id: stack.StackId ?? nameOrArn,
    name: stack.StackName ?? nameOrArn,
    outputs: record((stack.Outputs ?? []).map((o) => ({key: o.OutputKey, value: o.OutputValue}))),
    parameters: record((stack.Parameters ?? []).map((p) => ({key: p.ParameterKey, value: p.ParameterValue}))),
    status: stack.StackStatus ?? 'UNKNOWN',
    ...(stack.StackStatusReason ? {statusReason: stack.StackStatusReason} : {}),
  }
}

/** As the live fact source records events: the reason redacted, times as ISO strings. */
function eventFact(e: StackEvent): StackEventFact {
  return {
    logicalResourceId: e.LogicalResourceId ?? '?',
    ...(e.PhysicalResourceId ? {physicalResourceId: e.PhysicalResourceId} : {}),
    resourceStatus: e.ResourceStatus ?? '?',
    ...(e.ResourceStatusReason ? {resourceStatusReason: redactText(e.ResourceStatusReason)} : {}),
    resourceType: e.ResourceType ?? '?',
    timestamp: e.Timestamp?.toISOString() ?? '',
  }
}

export function cloudFormationApi(ctx: DeployAwsContext): CloudFormationApi {
  return {
    async createChangeSet(input) {
      // the template's roles are unnamed: CAPABILITY_IAM, not CAPABILITY_NAMED_IAM
      return changesets.createChangeSet(ctx, {...input, capabilities: ['CAPABILITY_IAM']})
    },

    async deleteChangeSet(changeSetId) {
      await changesets.deleteChangeSet(ctx, changeSetId)
    },

    async deleteStack(nameOrArn) {
      await changesets.deleteStack(ctx, nameOrArn)
    },

    async describeChangeSet(changeSetId) {
      const out = await changesets.describeChangeSet(ctx, changeSetId)
      if (!out) {
        throw new UserError(`The change set ${changeSetId} is gone: it was deleted while bwops waited for it.`, 'Run the deploy again.')
      }

      const changes: ResourceChangeView[] = out.Changes.flatMap((change) => {
        const rc = change.ResourceChange
        if (!rc) return []
        return [
          {
            action: rc.Action ?? 'Unknown',
            logicalId: rc.LogicalResourceId ?? '?',
            ...(rc.Replacement ? {replacement: rc.Replacement} : {}),
            scope: (rc.Details ?? []).map((d) => d.Target?.Name ?? d.Target?.Attribute ?? '').filter(Boolean),
            type: rc.ResourceType ?? '?',
          },
        ]
      })
      return {
        changes,
        ...(out.ExecutionStatus ? {executionStatus: out.ExecutionStatus} : {}),
        id: out.ChangeSetId ?? changeSetId,
        stackId: out.StackId ?? '',
        status: out.Status ?? 'UNKNOWN',
        ...(out.StatusReason ? {statusReason: out.StatusReason} : {}),
      }
    },

    async describeStack(nameOrArn) {
      const stack = await describeStack(ctx, nameOrArn)
      return stack ? stackView(stack, nameOrArn) : undefined
    },

    async eventsSince(nameOrArn, since) {
      return (await stackEventsSince(ctx, nameOrArn, since)).map(eventFact)
    },

    async executeChangeSet(changeSetId) {
      await changesets.executeChangeSet(ctx, changeSetId)
    },
  }
}
