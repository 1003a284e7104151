import {describe, expect, test} from 'vitest'

import type {CheckResult} from '../../src/checks/engine.js'
import type {Finding} from '../../src/checks/types.js'
import {diagnose} from '../../src/diagnosis/diagnose.js'

// Findings in the shapes the checks give them (ids, subjects, tasks as the engine fills them).
type F = Pick<Finding, 'check' | 'severity' | 'impact' | 'title'> & Partial<Finding>
const CHECK_ORDER = ['secret-access', 'quilt-stack-outputs', 'secret-references', 'env-complete', 'iam', 'health-check', 'stopped-task-causes', 'container-log-signatures', 'service-events', 'deployment-verdict']

function results(...fs: F[]): CheckResult[] {
  return CHECK_ORDER.map((id) => {
    const findings = fs.filter((f) => f.check === id).map((f, i): Finding => ({detail: 'd', docs: `docs/checks/${id}.md`, evidence: [], fix: `fix ${f.title}`, id: `${id}#${i + 1}`, ...f}))
    const status = findings.some((f) => f.severity === 'error') ? 'failed' : findings.some((f) => f.severity === 'warning') ? 'warning' : 'passed'
    return {findings, id, sources: ['s'], status, title: id}
  })
}

const regionWarning: F = {check: 'env-complete', impact: 'runtime', severity: 'warning', subject: 'quilt-stack', title: 'QuiltStackARN names a stack in another region (ca-central-1)'}
const stackMissing: F = {check: 'quilt-stack-outputs', impact: 'start', severity: 'error', subject: 'quilt-stack', title: 'The Quilt stack quilt-prod does not exist in ca-central-1'}
const exit1: F = {check: 'stopped-task-causes', impact: 'start', severity: 'error', subject: 'exit:Web', tasks: ['t1', 't2'], title: 'Container Web exited with code 1 (application error) (2 tasks)'}
const stackLog: F = {check: 'container-log-signatures', impact: 'start', quote: ['botocore.exceptions.ClientError: ... Stack with id quilt-prod does not exist'], severity: 'error', subject: 'quilt-stack', tasks: ['t1', 't2'], title: 'The Quilt stack quilt-prod does not exist where QuiltStackARN says (2 tasks)'}
const rollback: F = {check: 'service-events', impact: 'outcome', severity: 'error', subject: 'deployment', title: 'The circuit breaker rolled the service back'}
const verdict: F = {check: 'deployment-verdict', impact: 'outcome', severity: 'error', subject: 'deployment', title: 'Deployment rolled back'}
const missingVars: F = {check: 'env-complete', impact: 'start', severity: 'error', subject: 'env:QUILT_DATABASE,QUEUE_ARN', title: 'lacks QUILT_DATABASE, QUEUE_ARN'}
const missingLog: F = {check: 'container-log-signatures', impact: 'start', quote: ['Missing required configuration: QUEUE_ARN'], severity: 'error', subject: 'env:QUEUE_ARN', tasks: ['t3'], title: 'The webhook is missing configuration: QUEUE_ARN'}
const keyMissing: F = {check: 'secret-references', impact: 'start', severity: 'error', subject: 'secret-key:app_definition_id', title: 'references JSON key app_definition_id, which the secret lacks'}
const keyStop: F = {check: 'stopped-task-causes', impact: 'start', severity: 'error', subject: 'secret-key:app_definition_id', tasks: ['t4'], title: 'The secret has no JSON key "app_definition_id"'}
const unrelatedExit: F = {check: 'stopped-task-causes', impact: 'start', severity: 'error', subject: 'exit:Web', tasks: ['t9'], title: 'Container Web exited with code 2 (bad command line)'}
const usageQuote: F = {check: 'container-log-signatures', impact: 'start', quote: ['gunicorn: error: argument -w/--workers: expected one argument'], severity: 'error', subject: 'exit:Web', tasks: ['t9'], title: 'Container Web exited 2; its log says: gunicorn: error: ...'}
const hcConfig: F = {check: 'health-check', impact: 'health', severity: 'warning', subject: 'health-check', title: 'The health check asks port 8080, the app listens on 5000'}
const hcStop: F = {check: 'stopped-task-causes', impact: 'health', severity: 'error', subject: 'health-check', tasks: ['t5'], title: 'The task failed its container health check'}
const plainInfo: F = {check: 'iam', impact: 'runtime', severity: 'info', subject: 'role:task', title: 'cannot tell'}

const summary = (fs: F[]) => {
  const d = diagnose(results(...fs))
  return d.causes.map((c) => `${c.severity} ${c.title} <- [${c.chain.map((s) => `${s.layer}: ${s.finding}`).join(', ')}] explains [${c.explains.join(', ')}]`)
}

