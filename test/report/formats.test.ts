import {parse} from 'junit2json'
import {describe, expect, it} from 'vitest'

import type {CheckResult} from '../../src/checks/engine.js'
import type {Finding} from '../../src/checks/types.js'
import {escapeData, escapeProperty, renderGithub} from '../../src/report/github.js'
import {renderJunit} from '../../src/report/junit.js'
import {renderMarkdown} from '../../src/report/markdown.js'
import {buildReport} from '../../src/report/model.js'
import {diagnose} from '../../src/diagnosis/diagnose.js'
import {rankChecks} from '../../src/report/rank.js'
import {renderText} from '../../src/report/text.js'

let seq = 0
const finding = (check: string, severity: Finding['severity'], impact: Finding['impact'], title: string): Finding => ({
  check,
  id: `${check}#${++seq}`,
  detail: `why ${title}`,
  docs: `docs/checks/${check}.md`,
  evidence: [`seen <${title}> & "quoted"`],
  fix: `fix ${title}, then: redeploy`,
  impact,
  severity,
  title,
})

const results: CheckResult[] = [
  {findings: [finding('hygiene-check', 'error', 'hygiene', 'a plaintext secret')], id: 'hygiene-check', sources: ['s'], status: 'failed', title: 'Hygiene'},
  {findings: [finding('warn-check', 'warning', 'health', 'a short start period')], id: 'warn-check', sources: ['s'], status: 'warning', title: 'Warn'},
  {findings: [finding('start-check', 'error', 'start', 'the secret lacks app_definition_id'), finding('start-check', 'info', 'start', 'a note, 50% sure')], id: 'start-check', sources: ['s'], status: 'failed', title: 'Start'},
  {findings: [], id: 'ok-check', sources: ['s'], status: 'passed', title: 'Fine'},
  {findings: [], id: 'skip-check', reason: 'no template', sources: [], status: 'skipped', title: 'Skipped'},
  {findings: [], id: 'boom-check', reason: 'TypeError: boom', sources: ['s'], status: 'crashed', title: 'Crashes'},
]
const diagnosis = diagnose(results)
const ranked = diagnosis.findings
const report = buildReport(rankChecks(diagnosis.results, ranked), ranked, {profile: 'benchling-webhook', sources: ['task definition file td.json']}, [], diagnosis.causes)

describe('ranking', () => {
  it('puts errors that stop the container first, then hygiene errors, then warnings, then info', () => {
    expect(ranked.map((f) => f.title)).toEqual([
      'the secret lacks app_definition_id',
      'a plaintext secret',
      'a short start period',
      'a note, 50% sure',
    ])
  })

  it('orders checks failed, warning, crashed, passed, skipped, and the verdict is failed', () => {
    expect(report.checks.map((c) => c.id)).toEqual(['start-check', 'hygiene-check', 'warn-check', 'boom-check', 'ok-check', 'skip-check'])
    expect(report.verdict).toBe('failed')
    expect(report.summary).toMatchObject({crashed: 1, errors: 2, failed: 2, infos: 1, passed: 1, skipped: 1, warning: 1, warnings: 1})
  })
})

describe('junit', () => {
  it('is JUnit XML a parser reads: a test case per check, errors as failures, skipped and crashed marked', async () => {
    const parsed = (await parse(renderJunit(report))) as {tests: number; failures: number; errors: number; skipped: number; testsuite: {testcase: {name: string; failure?: {message: string; type: string; inner: string}[]; skipped?: {message: string}[]; error?: {message: string}[]; 'system-out'?: string[]}[]}[]}
    expect(parsed).toMatchObject({errors: 1, failures: 2, skipped: 1, tests: 6})
    const cases = parsed.testsuite[0]!.testcase
    expect(cases.map((c) => c.name)).toEqual(['start-check: Start', 'hygiene-check: Hygiene', 'warn-check: Warn', 'boom-check: Crashes', 'ok-check: Fine', 'skip-check: Skipped'])
    expect(cases[0]!.failure).toEqual([expect.objectContaining({message: 'the secret lacks app_definition_id', type: 'error'})])
    expect(cases[0]!.failure![0]!.inner).toContain('seen: seen <the secret lacks app_definition_id> & "quoted"')
    expect(cases[0]!['system-out']![0]).toContain('info: a note, 50% sure')
    expect(cases[2]!.failure).toBeUndefined()
    expect(cases[3]!.error).toEqual([expect.objectContaining({message: 'TypeError: boom'})])
    expect(cases[5]!.skipped).toEqual([expect.objectContaining({message: 'no template'})])
  })

  it('counts warnings as failures with --strict', async () => {
    const parsed = (await parse(renderJunit(report, true))) as {failures: number}
    expect(parsed.failures).toBe(3)
  })
})

