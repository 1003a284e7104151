import {DescribeLogStreamsCommand, type FilteredLogEvent, FilterLogEventsCommand, type FilterLogEventsCommandInput} from '@aws-sdk/client-cloudwatch-logs'
import {ListTasksCommand} from '@aws-sdk/client-ecs'
import {afterEach, describe, expect, it, vi} from 'vitest'

import {UserError} from '../../src/errors.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {type LogsOptions, runLogs} from '../../src/services/logs.js'
import type {LogsOutput} from '../../src/services/logs/model.js'
import {awsError, mockAccount} from '../fixtures/aws/account.js'

const T0 = Date.parse('2025-11-20T10:00:00Z')
const NOW = T0 + 45 * 60_000
const PLANT = 'PLANTED-S3cr3t-value'
const PREFIX = 'benchling-webhook/BenchlingWebhookContainer'
const RUNNING = 'a'.repeat(30) + '64'
const taskId = (i: number) => i.toString(16).padStart(32, 'a')
const ev = (id: string, timestamp: number, message = `line ${id}`, task = RUNNING): FilteredLogEvent => ({
  eventId: id, ingestionTime: timestamp + 1000, logStreamName: `${PREFIX}/${task}`, message, timestamp,
})

type Account = ReturnType<typeof mockAccount>

async function logs(options: LogsOptions, arrange: (a: Account) => void, accountOptions = {}) {
  const account = mockAccount({plant: PLANT, ...accountOptions})
  arrange(account)
  const out: LogsOutput[] = []
  const result = await runLogs({region: 'us-east-1', ...options}, {clients: account.clients, emit: (item) => out.push(item), now: () => NOW, profile})
  const lines = out.flatMap((o) => (o.kind === 'note' ? [] : o.lines))
  const notes = out.flatMap((o) => (o.kind === 'note' ? [o.text] : []))
  const filterInputs = account.mocks.logs.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input)
  return {account, filterInputs, lines, notes, out, result}
}

async function userError(run: Promise<unknown>): Promise<UserError> {
  const error = await run.then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(UserError)
  expect((error as UserError).exitCode).toBe(2)
  return error as UserError
}

