import {describe, expect, test} from 'vitest'

import check from '../../src/checks/stopped-task-causes.js'
import type {ServiceStateFact, TaskFact, TasksFact} from '../../src/facts/live-types.js'
import type {FactMap, TaskDefinition} from '../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/benchling-webhook-task'
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:benchling-AbCdEf'
const JSON_KEY = 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): retrieved secret from Secrets Manager did not contain json key app_definition_id'
const LEAKED = 'pl41n-t3xt-S3CRET'

let n = 0
function task(over: Partial<TaskFact>): TaskFact {
  n++
  return {
    containers: [{exitCode: 1, name: 'BenchlingWebhookContainer'}],
    startedBy: 'ecs-svc/2222',
    stopCode: 'EssentialContainerExited',
    stoppedAt: `2025-11-03T10:${String(59 - n).padStart(2, '0')}:00Z`,
    stoppedReason: 'Essential container in task exited',
    taskArn: `arn:aws:ecs:us-east-1:123456789012:task/c/t${n}`,
    taskDefinitionArn: `${TD}:7`,
    taskId: `t${n}`,
    ...over,
  }
}

const serviceState = {
  cluster: 'c',
  deployments: [
    {createdAt: '2025-11-03T10:00:00Z', desiredCount: 2, id: 'ecs-svc/1111', pendingCount: 0, runningCount: 2, status: 'PRIMARY', taskDefinition: `${TD}:6`},
    {createdAt: '2025-11-03T10:05:00Z', desiredCount: 2, id: 'ecs-svc/2222', pendingCount: 0, rolloutState: 'FAILED', runningCount: 0, status: 'ACTIVE', taskDefinition: `${TD}:7`},
  ],
  desiredCount: 2,
  events: [],
  loadBalancers: [],
  name: 's',
  pendingCount: 0,
  runningCount: 2,
} as ServiceStateFact

const taskDefinition: TaskDefinition = {
  containers: [
    {environment: [], name: 'BenchlingWebhookContainer', portMappings: [], secrets: [{name: 'BENCHLING_APP_DEFINITION_ID', valueFrom: `${SECRET_ARN}:app_definition_id::`}]},
  ],
}

const stopped = (...tasks: TaskFact[]): TasksFact => ({running: [], stopped: tasks})
const run = (facts: Partial<FactMap>) => check.run(facts as never, profile)

