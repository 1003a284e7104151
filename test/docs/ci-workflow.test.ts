import {spawnSync} from 'node:child_process'
import {chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parse as parseYaml} from 'yaml'
import {afterAll, describe, expect, it} from 'vitest'

import {fixture, ROOT} from '../helpers.js'
import {junitSchemaErrors} from '../report/junit-schema.js'

// docs/ci.md's pre-merge workflow, run as the runner runs it: each `run:` step in
// `bash --noprofile --norc -eo pipefail` (GitHub's shell for ubuntu runners), a step after a
// failed one only when its `if:` is always(). `npx bwops` is this build of bwops; `npm ci` and
// `cdk synth` are replaced by a synthesized CDK template (a fixture) where cdk would write it.

interface Step {
  name?: string
  if?: string
  run?: string
  uses?: string
}

function workflowFromDocs(): {jobs: Record<string, {steps: Step[]}>} {
  const page = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8')
  const block = /```yaml\n(# \.github\/workflows\/bwops\.yml\n[\s\S]*?)```/.exec(page)?.[1]
  expect(block, 'docs/ci.md holds the workflow').toBeDefined()
  return parseYaml(block!) as {jobs: Record<string, {steps: Step[]}>}
}

const work = mkdtempSync(join(tmpdir(), 'bwops-ci-'))
afterAll(() => rmSync(work, {force: true, recursive: true}))

describe('docs/ci.md: the pre-merge workflow', () => {
  const steps = workflowFromDocs().jobs.doctor!.steps
  const bin = join(work, 'bin')
  mkdirSync(bin)
  writeFileSync(join(bin, 'npx'), `#!/bin/sh\nif [ "$1" = bwops ]; then shift; exec "${process.execPath}" "${join(ROOT, 'bin/run.js')}" "$@"; fi\necho "npx $1: not in this test" >&2; exit 127\n`)
  chmodSync(join(bin, 'npx'), 0o755)
  mkdirSync(join(work, 'cdk.out'))
  copyFileSync(fixture('templates/cdk-legacy.template.json'), join(work, 'cdk.out/BenchlingWebhookStack.template.json'))
  const summary = join(work, 'step-summary.md')
  writeFileSync(summary, '')

  const ran: {name: string; code: number; stdout: string; stderr: string}[] = []
  let failed = false
  for (const step of steps) {
    if (!step.run || /^npm ci$|cdk synth/.test(step.run.trim())) continue
    if (failed && !/always\(\)|failure\(\)/.test(step.if ?? '')) continue
    const script = join(work, `step-${ran.length}.sh`)
    writeFileSync(script, step.run)
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: work,
      encoding: 'utf8',
      env: {...process.env, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, NO_COLOR: '1', PATH: `${bin}:${process.env.PATH}`},
    })
    ran.push({code: r.status ?? -1, name: step.name ?? step.run, stderr: r.stderr, stdout: r.stdout})
    if (r.status !== 0) failed = true
  }

  it('runs both modes even though the first fails, and the step fails with the worst exit code', () => {
    const both = ran.find((s) => s.name === 'Diagnose the template, both modes')!
    const verdicts = both.stdout.split('\n').filter((l) => l.startsWith('bwops doctor: '))
    expect(verdicts).toHaveLength(2)
    expect(verdicts.every((l) => l.startsWith('bwops doctor: failed:'))).toBe(true)
    expect(both.code).toBe(1)
    expect(both.stdout).toMatch(/^::error file=cdk\.out\/BenchlingWebhookStack\.template\.json,line=\d+,title=/m)
  })

  it('still writes the step summary and the test report after the failed step', async () => {
    expect(ran.map((s) => [s.name, s.code])).toEqual([
      ['Diagnose the template, both modes', 1],
      ['Summary', 0],
      ['Test report', 0],
    ])
    expect(readFileSync(summary, 'utf8')).toMatch(/^## bwops doctor: ❌ Failed/)
    const junit = readFileSync(join(work, 'bwops-junit.xml'), 'utf8')
    expect(junit).toContain('<testsuites name="bwops doctor"')
    expect(await junitSchemaErrors(junit)).toEqual([])
  })

  it('no step wrote to stderr what it should not (no warnings, no stack traces)', () => {
    for (const s of ran) expect(s.stderr, s.name).toBe('')
  })
})