describe('bwops logs', () => {
  it('reads the last 10 minutes of the service\'s streams, from the task definition\'s awslogs group and prefix', async () => {
    const {filterInputs, lines, result} = await logs({}, ({mocks}) => {
      mocks.logs.on(FilterLogEventsCommand).resolves({events: [ev('1', NOW - 60_000, 'Starting Benchling webhook'), ev('2', NOW - 30_000, 'GET /health 200')]})
    })
    expect(filterInputs).toEqual([{endTime: undefined, filterPattern: undefined, logGroupName: '/ecs/benchling-webhook', logStreamNamePrefix: 'benchling-webhook/', logStreamNames: undefined, nextToken: undefined, startTime: NOW - 600_000}])
    expect(lines).toEqual([
      {container: 'BenchlingWebhookContainer', eventId: '1', message: 'Starting Benchling webhook', stream: `${PREFIX}/${RUNNING}`, taskId: RUNNING, timestamp: NOW - 60_000},
      {container: 'BenchlingWebhookContainer', eventId: '2', message: 'GET /health 200', stream: `${PREFIX}/${RUNNING}`, taskId: RUNNING, timestamp: NOW - 30_000},
    ])
    expect(result).toMatchObject({events: 2, group: '/ecs/benchling-webhook'})
  })

  it('passes --since and --filter to CloudWatch', async () => {
    const {filterInputs} = await logs({filter: '?ERROR ?Traceback', since: '2025-11-20T10:30:00Z'}, ({mocks}) => mocks.logs.on(FilterLogEventsCommand).resolves({events: []}))
    expect(filterInputs[0]).toMatchObject({filterPattern: '?ERROR ?Traceback', startTime: Date.parse('2025-11-20T10:30:00Z')})
  })

  it('says what to try when nothing was logged', async () => {
    const {notes} = await logs({filter: 'ERROR'}, ({mocks}) => mocks.logs.on(FilterLogEventsCommand).resolves({events: []}))
    expect(notes).toEqual([`No log lines matching "ERROR" since 2025-11-20T10:35:00.000Z in /ecs/benchling-webhook. Try a longer --since (e.g. --since 1h), or --previous for the tasks that stopped.`])
  })

  it('never lets a planted client_secret through', async () => {
    const {lines} = await logs({}, ({mocks}) => {
      mocks.logs.on(FilterLogEventsCommand).resolves({
        events: [ev('1', NOW - 3000, `Loaded secret {"client_secret": "${PLANT}"}`), ev('2', NOW - 2000, `env BENCHLING_CLIENT_SECRET=${PLANT}`)],
      })
    })
    expect(lines.map((l) => l.message)).toEqual(['Loaded secret {"client_secret": "***"}', 'env BENCHLING_CLIENT_SECRET=***'])
    expect(JSON.stringify(lines)).not.toContain(PLANT)
  })

  it('rejects a bad --since before calling AWS', async () => {
    const account = mockAccount()
    const error = await userError(runLogs({region: 'us-east-1', since: 'yesterday'}, {clients: account.clients, emit: () => {}, profile}))
    expect(error.message).toBe('--since "yesterday" is not a duration or a time.')
    expect(error.next).toMatch(/30s, 10m, 2h, 1d/)
    expect(account.mocks.sts.calls()).toHaveLength(0)
  })

  it('says the rollback deleted a missing log group, and points to bwops doctor', async () => {
    const error = await userError(
      logs({}, ({mocks}) => mocks.logs.on(FilterLogEventsCommand).rejects(awsError('ResourceNotFoundException', 'The specified log group does not exist.'))),
    )
    expect(error.message).toBe(
      "The log group /ecs/benchling-webhook does not exist in us-east-1: the stack BenchlingWebhookStack is UPDATE_ROLLBACK_COMPLETE, and the rollback deleted the group with the tasks' logs.",
    )
    expect(error.next).toMatch(/^Run `bwops doctor`/)
  })

  it('reports other AWS failures as they are (no silent empty output)', async () => {
    await expect(logs({}, ({mocks}) => mocks.logs.on(FilterLogEventsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: logs:FilterLogEvents')))).rejects.toThrow(
      /grant logs:FilterLogEvents/,
    )
  })
})

describe('bwops logs --task', () => {
  const stream = (id: string, last: number) => ({creationTime: last - 60_000, firstEventTimestamp: last - 50_000, lastEventTimestamp: last, lastIngestionTime: last + 500, logStreamName: `${PREFIX}/${id}`})

  it('reads only that task\'s stream, found from a unique start of its id, over its last 10 minutes', async () => {
    const stopped = taskId(7)
    const {account, filterInputs, lines} = await logs({task: stopped.slice(-8)}, ({mocks}) => {
      mocks.logs.on(DescribeLogStreamsCommand).resolves({logStreams: [stream(stopped, T0 + 20 * 60_000)]})
      mocks.logs.on(FilterLogEventsCommand).resolves({events: [ev('1', T0 + 19 * 60_000, 'bye', stopped)]})
    })
    expect(account.mocks.logs.commandCalls(DescribeLogStreamsCommand)[0]?.args[0].input).toMatchObject({logStreamNamePrefix: `${PREFIX}/${stopped.slice(-8)}`})
    expect(filterInputs[0]).toMatchObject({logStreamNames: [`${PREFIX}/${stopped}`], startTime: T0 + 20 * 60_000 + 500 - 600_000})
    expect(lines.map((l) => l.taskId)).toEqual([stopped])
  })

  it('accepts a task ARN', async () => {
    const {filterInputs} = await logs({task: `arn:aws:ecs:us-east-1:123456789012:task/benchling-webhook-cluster/${RUNNING}`}, ({mocks}) => {
      mocks.logs.on(DescribeLogStreamsCommand).resolves({logStreams: [stream(RUNNING, NOW)]})
      mocks.logs.on(FilterLogEventsCommand).resolves({events: []})
    })
    expect(filterInputs[0]?.logStreamNames).toEqual([`${PREFIX}/${RUNNING}`])
  })

  it('says an unknown task is unknown, and where to find task ids', async () => {
    const error = await userError(logs({task: 'deadbeef'}, ({mocks}) => mocks.logs.on(DescribeLogStreamsCommand).resolves({logStreams: []})))
    expect(error.message).toBe(`No task "deadbeef" has logs in /ecs/benchling-webhook (no stream ${PREFIX}/deadbeef...).`)
    expect(error.next).toMatch(/bwops status.*bwops logs --previous/)
  })

  it('asks for more of an id that starts several tasks', async () => {
    const error = await userError(logs({task: 'aaaa'}, ({mocks}) => mocks.logs.on(DescribeLogStreamsCommand).resolves({logStreams: [stream(taskId(1), NOW), stream(taskId(2), NOW)]})))
    expect(error.message).toBe(`"aaaa" is the start of 2 task ids: ${taskId(1)}, ${taskId(2)}.`)
  })
})

describe('bwops logs --previous', () => {
  it('reads the streams of the newest stopped tasks, and says why each stopped', async () => {
    const {account, filterInputs, lines, notes} = await logs({previous: true}, ({mocks}) => {
      mocks.logs.on(FilterLogEventsCommand).resolves({events: [ev('1', T0 + 8 * 60_000, 'ValueError: boom', taskId(5))]})
    }, {stoppedTasks: 5})
    // the fixture's task i stops at minute i + 4: the newest three are 5, 4, 3
    expect(filterInputs[0]?.logStreamNames).toEqual([`${PREFIX}/${taskId(5)}`, `${PREFIX}/${taskId(4)}`, `${PREFIX}/${taskId(3)}`])
    // from the earliest start among them (task 3 started at minute 6; its stop minus 10 minutes is earlier)
    expect(filterInputs[0]?.startTime).toBe(T0 + 6 * 60_000)
    expect(notes[0]).toBe('Task aaaaaaaa (benchling-webhook-task:2) stopped 2025-11-20T10:09:00.000Z: Essential container in task exited; BenchlingWebhookContainer exit 1')
    expect(notes).toHaveLength(3)
    expect(lines.map((l) => l.message)).toEqual(['ValueError: boom'])
    expect(account.mocks.ecs.commandCalls(ListTasksCommand).map((c) => c.args[0].input.desiredStatus)).toEqual(expect.arrayContaining(['STOPPED']))
  })

  it('falls back to the streams written last by tasks not running, when ECS has forgotten the stopped ones', async () => {
    const {filterInputs, notes} = await logs({previous: true}, ({mocks}) => {
      mocks.logs.on(DescribeLogStreamsCommand).resolves({
        logStreams: [
          {lastEventTimestamp: NOW - 1000, logStreamName: `${PREFIX}/${RUNNING}`},
          {lastEventTimestamp: NOW - 2 * 3600_000, logStreamName: `${PREFIX}/${'b'.repeat(32)}`},
          {lastEventTimestamp: NOW - 3 * 3600_000, logStreamName: 'other-prefix/x/y'},
        ],
      })
      mocks.logs.on(FilterLogEventsCommand).resolves({events: []})
    }, {stoppedTasks: 0})
    expect(filterInputs[0]).toMatchObject({logStreamNames: [`${PREFIX}/${'b'.repeat(32)}`], startTime: NOW - 2 * 3600_000 - 600_000})
    expect(notes[0]).toMatch(/ECS lists no stopped task \(it keeps them about an hour\): showing the streams written last by tasks not running now \(bbbbbbbb\)/)
  })

  it('cannot be combined with --follow', async () => {
    const error = await userError(logs({follow: true, previous: true}, () => {}))
    expect(error.message).toMatch(/--previous .* neither --follow nor --task/)
  })
})

describe('bwops logs --errors', () => {
  it('keeps only lines matching a failure signature, with their context, per task', async () => {
    const other = taskId(3)
    const messages = [
      'Starting Benchling webhook 0.5.2', 'Loaded config', 'Traceback (most recent call last):', '  File "/app/main.py", line 12, in <module>', '    config = resolve()',
      'ValueError: Failed to resolve configuration from AWS: Secret not found: benchling-webhook', 'worker exiting', 'a', 'b', 'c', 'd', 'e',
    ]
    const {out, result} = await logs({errors: true}, ({mocks}) => {
      mocks.logs.on(FilterLogEventsCommand).resolves({
        events: [
          ...messages.map((m, i) => ev(`r${i}`, NOW - 100_000 + i * 1000, m)),
          // interleaved: another task's lines must not become this task's context
          ev('o1', NOW - 99_500, 'GET /health 200', other),
          ev('o2', NOW - 50_000, 'botocore.exceptions.NoCredentialsError: Unable to locate credentials', other),
        ],
      })
    })
    const blocks = out.filter((o) => o.kind === 'error-block')
    expect(blocks.map((b) => b.matches.map((m) => m.id))).toEqual([['webhook-secret-not-found'], ['aws-no-credentials']])
    expect(blocks[0]?.lines.map((l) => [l.message, l.match])).toEqual([
      ['Traceback (most recent call last):', undefined],
      ['  File "/app/main.py", line 12, in <module>', undefined],
      ['    config = resolve()', undefined],
      ['ValueError: Failed to resolve configuration from AWS: Secret not found: benchling-webhook', 'webhook-secret-not-found'],
      ['worker exiting', undefined],
      ['a', undefined],
    ])
    expect(blocks[1]?.lines.map((l) => l.eventId)).toEqual(['o1', 'o2'])
    expect(result.events).toBe(14)
  })

  it('says so when no line matches', async () => {
    const {notes, out} = await logs({errors: true}, ({mocks}) => mocks.logs.on(FilterLogEventsCommand).resolves({events: [ev('1', NOW - 1000, 'GET /health 200')]}))
    expect(out.filter((o) => o.kind !== 'note')).toEqual([])
    expect(notes[0]).toMatch(/^None of 1 lines since .* matches a known failure signature/)
  })
})

describe('bwops logs --follow', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('prints every event once, with no gaps, across overlapping polls and late arrivals', async () => {
    vi.useFakeTimers({now: NOW})
    // what CloudWatch holds at each poll: an event becomes visible at the poll it was ingested by
    const store: {event: FilteredLogEvent; visibleAt: number}[] = [
      {event: ev('e1', NOW - 5000), visibleAt: 1},
      {event: ev('e2', NOW - 3000), visibleAt: 1},
      // written before e2 but ingested late, by the second poll: polling strictly after e2 would miss it
      {event: ev('e3', NOW - 4000, 'late', taskId(9)), visibleAt: 2},
      {event: ev('e4', NOW + 1000), visibleAt: 2},
      // same millisecond as e4, a different event
      {event: ev('e5', NOW + 1000, 'twin'), visibleAt: 3},
      {event: ev('e6', NOW + 3500), visibleAt: 3},
      {event: ev('e7', NOW + 4500), visibleAt: 4},
    ]
    let poll = 0
    const account = mockAccount()
    account.mocks.logs.on(FilterLogEventsCommand).callsFake((input: FilterLogEventsCommandInput) => {
      if (!input.nextToken) poll++
      const visible = store.filter((s) => s.visibleAt <= poll && (s.event.timestamp ?? 0) >= (input.startTime ?? 0)).map((s) => s.event)
      visible.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0))
      // answer in pages of two, to cross page boundaries too
      const from = input.nextToken ? Number(input.nextToken) : 0
      return Promise.resolve({events: visible.slice(from, from + 2), ...(from + 2 < visible.length ? {nextToken: String(from + 2)} : {})})
    })
    const emitted: string[][] = []
    const done = runLogs(
      {follow: true, maxPolls: 4, region: 'us-east-1'},
      {clients: account.clients, emit: (o) => o.kind === 'lines' && emitted.push(o.lines.map((l) => l.eventId ?? '')), intervalMs: 2000, now: () => Date.now(), profile},
    )
    await vi.advanceTimersByTimeAsync(6000)
    const result = await done
    expect(emitted).toEqual([['e1', 'e2'], ['e3', 'e4'], ['e5', 'e6'], ['e7']])
    expect(result.events).toBe(7)
    const starts = account.mocks.logs.commandCalls(FilterLogEventsCommand).filter((c) => !c.args[0].input.nextToken).map((c) => c.args[0].input.startTime)
    // from --since, then 15 s behind each poll (earlier than the last event seen), never later than it
    expect(starts).toEqual([NOW - 600_000, NOW - 15_000, NOW + 2000 - 15_000, NOW + 4000 - 15_000])
  })

  it('stops when aborted (Ctrl-C) between polls', async () => {
    vi.useFakeTimers({now: NOW})
    const account = mockAccount()
    account.mocks.logs.on(FilterLogEventsCommand).resolves({events: []})
    const stop = new AbortController()
    const done = runLogs({follow: true, region: 'us-east-1'}, {clients: account.clients, emit: () => {}, intervalMs: 2000, now: () => Date.now(), profile, signal: stop.signal})
    await vi.advanceTimersByTimeAsync(5000)
    stop.abort()
    await expect(done).resolves.toMatchObject({events: 0})
    expect(account.mocks.logs.commandCalls(FilterLogEventsCommand)).toHaveLength(3)
  })
})

describe('logs says what it read before what it could not do', () => {
  it('with the task definition denied and no EcsLogGroup output: names the service and deployments it read, the call that failed, then exit 2', async () => {
    const account = mockAccount({deny: ['ecs:DescribeTaskDefinition'], plant: PLANT})
    const notes: string[] = []
    const run = runLogs({cluster: 'benchling-webhook-cluster', region: 'us-east-1', service: 'benchling-webhook-service'}, {clients: account.clients, emit: (item) => item.kind === 'note' && notes.push(item.text), now: () => NOW, profile})
    const error = await userError(run)
    expect(error.message).toContain('cannot tell where benchling-webhook-service\'s logs are')
    expect(notes[0]).toMatch(/^not read: task definition arn:aws:ecs:us-east-1:123456789012:task-definition\/benchling-webhook-task:\d+: .*ecs:DescribeTaskDefinition/)
    expect(notes).toContainEqual(expect.stringMatching(/^read: service benchling-webhook-cluster\/benchling-webhook-service in us-east-1: ACTIVE, \d+ of \d+ tasks running$/))
    expect(notes).toContainEqual(expect.stringMatching(/^read: PRIMARY benchling-webhook-task:\d+/))
  })
})
