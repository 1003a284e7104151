import type {LiveTarget} from '../../facts/sources/live-run.js'

// What `bwops logs` had read when it stops on something it cannot do: the operator sees the stack,
// the service and its deployments, as `status` would show them, not only the error.

export function readSoFar(target: LiveTarget): string[] {
  const {service, stack} = target.seen
  const lines = [`read: service ${target.cluster}/${target.service} in ${target.region}: ${service.status ?? 'status unknown'}, ${service.runningCount ?? 0} of ${service.desiredCount ?? 0} tasks running`]
  for (const d of service.deployments ?? []) {
    lines.push(`read: ${d.status ?? 'deployment'} ${d.taskDefinition?.split('/').pop() ?? 'task definition unknown'}${d.rolloutState ? ` ${d.rolloutState}` : ''}, ${d.runningCount ?? 0} of ${d.desiredCount ?? 0} running`)
  }

  if (stack) lines.push(`read: stack ${stack.StackName ?? target.stackName ?? ''}: ${stack.StackStatus ?? 'status unknown'}${target.logGroup ? `, EcsLogGroup ${target.logGroup}` : ', no EcsLogGroup output'}`)
  else if (target.stackName) lines.push(`not read: stack ${target.stackName}`)
  return lines
}
