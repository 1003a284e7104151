import {awslogsStreamName, type LogTail, tailLogStream} from '../../aws/logs.js'
import {AwsCallError} from '../../aws/errors.js'
import {redactText} from '../../catalogue/redact.js'
import type {ContainerLogsFact, LogStreamFact, TaskFact, TasksFact} from '../live-types.js'
import {normalizeTaskDefinition} from '../normalize-task-definition.js'
import {taskRan} from '../task-ran.js'
import type {TaskDefinition} from '../types.js'
import type {LiveReads, LiveRun} from './live-run.js'

/** The newest stopped tasks tell why a deploy fails; older ones repeat them. */
export const MAX_STOPPED_TASK_LOGS = 10
/** With nothing stopped, a couple of running tasks show how the app is doing. */
export const MAX_RUNNING_TASK_LOGS = 2
export const LOG_LINES = 50

type Mask = (text: string) => string

async function streamsOf(run: LiveRun, task: TaskFact, mask: Promise<Mask>): Promise<LogStreamFact[]> {
  const raw = await run.taskDefinition(task.taskDefinitionArn)
  if (!raw?.containerDefinitions?.length) return []
  const td = normalizeTaskDefinition(raw, `task definition ${task.taskDefinitionArn}`)
  // the containers' streams in parallel: a task of v0.17+ runs sidecars beside the webhook
  return Promise.all(
    awslogsStreams(td, task.taskId).map(async ({container, group, stream}): Promise<LogStreamFact> => {
      const base = {container, group, stream: stream ?? '', taskId: task.taskId}
      if (!stream) return {...base, lines: [], unavailable: 'the awslogs driver has no awslogs-stream-prefix, so the stream cannot be named from the task id'}
      // no call: a task that failed to start (image pull, secrets, logger setup) ran no container
      if (taskRan(task) === 'never') return {...base, lines: [], unavailable: `the task failed to start (${task.stopCode}) before its container ran, so it wrote no logs`}
      // ECS leaves startedAt unset when the container exits before the task is RUNNING: read anyway
      return tail(run, base, mask)
    }),
  )
}

/** The last lines of one stream, read once a run (live-prefetch.ts may have begun it); unmasked, so only for tail(). */
export function tailRead(reads: LiveReads, group: string, stream: string): Promise<LogTail> {
  return reads.once(`logs:GetLogEvents ${group} ${stream}`, () => tailLogStream(reads.ctx, group, stream, LOG_LINES))
}

/** The awslogs streams a task of this task definition writes, by container: what the logs fact reads. */
export function awslogsStreams(td: TaskDefinition, taskId: string): {container: string; group: string; stream?: string}[] {
  return td.containers.flatMap((container) => {
    const options = container.logConfiguration?.logDriver === 'awslogs' ? container.logConfiguration.options : undefined
    const group = options?.['awslogs-group']
    const prefix = options?.['awslogs-stream-prefix']
    if (!group) return []
    return [{container: container.name, group, ...(prefix ? {stream: awslogsStreamName(prefix, container.name, taskId)} : {})}]
  })
}

async function tail(run: LiveRun, base: Omit<LogStreamFact, 'lines'>, masking: Promise<Mask>): Promise<LogStreamFact> {
  try {
    // the stream is read while the secret whose values it masks is: no line is kept unmasked
    const [out, mask] = await Promise.all([tailRead(run, base.group, base.stream), masking])
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
 * the Benchling secret's values masked (`mask`, which may still be read while the streams are) and
 * credential shapes redacted.
 */
export async function containerLogsFact(run: LiveRun, tasks: TasksFact, mask: Mask | Promise<Mask> = (t) => t): Promise<ContainerLogsFact> {
  const chosen = tasks.stopped.length > 0 ? tasks.stopped.slice(0, MAX_STOPPED_TASK_LOGS) : tasks.running.slice(0, MAX_RUNNING_TASK_LOGS)
  const masking = Promise.resolve(mask)
  const streams = await Promise.all(chosen.map((t) => streamsOf(run, t, masking)))
  return {streams: streams.flat()}
}
