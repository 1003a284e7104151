import {deployTimeParts, hasDeployTimeValue} from '../../facts/deploy-time.js'
import type {DeploymentContext, LogConfiguration, TaskDefinition} from '../../facts/types.js'
import type {FindingInput} from '../types.js'

// The awslogs driver's own options: stream prefix and region. The group is judged with the
// log group fact, in log-group.ts.

/** The pseudo parameter a template uses for "the region this stack is deployed in". */
const STACK_REGION = /^\{\{Ref:AWS::Region\}\}$/

export function streamPrefixFindings(log: LogConfiguration, td: TaskDefinition, containerName: string, suggestion: string): FindingInput[] {
  if ((log.options['awslogs-stream-prefix'] ?? '').trim() !== '') return []
  const fargate = td.requiresCompatibilities?.some((c) => c.toUpperCase() === 'FARGATE') ?? false
  return [{
    detail: fargate
      ? 'AWS requires awslogs-stream-prefix for tasks on Fargate: without it the container cannot start its log driver and the task stops before the app runs.'
      : "Without awslogs-stream-prefix the log streams are named after Docker's container id, so neither doctor nor a person can find the stream of a given task from its task id.",
    evidence: [`container ${containerName}: logConfiguration.options has no awslogs-stream-prefix${fargate ? ' (requiresCompatibilities FARGATE)' : ''}`],
    fix: `Add "awslogs-stream-prefix": "${suggestion}" to the logConfiguration options of container ${containerName}; streams are then named ${suggestion}/${containerName}/<task id>.`,
    impact: fargate ? 'start' : 'hygiene',
    severity: fargate ? 'error' : 'warning',
    title: fargate ? 'awslogs-stream-prefix is missing, and Fargate requires it' : 'awslogs-stream-prefix is missing',
  }]
}

export function regionFindings(log: LogConfiguration, deployment: DeploymentContext | undefined, containerName: string): FindingInput[] {
  const region = log.options['awslogs-region']
  const where = `container ${containerName}: logConfiguration.options`
  const wanted = deployment?.region
  if (region === undefined || region.trim() === '') {
    return [{
      detail: 'AWS documents awslogs-region as required: it names the region whose CloudWatch Logs receive the container output. Without it the driver may not know where to send logs, and the task can fail to start.',
      evidence: [`${where} has no awslogs-region`],
      fix: `Add "awslogs-region": "${wanted ?? '<the region the service runs in>'}" to the logConfiguration options of container ${containerName} (in a template: {"Ref": "AWS::Region"}).`,
      impact: 'start',
      severity: 'warning',
      title: 'awslogs-region is missing',
    }]
  }

  if (STACK_REGION.test(region) || wanted === undefined || hasDeployTimeValue(wanted) || region === wanted) return []
  if (hasDeployTimeValue(region)) {
    return [{
      detail: `awslogs-region is known only at deploy time (${deployTimeParts(region).join(', ')}); bwops reports it rather than guess whether it is ${wanted}.`,
      evidence: [`${where} awslogs-region = ${region}`, `deployment region ${wanted}`],
      fix: `Make sure the value given for ${deployTimeParts(region).join(', ')} is ${wanted}, or use {"Ref": "AWS::Region"}.`,
      impact: 'start',
      severity: 'info',
      title: 'awslogs-region is known only at deploy time',
    }]
  }

  return [{
    detail: `The container sends its logs to CloudWatch Logs in ${region} while the service runs in ${wanted}. The group must then exist in ${region} or the task fails to start ("failed to validate logger args"), and anyone looking for the logs in ${wanted} finds nothing.`,
    evidence: [`${where} awslogs-region = ${region}`, `deployment region ${wanted}`],
    fix: `Set "awslogs-region": "${wanted}" in the logConfiguration options of container ${containerName} (in a template: {"Ref": "AWS::Region"}).`,
    impact: 'start',
    severity: 'error',
    title: `awslogs-region ${region} is not the deployment's region ${wanted}`,
  }]
}
