import {redactText} from '../catalogue/redact.js'
import {classifyStackFailure, isConsequence, isFailedEvent, isFailedStackStatus} from '../catalogue/stack-events.js'
import type {StackEventFact} from '../facts/live-types.js'
import {defineCheck} from './types.js'

function describe(e: StackEventFact): string {
  return `${e.timestamp} ${e.logicalResourceId} (${e.resourceType}) ${e.resourceStatus}${e.resourceStatusReason ? `: ${redactText(e.resourceStatusReason)}` : ''}`
}

export default defineCheck({
  description:
    "When the webhook's CloudFormation stack is in ROLLBACK_*, UPDATE_ROLLBACK_* or *_FAILED, finds the root cause: the first resource event of the last operation with a FAILED status (its logical id, type and reason). The later failures, such as 'Resource creation cancelled', are listed as its consequences.",
  id: 'stack-rollback',
  subject: 'stack',
  needs: ['stack'],
  run({stack}) {
    if (!isFailedStackStatus(stack.status)) return []
    // Events come newest first; the stack's own events (its logical id is the stack name) only
    // summarize the resources' failures.
    const failed = [...stack.events].reverse().filter((e) => isFailedEvent(e) && e.resourceType !== 'AWS::CloudFormation::Stack')
    const root = failed.find((e) => !isConsequence(e)) ?? failed[0]
    const statusLine = `stack ${stack.name}: ${stack.status}${stack.statusReason ? ` (${redactText(stack.statusReason)})` : ''}`
    if (!root) {
      return [
        {
          detail: 'The stack\'s last operation failed, but no failed resource event was found to say why (the events may have aged out).',
          evidence: [statusLine],
          fix: `Read the stack's events: \`aws cloudformation describe-stack-events --stack-name ${stack.name}\`, oldest FAILED first.`,
          impact: 'start',
          severity: 'error',
          title: `Stack ${stack.name} is ${stack.status}`,
        },
      ]
    }

    const cause = classifyStackFailure(root)
    const consequences = failed.filter((e) => e !== root)
    return [
      {
        detail: `${cause.cause} ${root.logicalResourceId} (${root.resourceType}) failed first${root.resourceStatusReason ? `: ${redactText(root.resourceStatusReason)}` : ''}; ${consequences.length === 0 ? 'nothing else failed' : `${consequences.length} later failure${consequences.length === 1 ? ' is a consequence' : 's are consequences'} of it`}.`,
        evidence: [statusLine, `root: ${describe(root)}`, ...consequences.map((e) => `consequence: ${describe(e)}`)],
        fix: cause.fix,
        impact: 'start',
        severity: 'error',
        title: `Stack ${stack.name} rolled back: ${root.logicalResourceId} (${root.resourceType}) failed: ${cause.title}`,
      },
    ]
  },
  title: 'The webhook stack is not rolled back',
})
