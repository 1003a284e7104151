import {DescribeServicesCommand, type DescribeServicesCommandOutput, DescribeTaskDefinitionCommand} from '@aws-sdk/client-ecs'
import {DescribeTargetHealthCommand, type TargetHealthReasonEnum, type TargetHealthStateEnum} from '@aws-sdk/client-elastic-load-balancing-v2'
import {afterEach, describe, expect, it, vi} from 'vitest'

import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {runStatus, runStatusWatch} from '../../src/services/status.js'
import {renderStatus} from '../../src/services/status/render.js'
import type {WatchUpdate} from '../../src/services/status/watch.js'
import {awsError, mockAccount} from '../fixtures/aws/account.js'

const NOW = Date.parse('2025-11-20T10:45:00Z')
// the fixture's answer, typed as the SDK's (its literals are plain strings)
const services = (world: ReturnType<typeof mockAccount>['world']) => world.describeServices() as unknown as DescribeServicesCommandOutput
const PLANT = 'PLANTED-S3cr3t-value'

async function status(arrange: (a: ReturnType<typeof mockAccount>) => void = () => {}, options = {}) {
  const account = mockAccount({plant: PLANT, ...options})
  arrange(account)
  return runStatus({region: 'us-east-1'}, {clients: account.clients, now: () => NOW, profile})
}