describe('diagnosis: joining', () => {
  test.each<{name: string; findings: F[]; causes: string[]}>([
    {
      causes: [
        'error The Quilt stack quilt-prod does not exist in ca-central-1 <- [configuration: quilt-stack-outputs#1, configuration: env-complete#1, ecs: stopped-task-causes#1, ecs: service-events#1, ecs: deployment-verdict#1, log: container-log-signatures#1] explains [stopped-task-causes#1, service-events#1, deployment-verdict#1]',
      ],
      findings: [regionWarning, stackMissing, exit1, stackLog, rollback, verdict],
      name: 'the Quilt stack: configuration, the exit of the tasks whose log names it, the rollback',
    },
    {
      causes: ['error lacks QUILT_DATABASE, QUEUE_ARN <- [configuration: env-complete#1, log: container-log-signatures#1] explains []'],
      findings: [missingVars, missingLog],
      name: 'variables: a log line naming one of the missing variables',
    },
    {
      causes: ['error references JSON key app_definition_id, which the secret lacks <- [configuration: secret-references#1, ecs: stopped-task-causes#1] explains []'],
      findings: [keyMissing, keyStop],
      name: 'a secret key: the reference and the stop that names the key',
    },
    {
      causes: ['error Container Web exited 2; its log says: gunicorn: error: ... <- [ecs: stopped-task-causes#1, log: container-log-signatures#1] explains [stopped-task-causes#1]'],
      findings: [unrelatedExit, usageQuote],
      name: 'an exit and the quoted log of the same tasks',
    },
    {
      causes: ['error The health check asks port 8080, the app listens on 5000 <- [configuration: health-check#1, ecs: stopped-task-causes#1] explains []'],
      findings: [hcConfig, hcStop],
      name: 'the health check: the configuration and the stops it caused',
    },
  ])('$name', ({causes, findings}) => {
    expect(summary(findings)).toEqual(causes)
  })

  test('an exit of other tasks is not explained by a log line of different tasks', () => {
    const other: F = {...usageQuote, tasks: ['t7'], subject: 'exit:Other'}
    expect(diagnose(results(exit1, other)).causes.map((c) => c.finding)).toEqual(['container-log-signatures#1', 'stopped-task-causes#1'])
  })

  test('infos are no cause', () => {
    expect(diagnose(results(plainInfo)).causes).toEqual([])
  })
})

describe('diagnosis: precedence', () => {
  test('a configuration warning confirmed by runtime evidence is raised to an error, and its check fails', () => {
    const d = diagnose(results(hcConfig, hcStop))
    expect(d.findings.find((f) => f.id === 'health-check#1')?.severity).toBe('error')
    expect(d.results.find((r) => r.id === 'health-check')?.status).toBe('failed')
    expect(d.causes[0]).toMatchObject({confirmed: true, severity: 'error'})
  })

  test('an unconfirmed warning stays a warning', () => {
    const d = diagnose(results(regionWarning))
    expect(d.findings[0]?.severity).toBe('warning')
    expect(d.causes[0]).toMatchObject({confirmed: false, severity: 'warning'})
  })

  test('a confirmed cause ranks before an unconfirmed error of higher impact', () => {
    expect(diagnose(results(missingVars, hcConfig, hcStop)).causes.map((c) => c.finding)).toEqual(['health-check#1', 'env-complete#1'])
  })

  test('a symptom never ranks above the cause that explains it: the rollback is explained, not a cause', () => {
    const d = diagnose(results(rollback, verdict, keyMissing, keyStop))
    expect(d.causes).toHaveLength(1)
    expect(d.causes[0]?.explains).toEqual(['service-events#1', 'deployment-verdict#1'])
    expect(d.findings[0]?.id).toBe('secret-references#1')
  })

  test('an exit nothing explains ranks after a cause that is not a symptom', () => {
    expect(diagnose(results(exit1, missingVars)).causes.map((c) => c.finding)).toEqual(['env-complete#1', 'stopped-task-causes#1'])
  })

  test('with nothing else, the failure ECS reports is the cause, and lists the rest of the outcome', () => {
    const d = diagnose(results(rollback, verdict))
    expect(d.causes.map((c) => [c.finding, c.explains])).toEqual([['service-events#1', ['deployment-verdict#1']]])
  })

  test("the cause's lead is the report's first finding", () => {
    const d = diagnose(results(rollback, verdict, exit1, stackLog, regionWarning, stackMissing))
    expect(d.findings[0]?.id).toBe(d.causes[0]?.finding)
    expect(d.causes[0]?.chain.at(-1)).toMatchObject({layer: 'log', text: 'the app logged "botocore.exceptions.ClientError: ... Stack with id quilt-prod does not exist" (2 tasks)'})
  })
})

describe('diagnosis: what is not raised', () => {
  test('a hygiene warning confirmed by runtime evidence stays a warning', () => {
    const retention: F = {check: 'env-complete', impact: 'hygiene', severity: 'warning', subject: 'log-group', title: 'The log group does not survive a rollback'}
    const gone: F = {check: 'container-log-signatures', impact: 'hygiene', severity: 'error', subject: 'log-group', tasks: ['t1'], title: 'Logs of task t1 are gone'}
    const d = diagnose(results(retention, gone))
    expect(d.findings.find((f) => f.id === 'env-complete#1')?.severity).toBe('warning')
    expect(d.causes[0]).toMatchObject({confirmed: true})
  })

  test('a warning of what ran (a resolved health event) joins the cause but confirms nothing', () => {
    const resolved: F = {check: 'service-events', impact: 'health', severity: 'warning', subject: 'health-check', title: 'Tasks failed their container health checks'}
    const d = diagnose(results(hcConfig, resolved))
    expect(d.causes).toHaveLength(1)
    expect(d.causes[0]).toMatchObject({confirmed: false, severity: 'warning'})
    expect(d.findings.every((f) => f.severity === 'warning')).toBe(true)
  })
})
