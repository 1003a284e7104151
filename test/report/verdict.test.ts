import {Chalk} from 'chalk'
import {describe, expect, it} from 'vitest'

import type {CheckResult} from '../../src/checks/engine.js'
import type {Finding} from '../../src/checks/types.js'
import {builtinChecks} from '../../src/checks/index.js'
import {buildReport, EXIT_INCOMPLETE, exitCodeFor} from '../../src/report/model.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {runDoctor} from '../../src/services/doctor.js'
import {liveDoctorSources} from '../../src/services/live-doctor.js'
import {summaryLine} from '../../src/report/text-verbose.js'
import {mockAccount} from '../fixtures/aws/account.js'

// A verdict never overstates: a run that could not judge what it was asked to is INCOMPLETE, with
// its own exit code (3), never PASSED.

const result = (id: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({findings: [], id, sources: [], status, title: id, ...extra})
const error: Finding = {check: 'a', detail: '', docs: '', evidence: [], fix: 'x', id: 'a#1', impact: 'start', severity: 'error', title: 'broken'}

describe('the verdict', () => {
  it.each<[string, CheckResult[], Finding[], string, number]>([
    ['every check passed', [result('a', 'passed'), result('b', 'passed')], [], 'passed', 0],
    ['a check not given its facts is skipped, and the rest pass', [result('a', 'passed'), result('b', 'skipped', {reason: 'no tasks given'})], [], 'passed', 0],
    ['a check skipped because a fact could not be read', [result('a', 'passed'), result('b', 'skipped', {reason: 'denied', starvedBy: ['taskDefinition']})], [], 'incomplete', EXIT_INCOMPLETE],
    ['the only check crashed', [result('a', 'crashed', {reason: 'boom'})], [], 'incomplete', EXIT_INCOMPLETE],
    ['an error found wins: the run failed, whatever it could not judge', [result('a', 'failed'), result('b', 'crashed')], [error], 'failed', 1],
  ])('%s', (_name, results, findings, verdict, code) => {
    const report = buildReport(results, findings, {profile: 'benchling-webhook', sources: []}, [])
    expect(report.verdict).toBe(verdict)
    expect(exitCodeFor(report, false)).toBe(code)
    expect(exitCodeFor(report, true)).toBe(code === 0 ? 0 : code)
  })

  it('says what it could not judge', () => {
    const report = buildReport([result('a', 'passed'), result('b', 'skipped', {starvedBy: ['taskDefinition']}), result('c', 'crashed')], [], {profile: 'benchling-webhook', sources: []}, [])
    expect(report.incomplete).toEqual({crashed: ['c'], starved: ['b'], unreadable: ['taskDefinition']})
  })
})

describe('a live run whose task definition cannot be read', () => {
  it('is INCOMPLETE (exit 3), names the fact and the checks it kept from running, and never says PASSED', async () => {
    const live = await liveDoctorSources({region: 'us-east-1'}, profile, {clients: mockAccount({deny: ['ecs:DescribeTaskDefinition']}).clients})
    // the checks of the configuration: none can run without the task definition; stack-rollback can
    const only = ['env-complete', 'health-check', 'secret-references', 'iam', 'plaintext-credentials', 'log-group', 'secret-access']
    const {report} = await runDoctor({extraSources: live.sources, only}, {checks: builtinChecks, profile})
    expect(report.summary.errors).toBe(0)
    expect(report.verdict).toBe('incomplete')
    expect(exitCodeFor(report, false)).toBe(EXIT_INCOMPLETE)
    expect(report.incomplete?.unreadable).toEqual(['taskDefinition'])
    expect(report.incomplete?.starved.sort()).toEqual(['env-complete', 'health-check', 'iam', 'log-group', 'plaintext-credentials', 'secret-references'])
    expect(summaryLine(report, new Chalk({level: 0}))).toMatch(/^INCOMPLETE: 0 errors, .*\nnot judged: 6 checks could not run because taskDefinition could not be read/)
  })

  it('with errors found as well, the run FAILED, and still says what it could not judge', async () => {
    const live = await liveDoctorSources({region: 'us-east-1'}, profile, {clients: mockAccount({deny: ['ecs:DescribeTaskDefinition']}).clients})
    const {report} = await runDoctor({extraSources: live.sources}, {checks: builtinChecks, profile})
    expect(report.verdict).toBe('failed')
    expect(report.incomplete?.unreadable).toContain('taskDefinition')
  })
})
