import {describe, expect, test} from 'vitest'

import {runChecks} from '../../src/checks/engine.js'
import healthCheck from '../../src/checks/health-check.js'
import type {FindingInput} from '../../src/checks/types.js'
import {Facts, known} from '../../src/facts/facts.js'
import type {ContainerDefinition, ContainerHealthCheck, FactMap, ServiceFact, TargetGroupFact, TaskDefinition} from '../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

// The upstream stack's settings (shared/reference/benchling-webhook.md): a passing baseline.
const goodCheck: ContainerHealthCheck = {
  command: ['CMD-SHELL', 'curl -f http://localhost:5000/health || exit 1'],
  interval: 30,
  retries: 3,
  startPeriod: 60,
  timeout: 10,
}

function container(over: Partial<ContainerDefinition> = {}): ContainerDefinition {
  return {
    environment: [],
    essential: true,
    healthCheck: goodCheck,
    name: 'BenchlingWebhookContainer',
    portMappings: [{containerPort: 5000, protocol: 'tcp'}],
    secrets: [],
    ...over,
  }
}

const td = (...containers: ContainerDefinition[]): TaskDefinition => ({containers, requiresCompatibilities: ['FARGATE']})
const cmd = (shell: string): ContainerHealthCheck => ({...goodCheck, command: ['CMD-SHELL', shell]})
const goodTg: TargetGroupFact = {healthCheckPath: '/health/ready', healthCheckPort: 'traffic-port', healthCheckProtocol: 'HTTP', name: 'tg', port: 5000, protocol: 'HTTP'}
const goodService: ServiceFact = {cluster: 'c', hasLoadBalancer: true, healthCheckGracePeriodSeconds: 60, name: 's'}

function run(facts: Partial<FactMap>): FindingInput[] {
  return healthCheck.run(facts as never, profile)
}

const NEEDS_CURL = ['info', 'health', 'The health check needs curl in the image'] as const

