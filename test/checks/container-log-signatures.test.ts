import {describe, expect, test} from 'vitest'

import check from '../../src/checks/container-log-signatures.js'
import type {ContainerLogsFact, LogStreamFact, TasksFact} from '../../src/facts/live-types.js'
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
})
