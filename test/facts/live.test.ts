import {describe, expect, it} from 'vitest'

import {Facts} from '../../src/facts/facts.js'
import type {FactName} from '../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {LIVE_FACTS} from '../../src/services/bundle.js'
import {doctorSources} from '../../src/services/doctor.js'
import {liveDoctorSources} from '../../src/services/live-doctor.js'
import {type AccountOptions, mockAccount} from '../fixtures/aws/account.js'
import {CLUSTER, QUILT_STACK_ARN, SECRET_ARN} from '../fixtures/aws/data.js'

async function liveFacts(options: AccountOptions = {}, wanted?: ReadonlySet<FactName>) {
  const {clients} = mockAccount(options)
  const live = await liveDoctorSources({region: 'us-east-1'}, profile, {clients, ...(wanted ? {wanted} : {})})
  const facts = new Facts(await doctorSources({extraSources: live.sources}, profile))
  return {calls: live.calls, facts, live}
}

/** Lets the reads begun in the background finish (the mocked account answers at once). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve))
}

async function value<K extends FactName>(facts: Facts, name: K) {
  const result = await facts.get(name)
  if (!result.ok) throw new Error(`${name} unknown: ${result.reason}`)
  return result.value
}

describe('live fact source', () => {
  it('reads the service, its failed deployment and the task definition that failed', async () => {
    const {facts} = await liveFacts()
    const state = await value(facts, 'serviceState')
    expect(state).toMatchObject({cluster: CLUSTER, desiredCount: 2, name: 'benchling-webhook-service', runningCount: 2})
    expect(state.deployments.map((d) => [d.status, d.rolloutState])).toEqual([['PRIMARY', 'COMPLETED'], ['ACTIVE', 'FAILED']])
    expect(state.events[0]?.createdAt).toBe('2025-11-20T10:39:00.000Z')
    const td = await value(facts, 'taskDefinition')
    expect(td.revision).toBe(2)
    expect((await facts.get('taskDefinition')).ok && (await facts.get('taskDefinition'))).toMatchObject({source: expect.stringContaining('failed deployment ecs-svc/2222222222222222222')})
    expect(await value(facts, 'mode')).toMatchObject({inferred: true, value: 'secrets-only'})
    expect(await value(facts, 'service')).toMatchObject({circuitBreaker: {enable: true, rollback: true}, hasLoadBalancer: true, healthCheckGracePeriodSeconds: 60})
    expect(await value(facts, 'deployment')).toEqual({account: '123456789012', region: 'us-east-1'})
  })

  it('lists stopped and running tasks across pages, newest stop first, and tails only stopped tasks\' logs', async () => {
    const {calls, facts} = await liveFacts({stoppedTasks: 5})
    const tasks = await value(facts, 'tasks')
    expect(tasks.stopped).toHaveLength(5)
    expect(tasks.running).toHaveLength(2)
    const stops = tasks.stopped.map((t) => t.stoppedAt ?? '')
    expect(stops).toEqual([...stops].sort().reverse())
    expect(tasks.stopped[0]).toMatchObject({containers: [{exitCode: 1, name: 'BenchlingWebhookContainer'}], stopCode: 'EssentialContainerExited'})
    const logs = await value(facts, 'containerLogs')
    expect(logs.streams).toHaveLength(5)
    expect(logs.streams[0]?.stream).toBe(`benchling-webhook/BenchlingWebhookContainer/${tasks.stopped[0]?.taskId}`)
    expect(logs.streams[0]?.lines.map((l) => l.message)).toContain('Loaded secret {"client_secret": "***"}')
    // 3 pages of STOPPED, 1 of RUNNING; 7 tasks in one DescribeTasks batch; two task definitions:
    // the failed revision the stopped tasks ran, and the stack's (revision 1 after the rollback),
    // read while the service was looked up
    expect(calls.summary().byOperation).toMatchObject({'ecs:DescribeTaskDefinition': 2, 'ecs:DescribeTasks': 1, 'ecs:ListTasks': 4, 'logs:GetLogEvents': 5})
  })

  it('reads the stack back to the start of its last operation, the Quilt stack, secret shape and roles', async () => {
    const {calls, facts} = await liveFacts()
    const stack = await value(facts, 'stack')
    expect(stack.status).toBe('UPDATE_ROLLBACK_COMPLETE')
    expect(stack.events.at(-1)).toMatchObject({resourceStatus: 'UPDATE_IN_PROGRESS', resourceType: 'AWS::CloudFormation::Stack'})
    expect(stack.events.find((e) => e.resourceStatus === 'UPDATE_FAILED')?.resourceStatusReason).toContain('Circuit Breaker')
    expect((await value(facts, 'quiltStack')).outputs).toMatchObject({PackagerQueueArn: expect.stringContaining('sqs'), UserAthenaDatabaseName: 'userdb'})
    const secret = await value(facts, 'benchlingSecret')
    expect(secret.arn).toBe(SECRET_ARN)
    expect(secret.content.kind === 'json-object' && Object.keys(secret.content.keys).sort()).toEqual(['app_definition_id', 'client_id', 'client_secret', 'tenant'])
    expect(await value(facts, 'secretAccess')).toEqual({arn: SECRET_ARN, id: SECRET_ARN, status: 'readable'})
    const roles = await value(facts, 'roles')
    expect(roles.task?.inlinePolicies.map((p) => p.name)).toEqual(['athena', 'config'])
    expect(JSON.stringify(roles.task?.inlinePolicies[1]?.document)).toContain(QUILT_STACK_ARN)
    expect(roles.execution?.managedPolicies[0]).toMatchObject({document: {Statement: expect.any(Array)}, name: 'AmazonECSTaskExecutionRolePolicy'})
    expect(roles.execution?.trustPolicy?.Statement).toEqual([{Action: 'sts:AssumeRole', Effect: 'Allow', Principal: {Service: 'ecs-tasks.amazonaws.com'}}])
    expect(await value(facts, 'targetHealth')).toMatchObject({targets: [{state: 'healthy'}, {reason: 'Target.ResponseCodeMismatch', state: 'unhealthy'}]})
    expect(await value(facts, 'targetGroup')).toMatchObject({healthCheckPath: '/health/ready', matcher: '200', port: 5000})
    expect(await value(facts, 'logGroup')).toEqual({name: '/ecs/benchling-webhook', presence: 'account', retentionInDays: 7})
    expect(await value(facts, 'callerIdentity')).toMatchObject({account: '123456789012'})
    // the third page of stack events (an older operation) is never asked for
    expect(calls.summary().byOperation['cloudformation:DescribeStackEvents']).toBe(2)
  })

  it('makes each AWS call once however many facts need it', async () => {
    const {calls, facts} = await liveFacts()
    await Promise.all(LIVE_FACTS.map((name) => facts.get(name)))
    await Promise.all(LIVE_FACTS.map((name) => facts.get(name)))
    const ops = calls.summary().byOperation
    expect(ops).toMatchObject({
      'cloudformation:DescribeStacks': 2, // the webhook stack, the Quilt stack
      'ecs:DescribeServices': 1,
      'ecs:DescribeTaskDefinition': 2, // the failed revision, and the stack's own (revision 1), each once
      'secretsmanager:DescribeSecret': 1,
      'secretsmanager:GetSecretValue': 1,
      'sts:GetCallerIdentity': 1,
    })
    expect(ops['iam:GetPolicy']).toBe(1)
  })

  it('gathers only what is asked: the task definition alone needs no IAM, logs or secrets call', async () => {
    const {calls, facts} = await liveFacts({}, new Set(['taskDefinition']))
    await facts.get('taskDefinition')
    await settle()
    // the stack's resources name its task definition, read beside the service; no template, no role
    expect(calls.summary().byOperation).toEqual({
      'cloudformation:DescribeStackResources': 1,
      'cloudformation:DescribeStacks': 1,
      'ecs:DescribeServices': 1,
      'ecs:DescribeTaskDefinition': 2,
      'sts:GetCallerIdentity': 1,
    })
  })
})

describe('live fact source when calls fail', () => {
  const cases: {name: string; options: AccountOptions; unknown: Partial<Record<FactName, string>>; stillKnown: FactName[]}[] = [
    {
      name: 'ecs:DescribeTasks denied',
      options: {deny: ['ecs:DescribeTasks']},
      stillKnown: ['serviceState', 'taskDefinition', 'roles', 'benchlingSecret', 'stack', 'mode'],
      unknown: {containerLogs: 'AccessDeniedException calling ecs:DescribeTasks: grant ecs:DescribeTasks', tasks: 'AccessDeniedException calling ecs:DescribeTasks: grant ecs:DescribeTasks'},
    },
    {
      name: 'iam:GetRole throttled',
      options: {throttle: ['iam:GetRole']},
      stillKnown: ['taskDefinition', 'tasks', 'benchlingSecret'],
      unknown: {roles: 'ThrottlingException calling iam:GetRole: AWS throttled the call'},
    },
    {
      name: 'secretsmanager:GetSecretValue denied',
      options: {deny: ['secretsmanager:GetSecretValue']},
      stillKnown: ['secretAccess', 'taskDefinition', 'roles'],
      unknown: {benchlingSecret: 'could not be read: access-denied (AccessDeniedException)'},
    },
    {
      name: 'cloudformation:DescribeStackEvents denied',
      options: {deny: ['cloudformation:DescribeStackEvents']},
      stillKnown: ['quiltStack', 'serviceState', 'tasks'],
      unknown: {stack: 'grant cloudformation:DescribeStackEvents'},
    },
  ]
  it.each(cases)('$name degrades only the facts built on it', async ({options, stillKnown, unknown}) => {
    const {facts} = await liveFacts(options)
    for (const [name, reason] of Object.entries(unknown)) {
      const result = await facts.get(name as FactName)
      expect(result.ok, name).toBe(false)
      expect(!result.ok && result.reason).toContain(reason)
    }

    for (const name of stillKnown) expect((await facts.get(name)).ok, name).toBe(true)
  })

  it('keeps the logs fact when one stream cannot be read, saying why for that stream', async () => {
    const {facts} = await liveFacts({deny: ['logs:GetLogEvents']})
    const logs = await value(facts, 'containerLogs')
    expect(logs.streams[0]?.unavailable).toBe('AccessDeniedException calling logs:GetLogEvents: grant logs:GetLogEvents to arn:aws:iam::123456789012:user/ops')
  })

  it('records a denied secret read as a status', async () => {
    const {facts} = await liveFacts({deny: ['secretsmanager:GetSecretValue']})
    expect(await value(facts, 'secretAccess')).toMatchObject({error: 'AccessDeniedException', status: 'access-denied'})
  })

  it('masks the Benchling secret\'s values in log lines, even where no pattern would', async () => {
    const {facts} = await liveFacts({plant: 'PLANTED-shapeless-value'})
    const logs = await value(facts, 'containerLogs')
    const lines = logs.streams.flatMap((s) => s.lines.map((l) => l.message))
    expect(lines).toContain('Benchling client ready with *** for quilt-dtt')
    expect(JSON.stringify(logs)).not.toContain('PLANTED')
  })
})