describe('bwops status', () => {
  it('renders the deployment at a glance from the mocked answers', async () => {
    const text = renderStatus(await status(), {color: false})
    expect(text).toBe(`BenchlingWebhookStack · benchling-webhook-cluster/benchling-webhook-service · us-east-1  (as of 2025-11-20T10:45:00.000Z)
▲ Degraded: 2/2 tasks running, 1 of 2 targets not healthy. Run \`bwops logs --errors\` or \`bwops doctor\`.

Stack      UPDATE_ROLLBACK_COMPLETE (updated 17h 25m ago)
Service    ACTIVE · desired 2 · running 2 · pending 0
Endpoint   https://abc123.execute-api.us-east-1.amazonaws.com/prod
Mode       secrets-only (container BenchlingWebhookContainer sets QuiltStackARN, BenchlingSecret)
Image      123456789012.dkr.ecr.us-east-1.amazonaws.com/quiltdata/benchling:0.7.9

Deployments
  PRIMARY  COMPLETED   benchling-webhook-task:1     2/2 running                  14m old
           ECS deployment ecs-svc/3333333333333333333 completed.
  ACTIVE   FAILED      benchling-webhook-task:2     0/0 running, 3 failed        43m old
           ECS deployment circuit breaker: tasks failed to start.

Targets (benchling-webhook-tg: HTTP /health/ready on traffic-port, expects 200)
  ✔ 10.0.1.15:5000         healthy
  ✖ 10.0.2.27:5000         unhealthy  Target.ResponseCodeMismatch: Health checks failed with these codes: [503]
    → the health check path answered with a status the matcher does not accept; run \`bwops logs --errors\` and check the path

Last events
  5m ago    stack    BenchlingWebhookStack UPDATE_ROLLBACK_COMPLETE
  6m ago    service  (service benchling-webhook-service) has reached a steady state.
  6m ago    stack    Service UPDATE_COMPLETE
  15m ago   service  (service benchling-webhook-service) (deployment ecs-svc/2222222222222222222) deployment failed: tasks failed to start.
  15m ago   stack    BenchlingWebhookStack UPDATE_ROLLBACK_IN_PROGRESS: The following resource(s) failed to update: [Service].
  35m ago   service  (service benchling-webhook-service) has started 1 tasks: (task aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1).`)
  })

  it('gives the same facts as JSON', async () => {
    const s = await status()
    expect(s).toMatchObject({
      endpoint: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod',
      headline: {state: 'degraded'},
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/quiltdata/benchling:0.7.9',
      mode: {value: 'secrets-only'},
      service: {desired: 2, pending: 0, running: 2, status: 'ACTIVE'},
      stack: {name: 'BenchlingWebhookStack', status: 'UPDATE_ROLLBACK_COMPLETE'},
      target: {cluster: 'benchling-webhook-cluster', region: 'us-east-1', service: 'benchling-webhook-service', stack: 'BenchlingWebhookStack'},
      unavailable: {},
    })
    expect(s.deployments.map((d) => [d.status, d.rolloutState, d.revision, d.ageSeconds, d.failed])).toEqual([
      ['PRIMARY', 'COMPLETED', 'benchling-webhook-task:1', 14 * 60, 0],
      ['ACTIVE', 'FAILED', 'benchling-webhook-task:2', 43 * 60, 3],
    ])
    expect(s.events).toHaveLength(6)
    expect(s.events[0]).toEqual({at: '2025-11-20T10:40:00.000Z', message: 'BenchlingWebhookStack UPDATE_ROLLBACK_COMPLETE', source: 'stack'})
    expect(JSON.parse(JSON.stringify(s))).toEqual(s)
  })

  it('the legacy mode is inferred from the task definition', async () => {
    expect((await status(() => {}, {mode: 'legacy'})).mode?.value).toBe('legacy')
  })

  const reasons: {state: string; reason?: string; description?: string; hint: RegExp | undefined}[] = [
    {description: 'Request timed out', hint: /security group/, reason: 'Target.Timeout', state: 'unhealthy'},
    {description: 'Health checks failed', hint: /listening on the target port/, reason: 'Target.FailedHealthChecks', state: 'unhealthy'},
    {description: 'Target registration is in progress', hint: /first health checks/, reason: 'Elb.InitialHealthChecking', state: 'initial'},
    {description: 'Target deregistration is in progress', hint: /draining/, reason: 'Target.DeregistrationInProgress', state: 'draining'},
    {description: 'Target group is not configured to receive traffic from the load balancer', hint: /no load balancer listener/, reason: 'Target.NotInUse', state: 'unused'},
    {hint: undefined, state: 'healthy'},
    {description: 'Something new', hint: undefined, reason: 'Target.SomethingNew', state: 'unhealthy'},
  ]
  it.each(reasons)('target health $state $reason is shown with its reason and what it means', async ({description, hint, reason, state}) => {
    const s = await status(({mocks}) => {
      mocks.elbv2.on(DescribeTargetHealthCommand).resolves({
        TargetHealthDescriptions: [{HealthCheckPort: '5000', Target: {Id: '10.0.3.9', Port: 5000}, TargetHealth: {Description: description, Reason: reason as TargetHealthReasonEnum | undefined, State: state as TargetHealthStateEnum}}],
      })
    })
    const target = s.targets[0]?.targets[0]
    expect(target).toMatchObject({id: '10.0.3.9', port: 5000, state})
    expect(target?.reason).toBe(reason)
    expect(target?.description).toBe(description)
    if (hint) expect(target?.hint).toMatch(hint)
    else expect(target?.hint).toBeUndefined()
    const text = renderStatus(s, {color: false})
    if (reason) expect(text).toContain(`${state}  ${reason}: ${description}`)
    expect(s.headline.state).toBe(state === 'healthy' ? 'rolled-back' : 'degraded')
  })

  it('shows what it could read when one call is denied, and says which permission is missing', async () => {
    const s = await status(() => {}, {deny: ['elasticloadbalancing:DescribeTargetHealth']})
    expect(s.targets).toEqual([])
    expect(s.unavailable.targets).toMatch(/AccessDeniedException calling elasticloadbalancing:DescribeTargetHealth: grant elasticloadbalancing:DescribeTargetHealth/)
    expect(s.deployments).toHaveLength(2)
    expect(renderStatus(s, {color: false})).toContain('Not available\n  targets: AccessDeniedException')
  })

  it('never shows a secret planted in events, reasons or the task definition', async () => {
    const s = await status(({mocks, world}) => {
      const out = services(world)
      const service = out.services![0]!
      service.events!.unshift({createdAt: new Date(NOW - 1000), id: 'e9', message: `(service x) task failed: client_secret=${PLANT} {"password": "${PLANT}"}`})
      service.deployments![1]!.rolloutStateReason = `bad token=${PLANT}`
      mocks.ecs.on(DescribeServicesCommand).resolves(out)
      mocks.elbv2.on(DescribeTargetHealthCommand).resolves({
        TargetHealthDescriptions: [{Target: {Id: '10.0.3.9', Port: 5000}, TargetHealth: {Description: `Bearer ${PLANT}`, Reason: 'Target.Timeout', State: 'unhealthy'}}],
      })
    })
    const text = renderStatus(s, {color: false})
    expect(text).toContain('client_secret=***')
    expect(text).not.toContain(PLANT)
    expect(JSON.stringify(s)).not.toContain(PLANT)
  })
})

