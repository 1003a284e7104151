import type {Finding} from '../checks/types.js'
import {absoluteDocs} from './links.js'
import type {DoctorReport} from './model.js'

// JUnit XML, as Jenkins' schema (junit-10.xsd) and the GitHub test reporters read it: one test
// case per check, with its time. A check's error findings are one <failure> (strict consumers
// take one per test case), the first as its message and all in its body; with --strict its
// warnings fail it too (type "warning"). Otherwise warnings and infos do not fail a test: they are
// its <system-out>, which Jenkins and GitLab show with the test, and counted in the suite's
// <properties>. Skipped checks are <skipped>, crashed ones <error>.

function xml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    // characters XML 1.0 cannot carry at all
    .replaceAll(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
}

function body(f: Finding): string {
  const at = f.location ? [`at: ${f.location.file}${f.location.line === undefined ? '' : `:${f.location.line}`}`] : []
  const docs = absoluteDocs(f.docs)
  return [f.detail, ...at, ...f.evidence.map((e) => `seen: ${e}`), `fix: ${f.fix}`, ...(docs ? [`docs: ${docs}`] : [])].join('\n')
}

const seconds = (s: number | undefined) => (s ?? 0).toFixed(3)

function failure(failed: Finding[]): string {
  const first = failed[0]!
  const message = failed.length === 1 ? first.title : `${first.title} (and ${failed.length - 1} more)`
  const type = failed.some((f) => f.severity === 'error') ? 'error' : 'warning'
  const text = failed.map((f) => (failed.length === 1 ? body(f) : `${f.severity}: ${f.title}\n${body(f)}`)).join('\n\n')
  return `      <failure message="${xml(message)}" type="${type}">${xml(text)}</failure>`
}

export function renderJunit(report: DoctorReport, strict = false): string {
  const failing = (f: Finding) => f.severity === 'error' || (strict && f.severity === 'warning')
  const cases: string[] = []
  let failures = 0
  let errors = 0
  let skipped = 0
  for (const check of report.checks) {
    const findings = report.findings.filter((f) => f.check === check.id)
    const inner: string[] = []
    if (check.status === 'skipped') {
      skipped++
      inner.push(`      <skipped message="${xml(check.reason ?? 'skipped')}"/>`)
    } else if (check.status === 'crashed') {
      errors++
      inner.push(`      <error message="${xml(check.reason ?? 'crashed')}" type="crashed"/>`)
    }

    const failed = findings.filter(failing)
    if (failed.length > 0) {
      failures++
      inner.push(failure(failed))
    }

    const notes = findings.filter((f) => !failing(f))
    if (notes.length > 0) inner.push(`      <system-out>${xml(notes.map((f) => `${f.severity}: ${f.title}\n${body(f)}`).join('\n\n'))}</system-out>`)
    const attributes = `classname="bwops.doctor" name="${xml(`${check.id}: ${check.title}`)}" time="${seconds(check.seconds)}"`
    cases.push(inner.length === 0 ? `    <testcase ${attributes}/>` : `    <testcase ${attributes}>\n${inner.join('\n')}\n    </testcase>`)
  }

  // the checks run side by side: the longest is the run's time
  const time = seconds(Math.max(0, ...report.checks.map((c) => c.seconds ?? 0)))
  const counts = `tests="${report.checks.length}" failures="${failures}" errors="${errors}"`
  const s = report.summary
  const properties = {'bwops.errors': s.errors, 'bwops.infos': s.infos, 'bwops.verdict': report.verdict, 'bwops.warnings': s.warnings}
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="bwops doctor" ${counts} time="${time}">`,
    `  <testsuite name="bwops doctor (${xml(report.target.profile)})" ${counts} skipped="${skipped}" time="${time}">`,
    '    <properties>',
    ...Object.entries(properties).map(([name, value]) => `      <property name="${name}" value="${xml(String(value))}"/>`),
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].join('\n')
}
