import type {Finding} from '../checks/types.js'
import type {DoctorReport} from './model.js'

// JUnit XML: one test case per check, error findings as <failure> (warnings too with --strict),
// skipped checks as <skipped>, crashed checks as <error>. CI systems render it as a test report.

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
  return [f.detail, ...f.evidence.map((e) => `seen: ${e}`), `fix: ${f.fix}`, `docs: ${f.docs}`].join('\n')
}

export function renderJunit(report: DoctorReport, strict = false): string {
  const failing = (f: Finding) => f.severity === 'error' || (strict && f.severity === 'warning')
  const cases: string[] = []
  let failures = 0
  let errors = 0
  let skipped = 0
  for (const check of report.checks) {
    const findings = report.findings.filter((f) => f.check === check.id)
    const name = xml(`${check.id}: ${check.title}`)
    const inner: string[] = []
    if (check.status === 'skipped') {
      skipped++
      inner.push(`      <skipped message="${xml(check.reason ?? 'skipped')}"/>`)
    } else if (check.status === 'crashed') {
      errors++
      inner.push(`      <error message="${xml(check.reason ?? 'crashed')}" type="crashed"/>`)
    }

    const failed = findings.filter(failing)
    if (failed.length > 0) failures++
    for (const f of failed) inner.push(`      <failure message="${xml(f.title)}" type="${f.severity}">${xml(body(f))}</failure>`)
    const notes = findings.filter((f) => !failing(f))
    if (notes.length > 0) {
      inner.push(`      <system-out>${xml(notes.map((f) => `${f.severity}: ${f.title}\n${body(f)}`).join('\n\n'))}</system-out>`)
    }

    cases.push(
      inner.length === 0
        ? `    <testcase classname="bwops.doctor" name="${name}"/>`
        : `    <testcase classname="bwops.doctor" name="${name}">\n${inner.join('\n')}\n    </testcase>`,
    )
  }

  const counts = `tests="${report.checks.length}" failures="${failures}" errors="${errors}" skipped="${skipped}"`
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="bwops doctor" ${counts}>`,
    `  <testsuite name="bwops doctor (${xml(report.target.profile)})" ${counts}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].join('\n')
}
