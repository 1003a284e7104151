import type {TaskFact} from './live-types.js'

/**
 * Whether a task's containers may have run, and so written logs. ECS leaves startedAt unset when
 * the essential container exits before the task is reported RUNNING (a crash at start), so an
 * exit code or a container status past PENDING also counts. A task that failed to start
 * (stopCode TaskFailedToStart: image pull, secrets, role, logger) with no exit code never ran a
 * container: no stream can exist. Anything else may have: try once (a missing stream is a cheap
 * not-found, not a problem).
 */
export function taskRan(task: TaskFact): 'ran' | 'never' | 'unknown' {
  const exited = task.containers.some((c) => c.exitCode !== undefined)
  if (task.startedAt || exited) return 'ran'
  if (task.stopCode === 'TaskFailedToStart') return 'never'
  if (task.containers.some((c) => c.lastStatus === 'RUNNING' || c.lastStatus === 'STOPPED')) return 'ran'
  return 'unknown'
}