describe('github annotations', () => {
  it('escapes data and properties as the runner documents', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext')
    expect(escapeProperty('a: b, c%')).toBe('a%3A b%2C c%25')
  })

  it('prints one command per finding, in rank order, then the crashed checks and a summary', () => {
    const lines = renderGithub(report).split('\n')
    expect(lines[0]).toBe(
      '::error title=start-check%3A the secret lacks app_definition_id::why the secret lacks app_definition_id%0Aseen: seen <the secret lacks app_definition_id> & "quoted"%0Afix: fix the secret lacks app_definition_id, then: redeploy',
    )
    expect(lines[1]).toMatch(/^::error title=hygiene-check%3A a plaintext secret::/)
    expect(lines[2]).toMatch(/^::warning title=warn-check%3A a short start period::/)
    expect(lines[3]).toMatch(/^::notice title=start-check%3A a note%2C 50%25 sure::/)
    expect(lines[4]).toBe('::warning title=boom-check crashed::TypeError: boom')
    expect(lines[5]).toMatch(/^bwops doctor: failed: 2 errors, 1 warnings/)
  })
})

describe('markdown and text', () => {
  it('markdown leads with the verdict and the likely root cause, and has a row per check', () => {
    const md = renderMarkdown(report)
    expect(md.split('\n')[0]).toBe('## bwops doctor: ❌ Failed')
    expect(md).toContain('**Likely root cause:** the secret lacks app_definition_id')
    expect(md).toContain('| ⏭️ | `skip-check` Skipped | skipped: no template |')
    expect(md).toContain('<details open><summary><b>error</b> · <code>start-check</code> · the secret lacks app_definition_id</summary>')
  })

  it('text has no colour codes when colour is off, and colour when on', () => {
    expect(renderText(report, {color: false})).not.toMatch(/\u001B\[/)
    expect(renderText(report, {color: true})).toMatch(/\u001B\[/)
    expect(renderText(report, {color: false})).toContain('✖ Likely cause: the secret lacks app_definition_id')
    expect(renderText(report, {color: false, verbose: true})).toContain('Likely cause: the secret lacks app_definition_id')
  })
})

describe('wantsColor', () => {
  it.each([
    [{isTTY: true}, {}, true],
    [{isTTY: false}, {}, false],
    [{isTTY: true}, {NO_COLOR: '1'}, false],
    [{isTTY: true}, {NO_COLOR: ''}, true],
    [{isTTY: true}, {TERM: 'dumb'}, false],
    [{isTTY: false}, {FORCE_COLOR: '1'}, true],
  ])('%j with %j -> %s', async (stream, env, expected) => {
    const {wantsColor} = await import('../../src/report/text.js')
    expect(wantsColor(stream, env as NodeJS.ProcessEnv)).toBe(expected)
  })
})

describe('compact text: the head of the report', () => {
  const only = (f: Finding): string => {
    const d = diagnose([{findings: [f], id: f.check, sources: ['s'], status: f.severity === 'error' ? 'failed' : 'warning', title: f.check}])
    return renderText(buildReport(d.results, d.findings, {profile: 'benchling-webhook', sources: []}, [], d.causes), {color: false}).split('\n')[2] ?? ''
  }

  it('an error is the likely cause; with only warnings, the first to fix', () => {
    expect(only(finding('start-check', 'error', 'start', 'the secret lacks app_definition_id'))).toBe('✖ Likely cause: the secret lacks app_definition_id')
    expect(only(finding('warn-check', 'warning', 'health', 'a short start period'))).toBe('▲ First to fix: a short start period')
  })
})