describe('health-check', () => {
  test.each<{name: string; facts: Partial<FactMap>; expected: (readonly [string, string, string])[]}>([
    {expected: [NEEDS_CURL], facts: {service: goodService, targetGroup: goodTg, taskDefinition: td(container())}, name: 'the upstream stack passes'},
    {
      expected: [],
      facts: {taskDefinition: td(container({healthCheck: cmd(`python -c "import urllib.request; urllib.request.urlopen('http://localhost:5000/health/ready')"`)}))},
      name: 'a python probe needs no curl',
    },
    {
      expected: [['warning', 'health', 'Container BenchlingWebhookContainer has no health check']],
      facts: {taskDefinition: td(container({healthCheck: undefined}))},
      name: 'no health check',
    },
    {
      expected: [['warning', 'health', 'Container BenchlingWebhookContainer has no health check']],
      facts: {taskDefinition: td(container({healthCheck: {command: ['NONE']}}))},
      name: 'health check NONE',
    },
    {
      expected: [NEEDS_CURL, ['error', 'health', 'The health check asks port 8080, the app listens on 5000']],
      facts: {taskDefinition: td(container({healthCheck: cmd('curl -f http://localhost:8080/health || exit 1')}))},
      name: 'probe port differs from the default port and containerPort',
    },
    {
      expected: [NEEDS_CURL, ['error', 'health', 'The health check asks port 5000, the app listens on 8080']],
      facts: {taskDefinition: td(container({environment: [{name: 'PORT', value: '8080'}], portMappings: [{containerPort: 8080}]}))},
      name: 'PORT and containerPort moved, the probe did not',
    },
    {
      expected: [NEEDS_CURL, ['error', 'health', 'containerPort is 5000, the app listens on 8080']],
      facts: {taskDefinition: td(container({environment: [{name: 'PORT', value: '8080'}], healthCheck: cmd('curl -f http://localhost:8080/health || exit 1')}))},
      name: 'PORT and the probe moved, containerPort did not',
    },
    {
      expected: [NEEDS_CURL],
      facts: {taskDefinition: td(container({environment: [{name: 'PORT', value: '8080'}], healthCheck: cmd('curl -f http://localhost:${PORT:-5000}/health'), portMappings: [{containerPort: 8080}]}))},
      name: '${PORT:-5000} follows PORT',
    },
    {
      expected: [NEEDS_CURL, ['error', 'health', 'The health check asks $PORT, which is not set']],
      facts: {taskDefinition: td(container({healthCheck: cmd('curl -f http://localhost:$PORT/health')}))},
      name: '$PORT unset without a default',
    },
    {
      expected: [NEEDS_CURL, ['error', 'health', 'The CMD health check uses $PORT, which only a shell expands']],
      facts: {taskDefinition: td(container({environment: [{name: 'PORT', value: '5000'}], healthCheck: {...goodCheck, command: ['CMD', 'curl', '-f', 'http://localhost:$PORT/health']}}))},
      name: '$PORT in a CMD form',
    },
    {
      expected: [NEEDS_CURL, ['info', 'health', 'PORT is known only at deploy time']],
      facts: {taskDefinition: td(container({environment: [{name: 'PORT', value: '{{Ref:AppPort}}'}], healthCheck: cmd('curl -f http://localhost:$PORT/health')}))},
      name: 'PORT from a template parameter is reported, not guessed',
    },
    {
      expected: [NEEDS_CURL, ['info', 'health', 'The health check port is known only at deploy time']],
      facts: {taskDefinition: td(container({healthCheck: cmd('curl -f http://localhost:{{Ref:AppPort}}/health')}))},
      name: 'a deploy-time port in the command',
    },
    {
      expected: [NEEDS_CURL, ['warning', 'health', 'The health check asks /status, not a health path the app serves']],
      facts: {taskDefinition: td(container({healthCheck: cmd('curl -f http://localhost:5000/status || exit 1')}))},
      name: 'a path the app does not serve',
    },
    {
      expected: [NEEDS_CURL, ['warning', 'health', 'The curl health check passes on HTTP errors (no -f)']],
      facts: {taskDefinition: td(container({healthCheck: cmd('curl http://localhost:5000/health')}))},
      name: 'curl without -f',
    },
    {
      expected: [['info', 'health', 'The health check tests only that the port is open']],
      facts: {taskDefinition: td(container({healthCheck: cmd('nc -z localhost 5000')}))},
      name: 'nc only tests the port',
    },
    {
      expected: [['info', 'health', 'The health check command asks a port bwops cannot read']],
      facts: {taskDefinition: td(container({healthCheck: cmd('/app/healthcheck.sh')}))},
      name: 'an unreadable command',
    },
    {
      expected: [NEEDS_CURL, ['error', 'health', 'The health check asks https://, the app serves plain HTTP'], ['error', 'health', 'The health check asks port 443, the app listens on 5000']],
      facts: {taskDefinition: td(container({healthCheck: cmd('curl -f https://localhost/health')}))},
      name: 'https on the default port',
    },
    {
      expected: [NEEDS_CURL, ['warning', 'health', 'The health check asks webhook.example.com, not the container itself']],
      facts: {taskDefinition: td(container({healthCheck: cmd('curl -f http://webhook.example.com:5000/health')}))},
      name: 'another host',
    },
    {
      expected: [
        NEEDS_CURL,
        ['error', 'start', "healthCheck.interval 1 is outside ECS's range 5-300 s"],
        ['error', 'start', "healthCheck.retries 11 is outside ECS's range 1-10"],
        ['warning', 'health', 'healthCheck.timeout (10 s) is not shorter than its interval (1 s)'],
      ],
      facts: {taskDefinition: td(container({healthCheck: {...goodCheck, interval: 1, retries: 11}}))},
      name: 'timing out of ECS bounds',
    },
    {
      expected: [NEEDS_CURL, ["error", 'start', "healthCheck.timeout 61 is outside ECS's range 2-60 s"], ['warning', 'health', 'healthCheck.timeout (61 s) is not shorter than its interval (30 s)']],
      facts: {taskDefinition: td(container({healthCheck: {...goodCheck, timeout: 61}}))},
      name: 'timeout above 60',
    },
    {
      expected: [NEEDS_CURL, ['warning', 'health', 'healthCheck.startPeriod is not set; the app needs about 30 s to boot']],
      facts: {taskDefinition: td(container({healthCheck: {command: goodCheck.command}}))},
      name: 'defaults leave no start period',
    },
    {
      expected: [NEEDS_CURL, ['warning', 'health', 'healthCheck.startPeriod is 10 s; the app needs about 30 s to boot']],
      facts: {taskDefinition: td(container({healthCheck: {...goodCheck, startPeriod: 10}}))},
      name: 'a short start period',
    },
    {
      expected: [NEEDS_CURL, ['error', 'health', 'The target group health check asks /, a path the app does not serve']],
      facts: {targetGroup: {...goodTg, healthCheckPath: undefined}, taskDefinition: td(container())},
      name: "target group with AWS's default path /",
    },
    {
      expected: [NEEDS_CURL, ['info', 'health', 'The target group health check path is known only at deploy time']],
      facts: {targetGroup: {...goodTg, healthCheckPath: '{{Ref:HealthPath}}'}, taskDefinition: td(container())},
      name: 'target group path from a parameter',
    },
    {
      expected: [NEEDS_CURL, ['error', 'health', 'The target group health check asks port 8080, the container listens on 5000']],
      facts: {targetGroup: {...goodTg, healthCheckPort: '8080'}, taskDefinition: td(container())},
      name: 'target group health check port differs',
    },
    {
      expected: [NEEDS_CURL],
      facts: {targetGroup: {...goodTg, healthCheckPort: '5000'}, taskDefinition: td(container())},
      name: 'target group health check port equal to the container port',
    },
    {
      expected: [NEEDS_CURL, ['warning', 'health', 'The target group port 80 is not the container port 5000']],
      facts: {targetGroup: {...goodTg, port: 80}, taskDefinition: td(container())},
      name: 'target group port differs',
    },
    {
      expected: [NEEDS_CURL, ['error', 'health', 'The target group protocol is HTTPS, not HTTP'], ['warning', 'health', 'The target group health check protocol is TCP, not HTTP']],
      facts: {targetGroup: {...goodTg, healthCheckProtocol: 'TCP', protocol: 'HTTPS'}, taskDefinition: td(container())},
      name: 'target group protocols',
    },
    {
      expected: [NEEDS_CURL, ['error', 'health', 'The service has no health check grace period']],
      facts: {service: {...goodService, healthCheckGracePeriodSeconds: undefined}, taskDefinition: td(container())},
      name: 'service behind a load balancer without a grace period',
    },
    {
      expected: [NEEDS_CURL, ['warning', 'health', "The service's health check grace period (10 s) is shorter than the app's boot (30 s)"]],
      facts: {service: {...goodService, healthCheckGracePeriodSeconds: 10}, taskDefinition: td(container())},
      name: 'a short grace period',
    },
    {
      expected: [NEEDS_CURL],
      facts: {service: {...goodService, hasLoadBalancer: false, healthCheckGracePeriodSeconds: 0}, taskDefinition: td(container())},
      name: 'no load balancer: no grace period needed',
    },
    {
      expected: [NEEDS_CURL, ['error', 'health', 'The service has no health check grace period']],
      facts: {service: {name: 's'}, targetGroup: goodTg, taskDefinition: td(container())},
      name: 'a known target group means a load balancer',
    },
    {
      expected: [NEEDS_CURL, ['error', 'start', 'The health check command does not start with CMD or CMD-SHELL']],
      facts: {taskDefinition: td(container({healthCheck: {...goodCheck, command: ['curl', '-f', 'http://localhost:5000/health']}}))},
      name: 'a command without CMD or CMD-SHELL',
    },
    {
      expected: [['warning', 'health', 'Container app has no health check']],
      facts: {taskDefinition: td(container({essential: false, name: 'sidecar'}), container({healthCheck: undefined, name: 'app'}))},
      name: 'without the profile name, the first essential container is judged',
    },
  ])('$name', ({expected, facts}) => {
    // order is the ranker's business, not the check's
    const got = run(facts).map((f) => [f.severity, f.impact, f.title].join(' | '))
    expect(got.sort()).toEqual(expected.map((e) => e.join(' | ')).sort())
  })
})

