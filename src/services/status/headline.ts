import type {DeploymentStatus, StatusSnapshot, StatusState} from './model.js'

// One line that answers "is it fine?" before the details: the state, from the deployments, the
// counts, the targets and the stack, in the order an operator would ask.

type Inputs = Pick<StatusSnapshot, 'deployments' | 'service' | 'stack' | 'targets'>

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

function rollingOut(d: DeploymentStatus): boolean {
  return d.rolloutState === 'IN_PROGRESS' || (d.rolloutState === undefined && d.status === 'PRIMARY' && d.running < d.desired)
}

export function headline({deployments, service, stack, targets}: Inputs): {state: StatusState; text: string} {
  const primary = deployments.find((d) => d.status === 'PRIMARY')
  const failed = deployments.find((d) => d.rolloutState === 'FAILED' && d.status !== 'PRIMARY')
  const counts = `${service.running}/${service.desired} tasks running${service.pending ? `, ${service.pending} pending` : ''}`
  const all = targets.flatMap((g) => g.targets)
  const unhealthy = all.filter((t) => t.state !== 'healthy')
  const targetText = all.length === 0 ? '' : unhealthy.length === 0 ? `, ${plural(all.length, 'target')} healthy` : `, ${unhealthy.length} of ${plural(all.length, 'target')} not healthy`

  if (primary?.rolloutState === 'FAILED') {
    return {state: 'failed', text: `The deployment of ${primary.revision} failed: ${primary.rolloutStateReason ?? 'no reason given'}. Run \`bwops doctor\`.`}
  }

  const rolling = deployments.find((d) => d.status === 'PRIMARY' && rollingOut(d))
  if (rolling) return {state: 'rolling-out', text: `Rolling out ${rolling.revision}: ${rolling.running}/${rolling.desired} running${targetText}.`}
  if (stack && /IN_PROGRESS$/.test(stack.status)) return {state: 'rolling-out', text: `The stack is ${stack.status}; ${counts}${targetText}.`}
  if (service.desired === 0) return {state: 'scaled-to-zero', text: 'The service is scaled to zero: no task is meant to run.'}
  if (service.running < service.desired || unhealthy.length > 0) {
    return {state: 'degraded', text: `Degraded: ${counts}${targetText}. Run \`bwops logs --errors\` or \`bwops doctor\`.`}
  }

  if (failed || (stack && /ROLLBACK_COMPLETE$/.test(stack.status))) {
    const what = failed ? `the deployment of ${failed.revision} failed and was rolled back` : `the stack's last update was rolled back (${stack?.status})`
    return {state: 'rolled-back', text: `Running ${primary?.revision ?? 'the previous revision'}, but ${what}. Run \`bwops doctor\` to see why.`}
  }

  return {state: 'steady', text: `Steady on ${primary?.revision ?? 'its task definition'}: ${counts}${targetText}.`}
}
