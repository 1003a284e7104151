import {describe, expect, test} from 'vitest'

import check from '../../src/checks/container-log-signatures.js'
import type {ContainerLogsFact, LogStreamFact, TaskFact, TasksFact} from '../../src/facts/live-types.js'
import type {FactMap} from '../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const LEAKED = 'Zq8-client-secret-VALUE'

function stream(taskId: string, messages: string[], over: Partial<LogStreamFact> = {}): LogStreamFact {
  return {
    container: 'BenchlingWebhookContainer',
    group: '/ecs/benchling-webhook',
    lines: messages.map((message, i) => ({message, timestamp: `2025-11-03T10:00:0${i}Z`})),
    stream: `benchling-webhook/BenchlingWebhookContainer/${taskId}`,
    taskId,
    ...over,
  }
}

const logs = (...streams: LogStreamFact[]): ContainerLogsFact => ({streams})
const run = (facts: Partial<FactMap>) => check.run(facts as never, profile)
const crash = ['INFO Starting', 'ERROR Failed to initialize application: Missing required configuration: BENCHLING_TENANT']
const running: TasksFact = {running: [{containers: [], taskArn: 'a', taskDefinitionArn: 'td', taskId: 'live1'}], stopped: []}

describe('container-log-signatures', () => {
  test.each<{name: string; facts: Partial<FactMap>; expected: string[]}>([
    {expected: [], facts: {containerLogs: logs(stream('t1', ['INFO Listening at: http://0.0.0.0:5000', 'GET /health 200']))}, name: 'a quiet log passes'},
    {expected: ['error | start | The webhook is missing configuration: BENCHLING_TENANT'], facts: {containerLogs: logs(stream('t1', crash))}, name: 'a known crash line'},
    {expected: ['error | start | The webhook is missing configuration: BENCHLING_TENANT (2 tasks)'], facts: {containerLogs: logs(stream('t1', crash), stream('t2', crash))}, name: 'the same line in two tasks is one finding'},
    {
      expected: ['error | start | Python exception: KeyError: \'QUEUE_ARN\''],
      facts: {containerLogs: logs(stream('t1', ['Traceback (most recent call last):', '  File "/app/src/app.py", line 9, in <module>', "KeyError: 'QUEUE_ARN'"]))},
      name: 'a traceback shows its exception line',
    },
    {expected: ['warning | runtime | AWS denied s3:PutObject on arn:aws:s3:::bucket/key'], facts: {containerLogs: logs(stream('live1', ['User: arn:aws:sts::1:assumed-role/R/x is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::bucket/key'])), tasks: running}, name: 'a failure in a task that still runs is a warning'},
    {
      expected: ['warning | hygiene | Logs of task t9 are gone: log group /ecs/benchling-webhook was deleted'],
      facts: {containerLogs: logs(stream('t9', [], {unavailable: 'ResourceNotFoundException: The specified log group does not exist.'}))},
      name: 'a log group deleted with the rolled-back stack',
    },
    {expected: ['warning | hygiene | Could not read the logs of task t9'], facts: {containerLogs: logs(stream('t9', [], {unavailable: 'AccessDeniedException'}))}, name: 'logs not readable'},
  ])('$name', ({expected, facts}) => {
    expect(run(facts).map((f) => `${f.severity} | ${f.impact} | ${f.title}`)).toEqual(expected)
  })

  test('evidence: the task, stream, time and the matched line with context', () => {
    const [f] = run({containerLogs: logs(stream('t1', crash))})
    expect(f?.evidence).toEqual([
      'task t1, container BenchlingWebhookContainer, stream benchling-webhook/BenchlingWebhookContainer/t1, at 2025-11-03T10:00:01Z:',
      '  INFO Starting',
      '> ERROR Failed to initialize application: Missing required configuration: BENCHLING_TENANT',
    ])
  })

  test('the deleted-group warning says how to keep the group', () => {
    const [f] = run({containerLogs: logs(stream('t9', [], {unavailable: 'ResourceNotFoundException: The specified log group does not exist.'}))})
    expect(f?.fix).toMatch(/DeletionPolicy.*Retain/)
    expect(f?.fix).toContain('docs/checks/log-group.md')
  })

  test('never shows a secret value from the logs', () => {
    const lines = [`DEBUG loaded {'client_id': 'abc', 'client_secret': '${LEAKED}'}`, `ERROR Invalid secret structure: missing tenant; got {"client_secret": "${LEAKED}"}`, `token=${LEAKED}`]
    const findings = run({containerLogs: logs(stream('t1', lines))})
    expect(findings.length).toBeGreaterThan(0)
    expect(JSON.stringify(findings)).not.toContain(LEAKED)
  })

  const exited = (id: string, exitCode: number | undefined, over: Partial<TaskFact> = {}): TaskFact => ({containers: [{exitCode, name: 'BenchlingWebhookContainer'}], stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', taskArn: id, taskDefinitionArn: 'td', taskId: id, ...over})
  const usage = ['[INFO] Starting gunicorn 21.2.0', 'usage: gunicorn [OPTIONS] [APP_MODULE]', 'gunicorn: error: argument -w/--workers: expected one argument']

  test('an unexplained non-zero exit quotes the log, once for identical tasks', () => {
    const findings = run({containerLogs: logs(stream('t1', usage), stream('t2', usage)), tasks: {running: [], stopped: [exited('t1', 2), exited('t2', 2)]}})
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({quote: ['usage: gunicorn [OPTIONS] [APP_MODULE]', 'gunicorn: error: argument -w/--workers: expected one argument'], severity: 'error', subject: 'exit:BenchlingWebhookContainer', tasks: ['t1', 't2']})
    expect(findings[0]?.title).toBe('Container BenchlingWebhookContainer exited 2 (2 tasks); its log says: gunicorn: error: argument -w/--workers: expected one argument')
  })

  test.each<{name: string; task: TaskFact}>([
    {name: 'an exit 0', task: exited('t1', 0)},
    {name: 'a container ECS killed for its health check', task: exited('t1', 137, {stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Task failed container health checks'})},
  ])('no quote for $name', ({task}) => {
    expect(run({containerLogs: logs(stream('t1', usage)), tasks: {running: [], stopped: [task]}})).toEqual([])
  })

  test.each<{name: string; task: TaskFact; warned: boolean}>([
    {name: 'TaskFailedToStart, no exit code: no stream to miss', task: exited('t1', undefined, {stopCode: 'TaskFailedToStart'}), warned: false},
    {name: 'no startedAt and no exit code: a missing stream is a cheap not-found', task: exited('t1', undefined, {stopCode: 'UserInitiated'}), warned: false},
    {name: 'exited 1 without startedAt: it ran, its log should be there', task: exited('t1', 1), warned: true},
  ])('missing stream: $name', ({task, warned}) => {
    const findings = run({containerLogs: logs(stream('t1', [], {unavailable: 'the log stream does not exist'})), tasks: {running: [], stopped: [task]}})
    expect(findings.map((f) => f.title)).toEqual(warned ? ['Could not read the logs of task t1'] : [])
  })

  test('the same unreadable logs across tasks are one warning with the count', () => {
    const findings = run({containerLogs: logs(stream('t1', [], {unavailable: 'AccessDeniedException'}), stream('t2', [], {unavailable: 'AccessDeniedException'}))})
    expect(findings.map((f) => [f.title, f.tasks])).toEqual([['Could not read the logs of 2 tasks', ['t1', 't2']]])
  })

  test('the same failure logged with different lines in two tasks is one finding', () => {
    const a = ['2026-01-01T00:00:01Z ERROR Failed to initialize application error="Failed to resolve configuration from AWS: Invalid stack name: quilt-prod"']
    const b = ['2026-01-01T00:03:09Z ERROR Failed to initialize application error="Failed to resolve configuration from AWS: Invalid stack name: quilt-prod"']
    const findings = run({containerLogs: logs(stream('t1', a), stream('t2', b)), tasks: {running: [], stopped: [exited('t1', 1), exited('t2', 1)]}})
    expect(findings.map((f) => [f.title, f.subject, f.tasks])).toEqual([['The Quilt stack quilt-prod does not exist where QuiltStackARN says (2 tasks)', 'quilt-stack', ['t1', 't2']]])
  })
})