describe('stopped-task-causes', () => {
  test.each<{name: string; facts: Partial<FactMap>; expected: string[]}>([
    {expected: [], facts: {tasks: stopped()}, name: 'no stopped tasks'},
    {
      expected: ['error | start | The secret has no JSON key "app_definition_id" (2 tasks)'],
      facts: {serviceState, tasks: stopped(task({containers: [{name: 'BenchlingWebhookContainer'}], stopCode: 'TaskFailedToStart', stoppedReason: JSON_KEY}), task({containers: [{name: 'BenchlingWebhookContainer'}], stopCode: 'TaskFailedToStart', stoppedReason: JSON_KEY}))},
      name: 'identical causes are grouped',
    },
    {
      expected: ['error | start | Container BenchlingWebhookContainer exited with code 1 (application error)', 'error | health | The task failed the load balancer health checks'],
      facts: {
        serviceState,
        tasks: stopped(
          task({startedBy: 'ecs-svc/1111', stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/bw/abc)', taskDefinitionArn: `${TD}:6`}),
          task({}),
        ),
      },
      name: "the newest deployment's failures come first",
    },
    {
      expected: ['error | start | Container BenchlingWebhookContainer exited with code 137 (killed: out of memory or stop timeout)'],
      facts: {tasks: stopped(task({containers: [{exitCode: 137, name: 'BenchlingWebhookContainer'}]}), task({stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1111)'}))},
      name: 'non-failures are hidden when something failed',
    },
    {
      expected: ['info | hygiene | Replaced by a deployment or scaled in (2 tasks)'],
      facts: {tasks: stopped(task({stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1111)'}), task({stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1111)'}))},
      name: 'only non-failures: info',
    },
    {
      expected: ['error | start | Task stopped: TaskFailedToStart'],
      facts: {tasks: stopped(task({containers: [], stopCode: 'TaskFailedToStart', stoppedReason: undefined}))},
      name: 'an unknown failure is still an error',
    },
  ])('$name', ({expected, facts}) => {
    expect(run(facts).map((f) => `${f.severity} | ${f.impact} | ${f.title}`)).toEqual(expected)
  })

  test('evidence: count, latest task, reason, exit codes, and the secrets entry that reads the key', () => {
    const [f] = run({serviceState, taskDefinition, tasks: stopped(task({containers: [{name: 'BenchlingWebhookContainer'}], stopCode: 'TaskFailedToStart', stoppedReason: JSON_KEY, taskId: 'abc123'}))})
    expect(f?.evidence?.[0]).toMatch(/^1 task stopped this way at 2025-11-03T10:\d\d:00Z: abc123$/)
    expect(f?.evidence).toContain(`stoppedReason: ${JSON_KEY}`)
    expect(f?.evidence).toContain(`container BenchlingWebhookContainer: secrets entry BENCHLING_APP_DEFINITION_ID reads key app_definition_id of ${SECRET_ARN}`)
    expect(f?.detail).toContain('deployment ecs-svc/2222 (benchling-webhook-task:7, ACTIVE, FAILED)')
    expect(f?.fix).toMatch(/put-secret-value/)
  })

  test('never shows a secret value found in a reason', () => {
    const findings = run({tasks: stopped(task({containers: [{exitCode: 1, name: 'c', reason: `crashed with {"client_secret": "${LEAKED}"}`}], stoppedReason: `Essential container in task exited password=${LEAKED}`}))})
    expect(JSON.stringify(findings)).not.toContain(LEAKED)
  })

  test('subjects and tasks: a missing key names the key; a bare exit is a symptom of its container', () => {
    const [key] = run({tasks: stopped(task({containers: [{name: 'BenchlingWebhookContainer'}], stopCode: 'TaskFailedToStart', stoppedReason: JSON_KEY}))})
    expect(key).toMatchObject({subject: 'secret-key:app_definition_id'})
    const exits = [task({}), task({})]
    const [exit] = run({tasks: stopped(...exits)})
    expect(exit).toMatchObject({subject: 'exit:BenchlingWebhookContainer', tasks: exits.map((t) => t.taskId)})
    expect(exit?.evidence?.[0]).toMatch(/^2 tasks stopped this way, first at \S+, last at \S+: t\d+, t\d+$/)
  })

  test.each<{name: string; td: TaskDefinition; seen: string; fix: RegExp}>([
    {fix: /Set the task definition's memory to 1024: the next valid Fargate size after cpu 256 \/ 512 MiB/, name: 'the next memory of the same CPU', seen: 'task size: cpu 256, memory 512 MiB', td: {containers: [{environment: [], name: 'BenchlingWebhookContainer', portMappings: [], secrets: []}], cpu: '256', memory: '512', requiresCompatibilities: ['FARGATE']}},
    {fix: /memory to 3072 and cpu to 512/, name: 'more memory needs more CPU', seen: 'task size: cpu 256, memory 2048 MiB', td: {containers: [{environment: [], name: 'BenchlingWebhookContainer', portMappings: [], secrets: []}], cpu: '256', memory: '2048', requiresCompatibilities: ['FARGATE']}},
    {fix: /hard limit \(256 MiB\) is below the task's 1024 MiB/, name: "the container's own limit binds first", seen: 'container BenchlingWebhookContainer: memory 256 MiB (hard limit)', td: {containers: [{environment: [], memory: 256, name: 'BenchlingWebhookContainer', portMappings: [], secrets: []}], cpu: '512', memory: '1024'}},
  ])('out of memory: the numbers and what to set ($name)', ({fix, seen, td}) => {
    const oom = task({containers: [{exitCode: 137, name: 'BenchlingWebhookContainer', reason: 'OutOfMemoryError: Container killed due to memory usage'}]})
    const [f] = run({taskDefinition: td, tasks: stopped(oom)})
    expect(f).toMatchObject({subject: 'memory', title: 'The container ran out of memory'})
    expect(f?.evidence).toContain(seen)
    expect(f?.fix).toMatch(fix)
  })
})
