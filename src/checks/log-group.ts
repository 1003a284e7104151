import {deployTimeParts, hasDeployTimeValue} from '../facts/deploy-time.js'
import type {LogGroupFact} from '../facts/types.js'
import {regionFindings, streamPrefixFindings} from './lib/awslogs-options.js'
import {presenceFindings} from './lib/log-group-fate.js'
import {servedContainer} from './lib/served-container.js'
import {defineCheck, type FindingInput} from './types.js'

export default defineCheck({
  description:
    "Checks that the webhook container logs with the awslogs driver; that its options name a group, a region (the deployment's) and a stream prefix (which Fargate requires); that the group is the one the deployment knows, exists or will be created before the first task starts, and that a group the stack creates is retained, so a failed first deploy that rolls back does not delete the logs that explain it.",
  id: 'log-group',
  subject: 'log-group',
  needs: ['taskDefinition'],
  run({deployment, logGroup, taskDefinition}, profile) {
    const served = servedContainer(taskDefinition, profile)
    if (!served) return []
    const {container} = served
    const log = container.logConfiguration
    const driver = log?.logDriver ?? ''
    if (!log || driver !== 'awslogs') {
      const firelens = driver === 'awsfirelens' || driver === 'firelens'
      return [{
        detail: firelens
          ? 'FireLens sends the logs wherever its router is configured to; doctor reads container logs from CloudWatch Logs, so it finds them only if the router sends them there.'
          : `${log ? `The ${driver} driver sends logs` : 'Without a logConfiguration, Fargate discards the container output, so'} outside CloudWatch Logs: when a task crashes, doctor and the operator cannot read its last lines, which usually say why.`,
        evidence: [`${served.why}: ${log ? `logDriver ${driver}` : 'no logConfiguration'}`],
        fix: firelens
          ? `Make sure the FireLens router also sends to CloudWatch Logs (group ${profile.names.logGroup}), or doctor cannot show why a task crashed.`
          : `Set in container ${container.name}: "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "${logGroup?.name ?? profile.names.logGroup}", "awslogs-region": "${deployment?.region ?? '<region>'}", "awslogs-stream-prefix": "${profile.names.logStreamPrefix}"}}.`,
        impact: 'hygiene',
        severity: firelens ? 'info' : 'warning',
        title: firelens ? 'Container logs go through FireLens' : log ? `Container logs use the ${driver} driver, not awslogs` : 'Container logs go nowhere: no log configuration',
      }]
    }

    const findings: FindingInput[] = [
      ...streamPrefixFindings(log, taskDefinition, container.name, profile.names.logStreamPrefix),
      ...regionFindings(log, deployment, container.name),
    ]
    const groupName = (log.options['awslogs-group'] ?? '').trim()
    if (groupName === '') {
      findings.push({
        detail: 'The awslogs driver needs awslogs-group to know where to write; without it ECS cannot start the container.',
        evidence: [`container ${container.name}: logConfiguration.options has no awslogs-group`],
        fix: `Add "awslogs-group": "${logGroup?.name ?? profile.names.logGroup}" to the logConfiguration options of container ${container.name}.`,
        impact: 'start',
        severity: 'error',
        title: 'awslogs-group is missing',
      })
      return findings
    }

    if (!logGroup) return findings
    const same = compareNames(groupName, logGroup, container.name)
    findings.push(...same.findings)
    if (same.judgePresence) {
      const createGroup = (log.options['awslogs-create-group'] ?? '').toLowerCase() === 'true'
      findings.push(...presenceFindings(logGroup, createGroup, container.name, log.options['awslogs-region'] ?? deployment?.region))
    }

    return findings
  },
  title: 'Container logs reach a log group that survives a rollback',
  uses: ['logGroup', 'deployment'],
})

/** Whether the group the container writes to is the group the facts describe. */
function compareNames(groupName: string, logGroup: LogGroupFact, containerName: string): {findings: FindingInput[]; judgePresence: boolean} {
  if (groupName === logGroup.name) return {findings: [], judgePresence: true}
  const evidence = [`container ${containerName}: awslogs-group = ${groupName}`, `log group of the deployment: ${logGroup.name}`]
  if (hasDeployTimeValue(groupName) || hasDeployTimeValue(logGroup.name)) {
    const parts = [...deployTimeParts(groupName), ...deployTimeParts(logGroup.name)]
    return {
      findings: [{
        detail: `The group name is known only at deploy time (${parts.join(', ')}), so bwops cannot confirm the container writes to ${logGroup.name}; it reports this rather than guess, and judges ${logGroup.name} as the container's group.`,
        evidence,
        fix: `Make sure awslogs-group resolves to ${logGroup.name} (in a template: {"Ref": "<the AWS::Logs::LogGroup's logical id>"}).`,
        impact: 'start',
        severity: 'info',
        title: 'The awslogs group is known only at deploy time',
      }],
      judgePresence: true,
    }
  }

  return {
    findings: [{
      detail: `The container writes to ${groupName}, not to ${logGroup.name}, the group the deployment creates or knows. If ${groupName} does not exist every task stops before starting ("The specified log group does not exist"); if it does, the logs land where neither doctor nor the stack's outputs point.`,
      evidence,
      fix: `Set "awslogs-group": "${logGroup.name}" in the logConfiguration options of container ${containerName} (in a template: a Ref to the AWS::Logs::LogGroup).`,
      impact: 'start',
      severity: 'error',
      title: `awslogs-group ${groupName} is not the deployment's log group ${logGroup.name}`,
    }],
    judgePresence: false,
  }
}
