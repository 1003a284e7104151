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
import {junitSchemaErrors} from './junit-schema.js'

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
  type Case = {name: string; time: number; failure?: {message: string; type: string; inner: string}[]; skipped?: {message: string}[]; error?: {message: string}[]; 'system-out'?: string[]}
  type Parsed = {tests: number; failures: number; errors: number; time: number; testsuite: {skipped: number; properties?: {name: string; value: string | number}[]; testcase: Case[]}[]}

  it('is JUnit XML a parser reads: a test case per check with its time, errors as failures, skipped and crashed marked', async () => {
    const parsed = (await parse(renderJunit(report))) as Parsed
    expect(parsed).toMatchObject({errors: 1, failures: 2, tests: 6})
    expect(parsed.testsuite[0]!.skipped).toBe(1)
    const cases = parsed.testsuite[0]!.testcase
    expect(cases.map((c) => c.name)).toEqual(['start-check: Start', 'hygiene-check: Hygiene', 'warn-check: Warn', 'boom-check: Crashes', 'ok-check: Fine', 'skip-check: Skipped'])
    expect(cases.every((c) => typeof c.time === 'number')).toBe(true)
    expect(cases[0]!.failure).toEqual([expect.objectContaining({message: 'the secret lacks app_definition_id', type: 'error'})])
    expect(cases[0]!.failure![0]!.inner).toContain('seen: seen <the secret lacks app_definition_id> & "quoted"')
    expect(cases[0]!['system-out']![0]).toContain('info: a note, 50% sure')
    expect(cases[3]!.error).toEqual([expect.objectContaining({message: 'TypeError: boom'})])
    expect(cases[5]!.skipped).toEqual([expect.objectContaining({message: 'no template'})])
  })

  it('shows a warning with its test case without failing it, and counts it in the suite properties', async () => {
    const parsed = (await parse(renderJunit(report))) as Parsed
    const warn = parsed.testsuite[0]!.testcase[2]!
    expect(warn.failure).toBeUndefined()
    expect(warn['system-out']![0]).toContain('warning: a short start period')
    expect(warn['system-out']![0]).toContain('fix: fix a short start period, then: redeploy')
    expect(parsed.testsuite[0]!.properties).toEqual(
      expect.arrayContaining([{name: 'bwops.verdict', value: 'failed'}, {name: 'bwops.warnings', value: 1}, {name: 'bwops.errors', value: 2}]),
    )
  })

  it('counts warnings as failures with --strict, typed warning', async () => {
    const parsed = (await parse(renderJunit(report, true))) as Parsed
    expect(parsed.failures).toBe(3)
    expect(parsed.testsuite[0]!.testcase[2]!.failure).toEqual([expect.objectContaining({message: 'a short start period', type: 'warning'})])
  })

  it('merges a check\'s failing findings into one <failure> per test case, each in its body', async () => {
    const two: CheckResult[] = [
      {findings: [finding('env-x', 'error', 'start', 'APP_ID is missing'), finding('env-x', 'error', 'start', 'PKG_KEY is missing'), finding('env-x', 'warning', 'hygiene', 'LOG_LEVEL is odd')], id: 'env-x', sources: ['s'], status: 'failed', title: 'Env'},
    ]
    const d = diagnose(two)
    const xml = renderJunit(buildReport(d.results, d.findings, {profile: 'benchling-webhook', sources: []}, [], d.causes), true)
    const parsed = (await parse(xml)) as Parsed
    const only = parsed.testsuite[0]!.testcase[0]!
    expect(only.failure).toHaveLength(1)
    expect(only.failure![0]).toMatchObject({message: 'APP_ID is missing (and 2 more)', type: 'error'})
    for (const title of ['error: APP_ID is missing', 'error: PKG_KEY is missing', 'warning: LOG_LEVEL is odd']) expect(only.failure![0]!.inner).toContain(title)
    expect(await junitSchemaErrors(xml)).toEqual([])
  })

  it('is valid against the JUnit schema Jenkins reads, plain and --strict', async () => {
    expect(await junitSchemaErrors(renderJunit(report))).toEqual([])
    expect(await junitSchemaErrors(renderJunit(report, true))).toEqual([])
  })

  it('the schema check itself rejects what strict consumers reject', async () => {
    // attributes the schema does not allow where they were put: the check is not a rubber stamp
    const bad = renderJunit(report).replace('<testsuites name="bwops doctor"', '<testsuites skipped="1" name="bwops doctor"')
    expect((await junitSchemaErrors(bad)).join('\n')).toMatch(/attribute 'skipped' is not allowed/)
  })
})

describe('github annotations', () => {
  it('escapes data and properties as the runner documents', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext')
    expect(escapeProperty('a: b, c%')).toBe('a%3A b%2C c%25')
  })

  it('prints one command per error and warning, in rank order, then the crashed checks and a summary; infos only when asked', () => {
    const lines = renderGithub(report).split('\n')
    expect(lines[0]).toBe(
      '::error title=start-check%3A the secret lacks app_definition_id::why the secret lacks app_definition_id%0Aseen: seen <the secret lacks app_definition_id> & "quoted"%0Afix: fix the secret lacks app_definition_id, then: redeploy',
    )
    expect(lines[1]).toMatch(/^::error title=hygiene-check%3A a plaintext secret::/)
    expect(lines[2]).toMatch(/^::warning title=warn-check%3A a short start period::/)
    expect(lines[3]).toBe('::warning title=boom-check crashed::TypeError: boom')
    expect(lines[4]).toMatch(/^bwops doctor: failed: 2 errors, 1 warnings.*\(1 infos not annotated: --annotate-infos\)$/)
    expect(lines).toHaveLength(5)
    const withInfos = renderGithub(report, {infos: true}).split('\n')
    expect(withInfos[3]).toMatch(/^::notice title=start-check%3A a note%2C 50%25 sure::/)
    expect(withInfos.at(-1)).not.toContain('not annotated')
  })

  it('puts file= and line= before the title when the finding has a location', () => {
    const located = {...report, findings: [{...report.findings[0]!, location: {file: 'cdk.out/My Stack,1.template.json', line: 42}}]}
    expect(renderGithub(located).split('\n')[0]).toMatch(/^::error file=cdk.out\/My Stack%2C1.template.json,line=42,title=start-check%3A /)
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

  it('markdown links are absolute to the project\'s docs, a plugin\'s own URL is kept, and no link is given when there is none', () => {
    expect(renderMarkdown(report)).toContain('[docs](https://github.com/quiltdata/bwops/blob/main/docs/checks/start-check.md)')
    expect(renderMarkdown(report)).not.toMatch(/\]\(docs\//)
    const plugin = {...report, findings: [{...report.findings[0]!, docs: 'https://example.com/acme#non-root'}, {...report.findings[1]!, docs: ''}]}
    const md = renderMarkdown(plugin)
    expect(md).toContain('[docs](https://example.com/acme#non-root)')
    expect(md.match(/\[docs\]/g)).toHaveLength(1)
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