describe('health-check fixes', () => {
  test('a port mismatch names the exact fields to change', () => {
    const [finding] = run({taskDefinition: td(container({healthCheck: cmd('curl -f http://localhost:8080/health || exit 1')}))}).filter((f) => f.severity === 'error')
    expect(finding?.fix).toBe(
      'In container BenchlingWebhookContainer, change the healthCheck command to ["CMD-SHELL","curl -f http://localhost:5000/health || exit 1"], or set PORT=8080 and containerPort 8080.',
    )
  })

  test('a containerPort out of step says which field', () => {
    const facts = {taskDefinition: td(container({environment: [{name: 'PORT', value: '8080'}], healthCheck: cmd('curl -f http://localhost:8080/health || exit 1')}))}
    const [finding] = run(facts).filter((f) => f.severity === 'error')
    expect(finding?.fix).toBe("In container BenchlingWebhookContainer, set portMappings containerPort to 8080 (and the target group's port with it).")
  })

  test('a grace period fix is a command with the service and cluster', () => {
    const [finding] = run({service: {cluster: 'benchling-webhook-cluster', hasLoadBalancer: true, name: 'benchling-webhook-service'}, taskDefinition: td(container())}).filter((f) => f.severity === 'error')
    expect(finding?.fix).toMatch(/^aws ecs update-service --cluster benchling-webhook-cluster --service benchling-webhook-service --health-check-grace-period-seconds 60 /)
  })
})

