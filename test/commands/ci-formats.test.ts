import {readFileSync} from 'node:fs'
import {relative} from 'node:path'
import {parse} from 'junit2json'
import {describe, expect, it} from 'vitest'

import {bwops, example, fixture, ROOT} from '../helpers.js'
import {junitSchemaErrors} from '../report/junit-schema.js'

// The CI formats as doctor prints them for files a repository holds: annotations land on the line
// of what they are about, JUnit is valid for Jenkins' schema, Markdown links work elsewhere.

/** The 1-based line of the first line of `file` that `pattern` matches: where a reviewer looks. */
function lineOf(file: string, pattern: RegExp): number {
  const index = readFileSync(file, 'utf8').split('\n').findIndex((l) => pattern.test(l))
  expect(index).toBeGreaterThanOrEqual(0)
  return index + 1
}

const annotations = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('::'))
    .map((l) => ({file: /file=([^,:]+)/.exec(l)?.[1], kind: l.slice(2, l.indexOf(' ')), line: Number(/,line=(\d+)/.exec(l)?.[1]), title: /title=([^:]+)::/.exec(l)?.[1] ?? ''}))

describe('--format github on files', () => {
  it('a template: each annotation carries the template and the line of the resource it is about', async () => {
    const template = fixture('templates/secrets-only.yaml')
    const run = await bwops(['doctor', '--template', template, '--format', 'github'])
    expect(run.exitCode).toBe(1)
    const found = annotations(run.stdout)
    expect(found.length).toBeGreaterThan(0)
    expect(found.every((a) => a.file === relative(ROOT, template))).toBe(true)
    // the iam findings are about the task role: its resource, not the top of the file
    const iam = found.filter((a) => a.title.startsWith('iam%3A The task role TaskRole'))
    expect(iam.length).toBeGreaterThan(0)
    expect(new Set(iam.map((a) => a.line))).toEqual(new Set([lineOf(template, /^ {2}TaskRole:/)]))
  })

  it('a CDK template (JSON): the log group finding lands on the log group resource', async () => {
    const template = fixture('templates/cdk-legacy.template.json')
    const run = await bwops(['doctor', '--template', template, '--format', 'github'])
    const logGroup = annotations(run.stdout).find((a) => a.title.startsWith('log-group%3A'))
    expect(logGroup).toMatchObject({file: relative(ROOT, template), kind: 'warning', line: lineOf(template, /"BenchlingWebhookLogGroupB4A5D1C2": \{/)})
  })

  it('a task definition and a secret: the variable\'s entry, the secret\'s key', async () => {
    const td = fixture('task-definitions/legacy-plaintext.json')
    const secret = example('broken-secret.json')
    const run = await bwops(['doctor', '--task-definition', td, '--secret-file', secret, '--format', 'github'])
    const found = annotations(run.stdout)
    expect(found.find((a) => a.title.startsWith('plaintext-credentials%3A BENCHLING_CLIENT_SECRET'))).toMatchObject({file: relative(ROOT, td), line: lineOf(td, /"name": "BENCHLING_CLIENT_SECRET"/)})
    expect(found.find((a) => a.title.includes('names client_id as clientId'))).toMatchObject({file: 'examples/broken-secret.json', line: lineOf(secret, /"clientId"/)})
    expect(found.find((a) => a.title.startsWith('secret-format%3A tenant'))).toMatchObject({line: lineOf(secret, /"tenant"/)})
  })

  it('infos are annotated only with --annotate-infos', async () => {
    const td = example('sound-secrets-only.task-definition.json')
    const plain = await bwops(['doctor', '--task-definition', td, '--format', 'github'])
    expect(annotations(plain.stdout).filter((a) => a.kind === 'notice')).toEqual([])
    expect(plain.stdout).toMatch(/\(\d+ infos? not annotated: --annotate-infos\)/)
    const asked = await bwops(['doctor', '--task-definition', td, '--format', 'github', '--annotate-infos'])
    const notices = annotations(asked.stdout).filter((a) => a.kind === 'notice')
    expect(notices.length).toBeGreaterThan(0)
    expect(notices.every((a) => a.file === relative(ROOT, td) && a.line > 0)).toBe(true)
  })

  it('a bundle is not a file of the repository: no file= on its annotations', async () => {
    const run = await bwops(['doctor', '--bundle', example('wrong-health-check-port.bundle.json'), '--format', 'github'])
    expect(run.stdout).toMatch(/^::error title=/m)
    expect(run.stdout).not.toContain('file=')
  })
})

describe('--format junit and markdown from doctor', () => {
  it('JUnit of a failed run is valid for the schema, one failure per test case, with times', async () => {
    const run = await bwops(['doctor', '--bundle', example('legacy-missing-app-definition-id.bundle.json'), '--format', 'junit'])
    expect(run.exitCode).toBe(1)
    expect(await junitSchemaErrors(run.stdout)).toEqual([])
    const parsed = (await parse(run.stdout)) as {failures: number; testsuite: {testcase: {time: number; failure?: unknown[]}[]}[]}
    expect(parsed.failures).toBeGreaterThan(0)
    expect(parsed.testsuite[0]!.testcase.every((c) => (c.failure ?? []).length <= 1 && typeof c.time === 'number')).toBe(true)
  })

  it('Markdown has no link relative to this project', async () => {
    const run = await bwops(['doctor', '--bundle', example('legacy-missing-app-definition-id.bundle.json'), '--format', 'markdown'])
    expect(run.stdout).toContain('](https://github.com/quiltdata/bwops/blob/main/docs/checks/')
    expect(run.stdout).not.toMatch(/\]\((?!https?:\/\/)/)
  })

  it('package.json names the project where the links point', () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {homepage: string; repository: {url: string}}
    expect(pkg.homepage.startsWith('https://github.com/quiltdata/bwops')).toBe(true)
    expect(pkg.repository.url).toBe('git+https://github.com/quiltdata/bwops.git')
  })
})
