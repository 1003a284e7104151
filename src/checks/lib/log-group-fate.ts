import type {LogGroupFact} from '../../facts/types.js'
import type {FindingInput} from '../types.js'

// Whether the log group exists when a task starts, and whether it outlives a failed deployment.

export function presenceFindings(group: LogGroupFact, createGroup: boolean, containerName: string, region: string | undefined): FindingInput[] {
  const seen = `log group ${group.name}: ${describePresence(group.presence)}`
  if (group.presence === 'missing') {
    return createGroup
      ? [{
          detail: 'The log group does not exist yet; awslogs-create-group=true makes ECS create it when the first task starts. That needs logs:CreateLogGroup on the execution role, and the group it creates keeps logs forever and belongs to no stack.',
          evidence: [seen, `container ${containerName}: awslogs-create-group=true`],
          fix: `Make sure the execution role allows logs:CreateLogGroup on ${group.name}, or create the group beforehand: aws logs create-log-group --log-group-name ${group.name}${region ? ` --region ${region}` : ''}.`,
          impact: 'start',
          severity: 'info',
          title: 'The log group will be created by the first task',
        }]
      : [{
          detail: 'The awslogs driver writes only to an existing group unless awslogs-create-group is true, so every task stops before the app runs: "ResourceInitializationError: failed to validate logger args: The specified log group does not exist".',
          evidence: [seen, `container ${containerName}: awslogs-create-group is not true`],
          fix: `Create the group: aws logs create-log-group --log-group-name ${group.name}${region ? ` --region ${region}` : ''} (better: an AWS::Logs::LogGroup in the stack with DeletionPolicy: Retain), or add "awslogs-create-group": "true" to the log options and allow logs:CreateLogGroup to the execution role.`,
          impact: 'start',
          severity: 'error',
          title: `The log group ${group.name} does not exist`,
        }]
  }

  const findings: FindingInput[] = []
  if (group.presence === 'stack') findings.push(...deletionFindings(group, seen))
  if ((group.presence === 'stack' || group.presence === 'account') && group.retentionInDays === undefined) {
    findings.push({
      detail: 'Without a retention period CloudWatch Logs keeps every line forever, and the bill grows with it.',
      evidence: [`${seen}, no retention set`],
      fix:
        group.presence === 'stack'
          ? 'Set RetentionInDays on the AWS::Logs::LogGroup (in CDK: retention: RetentionDays.ONE_MONTH).'
          : `aws logs put-retention-policy --log-group-name ${group.name} --retention-in-days 30${region ? ` --region ${region}` : ''}`,
      impact: 'hygiene',
      severity: 'info',
      title: 'The log group keeps logs forever',
    })
  }

  return findings
}

function deletionFindings(group: LogGroupFact, seen: string): FindingInput[] {
  const policy = group.deletionPolicy
  const retainFix =
    'Add `DeletionPolicy: Retain` and `UpdateReplacePolicy: Retain` to the AWS::Logs::LogGroup resource (in CDK: removalPolicy: RemovalPolicy.RETAIN on the LogGroup).'
  if (policy === undefined || policy.toLowerCase() !== 'retain') {
    return [{
      detail:
        policy?.toLowerCase() === 'retainexceptoncreate'
          ? 'RetainExceptOnCreate deletes the group when the deployment that created it rolls back: a failed first deploy takes its own logs with it, and with them the only record of why the tasks died.'
          : `The stack deletes the group when it is deleted or rolls back (DeletionPolicy ${policy ?? "not set: CloudFormation's default is Delete"}); a failed first deploy that rolls back takes the logs of the crashed tasks with it, and with them the only record of why they died.`,
      evidence: [`${seen}, DeletionPolicy ${policy ?? 'not set (Delete)'}`],
      fix: retainFix,
      impact: 'hygiene',
      severity: 'warning',
      title: 'The log group does not survive a rollback',
    }]
  }

  if (group.updateReplacePolicy?.toLowerCase() === 'retain') return []
  return [{
    detail: `The group is kept on delete, but an update that replaces it (a new name, for instance) deletes the old group and its logs (UpdateReplacePolicy ${group.updateReplacePolicy ?? 'not set: Delete'}).`,
    evidence: [`${seen}, DeletionPolicy Retain, UpdateReplacePolicy ${group.updateReplacePolicy ?? 'not set (Delete)'}`],
    fix: retainFix,
    impact: 'hygiene',
    severity: 'info',
    title: 'The log group is deleted when the stack replaces it',
  }]
}

function describePresence(presence: LogGroupFact['presence']): string {
  const words: Record<LogGroupFact['presence'], string> = {
    account: 'exists in the account',
    missing: 'does not exist',
    stack: 'created by the stack',
    unknown: 'existence unknown',
  }
  return words[presence]
}