describe('health-check never shows a credential from the command', () => {
  test('header, user and URL credentials are hidden in evidence and fixes', () => {
    const shell = 'curl -f -H "Authorization: Bearer s3cr3t-token" -u admin:hunter2 http://ops:pa55@localhost:8080/health'
    const text = JSON.stringify(run({taskDefinition: td(container({healthCheck: cmd(shell)}))}))
    expect(text).toContain('The health check asks port 8080, the app listens on 5000')
    for (const secret of ['s3cr3t-token', 'hunter2', 'pa55']) expect(text).not.toContain(secret)
  })
})

describe('health-check in the engine', () => {
  const facts = (loaders: ConstructorParameters<typeof Facts>[0][number]['loaders']) => new Facts([{describe: 'test input', loaders}])

  test('findings carry the check id and its docs page', async () => {
    const [result] = await runChecks([healthCheck], facts({taskDefinition: async () => known(td(container({healthCheck: cmd('curl -f http://localhost:8080/health')})), 'td.json')}), profile)
    expect(result).toMatchObject({id: 'health-check', status: 'failed', title: 'Health checks ask the port and path the app serves'})
    expect(result?.findings.every((f) => f.check === 'health-check' && f.docs === 'docs/checks/health-check.md')).toBe(true)
  })

  test('skipped without a task definition; the target group alone is not enough', async () => {
    const [result] = await runChecks([healthCheck], facts({targetGroup: async () => known(goodTg, 'tg')}), profile)
    expect(result?.status).toBe('skipped')
  })
})

describe('health-check: the numbers', () => {
  test('a problem carries the port, path and timings of both checks and the grace period', () => {
    const [f] = run({service: goodService, targetGroup: {...goodTg, healthCheckIntervalSeconds: 30, healthCheckTimeoutSeconds: 5, healthyThresholdCount: 2, unhealthyThresholdCount: 3}, taskDefinition: td(container({healthCheck: cmd('curl -f http://localhost:8080/health || exit 1')}))}).filter((x) => x.severity !== 'info')
    expect(f?.evidence).toEqual(expect.arrayContaining([
      expect.stringMatching(/^app listens on 5000 \(.*\); containerPort 5000$/),
      'container health check: port 8080, path /health; interval 30 s, timeout 10 s, retries 3, startPeriod 60 s',
      'target group health check: HTTP port traffic-port (5000), path /health/ready; interval 30 s, timeout 5 s, healthy after 2, unhealthy after 3, codes 200',
      'service health check grace period: 60 s',
    ]))
  })

  test('a note keeps only its own evidence', () => {
    const notes = run({taskDefinition: td(container())}).filter((x) => x.severity === 'info')
    expect(notes.every((n) => !(n.evidence ?? []).some((e) => e.startsWith('container health check:')))).toBe(true)
  })
})
