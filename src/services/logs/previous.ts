import type {TaskDefinition as EcsTaskDefinition} from '@aws-sdk/client-ecs'

import type {AwsContext} from '../../aws/clients.js'
import {describeTasks, listTaskArns} from '../../aws/ecs.js'
import {latestLogStreams} from '../../aws/logs-query.js'
import {awslogsStreamName} from '../../aws/logs.js'
import type {TaskFact} from '../../facts/live-types.js'
import {taskRan} from '../../facts/task-ran.js'
import {taskFrom} from '../../facts/sources/live-convert.js'
import type {LiveTarget} from '../../facts/sources/live-run.js'
import type {Profile} from '../../profile/types.js'
import {type LogSetup, parseStreamName, setupFromTaskDefinition} from './setup.js'

// --previous: the logs of the tasks that stopped last, which is what explains a failed deploy.
// ECS lists stopped tasks for about an hour; after that, the streams written last by tasks that
// are no longer running stand in for them (DescribeLogStreams, newest first).

/** How many stopped tasks --previous shows: a failed deploy's tasks usually all fail the same way. */
export const PREVIOUS_TASKS = 3
/** How much of a stopped task's life --previous shows when --since is not given: its end. */
export const PREVIOUS_SPAN_MS = 10 * 60_000

export interface PreviousStream {
  stream: string
  taskId: string
  /** why the task stopped, redacted, when ECS still knows */
  task?: TaskFact
  /** epoch ms of the window worth reading: the task's (or stream's) last minutes */
  from?: number
}

export interface PreviousChoice {
  streams: PreviousStream[]
  /** tasks ECS lists as stopped that ran no container (failed to start), so wrote no logs */
  silent: TaskFact[]
  /** how the streams were found: the stopped tasks, or the streams written last */
  source: 'stopped-tasks' | 'latest-streams'
}

const stopTime = (t: TaskFact) => t.stoppedAt ?? t.stoppingAt ?? t.createdAt ?? ''

/** The newest stopped tasks of the service, newest stop first. */
export async function newestStoppedTasks(ctx: AwsContext, target: LiveTarget, max = PREVIOUS_TASKS): Promise<TaskFact[]> {
  const arns = await listTaskArns(ctx, target.cluster, target.service, 'STOPPED')
  if (arns.length === 0) return []
  const tasks = (await describeTasks(ctx, target.cluster, arns)).map(taskFrom)
  return tasks.sort((a, b) => stopTime(b).localeCompare(stopTime(a))).slice(0, max)
}

function windowStart(end: number | undefined, begin: number | undefined): number | undefined {
  if (end === undefined) return begin
  return Math.max(begin ?? Number.NEGATIVE_INFINITY, end - PREVIOUS_SPAN_MS)
}

const ms = (iso?: string) => (iso ? Date.parse(iso) : undefined)

/** The streams of the newest stopped tasks, each named from its own task definition (a failed deploy's revision may differ). */
export async function previousStreams(
  ctx: AwsContext,
  target: LiveTarget,
  setup: LogSetup,
  profile: Profile,
  taskDefinition: (arn: string) => Promise<EcsTaskDefinition | undefined>,
  runningTaskIds: () => Promise<Set<string>>,
): Promise<PreviousChoice> {
  const tasks = await newestStoppedTasks(ctx, target)
  if (tasks.length > 0) {
    const streams: PreviousStream[] = []
    const silent: TaskFact[] = []
    for (const task of tasks) {
      // a task that failed to start ran no container; one that crashed before RUNNING has no startedAt but did run
      if (taskRan(task) === 'never') {
        silent.push(task)
        continue
      }

      const own = setupFromTaskDefinition(await taskDefinition(task.taskDefinitionArn), profile) ?? setup
      const prefix = own.prefix ?? setup.prefix
      if (!prefix) continue
      const from = windowStart(ms(task.stoppedAt ?? task.stoppingAt), ms(task.startedAt))
      for (const container of own.containers) {
        streams.push({stream: awslogsStreamName(prefix, container, task.taskId), task, taskId: task.taskId, ...(from === undefined ? {} : {from})})
      }
    }

    return {silent, source: 'stopped-tasks', streams}
  }

  const latest = await latestLogStreams(ctx, setup.group)
  if (latest.status === 'not-found') return {silent: [], source: 'latest-streams', streams: []}
  const running = await runningTaskIds()
  const under = setup.prefix ? `${setup.prefix}/` : ''
  const candidates = latest.streams.filter((s) => (s.logStreamName ?? '').startsWith(under))
  const chosen: PreviousStream[] = []
  const tasksSeen = new Set<string>()
  for (const s of candidates) {
    const name = s.logStreamName ?? ''
    const {taskId} = parseStreamName(name, setup.prefix)
    if (running.has(taskId)) continue
    if (!tasksSeen.has(taskId) && tasksSeen.size >= PREVIOUS_TASKS) continue
    tasksSeen.add(taskId)
    const from = windowStart(s.lastEventTimestamp, s.firstEventTimestamp)
    chosen.push({stream: name, taskId, ...(from === undefined ? {} : {from})})
  }

  return {silent: [], source: 'latest-streams', streams: chosen}
}

/** previousStreams with the running tasks read from ECS (only needed when ECS lists no stopped task). */
export function previousScope(
  ctx: AwsContext,
  target: LiveTarget,
  setup: LogSetup,
  profile: Profile,
  taskDefinition: (arn: string) => Promise<EcsTaskDefinition | undefined>,
): Promise<PreviousChoice> {
  const running = async () => new Set((await listTaskArns(ctx, target.cluster, target.service, 'RUNNING')).map((arn) => arn.split('/').pop() ?? arn))
  return previousStreams(ctx, target, setup, profile, taskDefinition, running)
}

function stopLine(task: TaskFact): string {
  const exits = task.containers
    .filter((c) => c.exitCode !== undefined || c.reason)
    .map((c) => `${c.name}${c.exitCode === undefined ? '' : ` exit ${c.exitCode}`}${c.reason ? `: ${c.reason}` : ''}`)
  const revision = task.taskDefinitionArn.split('/').pop() ?? task.taskDefinitionArn
  const why = [task.stoppedReason, ...exits].filter(Boolean).join('; ')
  return `Task ${task.taskId.slice(0, 8)} (${revision}) stopped ${task.stoppedAt ?? 'recently'}${why ? `: ${why}` : ''}`
}

/** What --previous says before the lines: which tasks, why they stopped, and which never wrote a line. */
export function describeChoice(choice: PreviousChoice): string[] {
  const notes: string[] = []
  const tasks = [...new Map(choice.streams.filter((s) => s.task).map((s) => [s.taskId, s.task as TaskFact])).values()]
  for (const task of tasks) notes.push(stopLine(task))
  for (const task of choice.silent) {
    notes.push(`${stopLine(task)}. It failed to start, so it ran no container and wrote no logs; run \`bwops doctor\` to see why.`)
  }

  if (choice.source === 'latest-streams') {
    notes.push(
      choice.streams.length > 0
        ? `ECS lists no stopped task (it keeps them about an hour): showing the streams written last by tasks not running now (${[...new Set(choice.streams.map((s) => s.taskId.slice(0, 8)))].join(', ')}).`
        : 'No stopped task is known to ECS (it keeps them about an hour), and no log stream of a task that is not running was found. Run `bwops logs` for the running tasks.',
    )
  } else if (choice.streams.length === 0 && choice.silent.length === 0) {
    notes.push('The stopped tasks have no awslogs stream prefix, so their streams cannot be named. Run `bwops doctor`.')
  }

  return notes
}