describe('bwops status --watch', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  function watch(maxRefreshes: number | undefined, signal?: AbortSignal, arrange: (a: ReturnType<typeof mockAccount>) => void = () => {}) {
    vi.useFakeTimers({now: NOW})
    const account = mockAccount()
    arrange(account)
    const updates: WatchUpdate[] = []
    const done = runStatusWatch({region: 'us-east-1'}, {clients: account.clients, now: () => Date.now(), profile}, {
      intervalSeconds: 5,
      onUpdate: (u) => updates.push(u),
      ...(maxRefreshes === undefined ? {} : {maxRefreshes}),
      ...(signal ? {signal} : {}),
    })
    return {account, done, updates}
  }

  it('refreshes every interval, asking ECS again and reusing the task definition', async () => {
    const {account, done, updates} = watch(3)
    await vi.advanceTimersByTimeAsync(0)
    expect(updates).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(4999)
    expect(updates).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(updates).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(5000)
    await done
    expect(updates.map((u) => ('snapshot' in u ? u.snapshot.observedAt : u.error))).toEqual(['2025-11-20T10:45:00.000Z', '2025-11-20T10:45:05.000Z', '2025-11-20T10:45:10.000Z'])
    // the first snapshot reuses target resolution's DescribeServices; each refresh asks again
    expect(account.mocks.ecs.commandCalls(DescribeServicesCommand)).toHaveLength(3)
    const tdCalls = account.mocks.ecs.calls().filter((c) => c.args[0].constructor.name === 'DescribeTaskDefinitionCommand')
    expect(tdCalls).toHaveLength(1)
    expect(account.mocks.elbv2.commandCalls(DescribeTargetHealthCommand)).toHaveLength(3)
  })

  it('stops cleanly when aborted (Ctrl-C), mid-wait', async () => {
    const stop = new AbortController()
    const {done, updates} = watch(undefined, stop.signal)
    await vi.advanceTimersByTimeAsync(7000)
    expect(updates).toHaveLength(2)
    stop.abort()
    await expect(done).resolves.toBeDefined()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(updates).toHaveLength(2)
  })

  it('shows a throttled refresh and keeps watching', async () => {
    const {done, updates} = watch(3, undefined, ({mocks, world}) => {
      // throttled on every attempt call() makes (5): the refresh fails
      let stub = mocks.ecs.on(DescribeServicesCommand).resolvesOnce(services(world))
      for (let i = 0; i < 5; i++) stub = stub.rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
      stub.resolves(services(world))
    })
    // the retries' backoff (well under 1 s in all) delays the third refresh past 10 s
    await vi.advanceTimersByTimeAsync(12_000)
    await done
    expect(updates.map((u) => ('error' in u ? 'error' : 'snapshot'))).toEqual(['snapshot', 'error', 'snapshot'])
    expect(updates[1]).toEqual({at: expect.stringMatching(/^2025-11-20T10:45:05\.\d{3}Z$/), error: expect.stringMatching(/ThrottlingException calling ecs:DescribeServices: AWS throttled the call 5 times/)})
  })

  it('ends the watch when the credentials expire', async () => {
    const {done} = watch(3, undefined, ({mocks, world}) => {
      mocks.ecs.on(DescribeServicesCommand).resolvesOnce(services(world)).rejects(awsError('ExpiredTokenException', 'The security token included in the request is expired'))
    })
    const settled = done.then(() => 'resolved', (e: Error) => e.message)
    await vi.advanceTimersByTimeAsync(5000)
    expect(await settled).toMatch(/credentials are missing, invalid or expired/)
  })
})

describe('bwops status, with a task definition bwops cannot read', () => {
  it('shows the stack, service and deployments it read, and names the task definition as not read', async () => {
    const snapshot = await status((a) => {
      // a container entry ECS would never return as such: an environment entry without a name
      a.mocks.ecs.on(DescribeTaskDefinitionCommand).resolves({taskDefinition: {containerDefinitions: [{environment: [{value: 'x'}], name: 'BenchlingWebhookContainer'}], family: 'benchling-webhook-task', revision: 2}})
    })
    expect(snapshot.stack?.status).toBe('UPDATE_ROLLBACK_COMPLETE')
    expect(snapshot.deployments.length).toBeGreaterThan(0)
    expect(snapshot.service.desired).toBe(2)
    expect(snapshot.unavailable.taskDefinition).toContain('has no "name"')
    expect(snapshot.image).toBeUndefined()
    const text = renderStatus(snapshot, {color: false})
    expect(text).toContain('Deployments')
    expect(text).toMatch(/taskDefinition.*has no "name"/)
  })
})
