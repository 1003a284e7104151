import {awslogsStreamName, tailLogStream} from '../../aws/logs.js'
import {AwsCallError} from '../../aws/errors.js'
import {redactText} from '../../catalogue/redact.js'
import type {ContainerLogsFact, LogStreamFact, TaskFact, TasksFact} from '../live-types.js'
import {normalizeTaskDefinition} from '../normalize-task-definition.js'
import {taskRan} from '../task-ran.js'
import type {LiveRun} from './live-run.js'

/** The newest stopped tasks tell why a deploy fails; older ones repeat them. */
export const MAX_STOPPED_TASK_LOGS = 10
/** With nothing stopped, a couple of running tasks show how the app is doing. */
export const MAX_RUNNING_TASK_LOGS = 2
export const LOG_LINES = 50

type Mask = (text: string) => string

async function streamsOf(run: LiveRun, task: TaskFact, mask: Mask): Promise<LogStreamFact[]> {
  const raw = await run.taskDefinition(task.taskDefinitionArn)
  if (!raw?.containerDefinitions?.length) return []
  const td = normalizeTaskDefinition(raw, `task definition ${task.taskDefinitionArn}`)
  const streams: LogStreamFact[] = []
  for (const container of td.containers) {
    const options = container.logConfiguration?.logDriver === 'awslogs' ? container.logConfiguration.options : undefined
    const group = options?.['awslogs-group']
    const prefix = options?.['awslogs-stream-prefix']
    if (!group) continue
    const base = {container: container.name, group, stream: prefix ? awslogsStreamName(prefix, container.name, task.taskId) : '', taskId: task.taskId}
    if (!prefix) {
      streams.push({...base, lines: [], unavailable: 'the awslogs driver has no awslogs-stream-prefix, so the stream cannot be named from the task id'})
    } else if (taskRan(task) === 'never') {
      // no call: a task that failed to start (image pull, secrets, logger setup) ran no container
      streams.push({...base, lines: [], unavailable: `the task failed to start (${task.stopCode}) before its container ran, so it wrote no logs`})
    } else {
      // ECS leaves startedAt unset when the container exits before the task is RUNNING: read anyway
      streams.push(await tail(run, base, mask))
    }
  }

  return streams
}

async function tail(run: LiveRun, base: Omit<LogStreamFact, 'lines'>, mask: Mask): Promise<LogStreamFact> {
  try {
    const out = await tailLogStream(run.ctx, base.group, base.stream, LOG_LINES)
    if (out.status === 'not-found') {
      return {...base, lines: [], unavailable: `the log stream ${base.stream} or group ${base.group} does not exist (removed, or never written)`}
    }

    return {
      ...base,
      lines: out.events.map((e) => ({
        message: redactText(mask(e.message ?? '')),
        ...(e.timestamp === undefined ? {} : {timestamp: new Date(e.timestamp).toISOString()}),
      })),
    }
  } catch (error) {
    if (error instanceof AwsCallError) return {...base, lines: [], unavailable: error.message}
    throw error
  }
}

/**
 * The last lines of the newest stopped tasks' streams (or a few running ones'), in parallel, with
 * the Benchling secret's values masked (`mask`) and credential shapes redacted.
 */
export async function containerLogsFact(run: LiveRun, tasks: TasksFact, mask: Mask = (t) => t): Promise<ContainerLogsFact> {
  const chosen = tasks.stopped.length > 0 ? tasks.stopped.slice(0, MAX_STOPPED_TASK_LOGS) : tasks.running.slice(0, MAX_RUNNING_TASK_LOGS)
  const streams = await Promise.all(chosen.map((t) => streamsOf(run, t, mask)))
  return {streams: streams.flat()}
}
