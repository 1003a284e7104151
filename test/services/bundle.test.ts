import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {builtinChecks} from '../../src/checks/index.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {recordBundle} from '../../src/services/bundle.js'
import {runDoctor} from '../../src/services/doctor.js'
import {liveDoctorSources} from '../../src/services/live-doctor.js'
import {type AccountOptions, mockAccount} from '../fixtures/aws/account.js'

const PLANT = 'PLANTED-Zx9-s3cr3t-v4lue'
const KEY_ID = 'AKIAZZZZYYYYXXXXWWWW'
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bwops-bundle-'))
})
afterEach(async () => {
  await rm(dir, {force: true, recursive: true})
})

async function roundTrip(options: AccountOptions) {
  const deps = {checks: builtinChecks, profile}
  const out = join(dir, 'b.json')
  const recorded = await recordBundle({out, region: 'us-east-1'}, {...deps, clients: mockAccount(options).clients, createdBy: 'bwops test'})
  const live = await liveDoctorSources({region: 'us-east-1'}, profile, {clients: mockAccount(options).clients})
  const fromLive = await runDoctor({extraSources: live.sources}, deps)
  const fromBundle = await runDoctor({bundle: out}, deps)
  return {fromBundle, fromLive, recorded, text: await readFile(out, 'utf8')}
}

describe('bwops bundle', () => {
  const scenarios: {name: string; options: AccountOptions}[] = [
    {name: 'a failed secrets-only deploy', options: {plant: PLANT}},
    {name: 'a failed legacy deploy', options: {mode: 'legacy', plant: PLANT}},
    {name: 'a deploy where tasks cannot be described', options: {deny: ['ecs:DescribeTasks'], plant: PLANT}},
  ]
  it.each(scenarios)('doctor --bundle gives the live findings for $name', async ({options}) => {
    const {fromBundle, fromLive} = await roundTrip(options)
    expect(fromLive.report.findings.length).toBeGreaterThan(0)
    expect(fromBundle.report.findings).toEqual(fromLive.report.findings)
    expect(fromBundle.report.checks.map((c) => [c.id, c.status])).toEqual(fromLive.report.checks.map((c) => [c.id, c.status]))
  })

  it('records no planted secret, from the secret, the environment, a parameter or a log line', async () => {
    const {fromBundle, recorded, text} = await roundTrip({plant: PLANT})
    const plaintext = fromBundle.report.findings.filter((f) => f.check === 'plaintext-credentials').map((f) => f.title)
    expect(plaintext).toEqual(expect.arrayContaining([expect.stringContaining('BENCHLING_CLIENT_SECRET'), expect.stringContaining('UPSTREAM_ID')]))
    expect(text).not.toContain(PLANT)
    expect(text).not.toContain(KEY_ID)
    // the names stay, so the plain-text credential is still found
    expect(text).toContain('"name": "BENCHLING_CLIENT_SECRET"')
    expect(recorded.bundle).toMatchObject({format: 'bwops-bundle', target: {cluster: 'benchling-webhook-cluster', region: 'us-east-1'}, version: 1})
    expect(Object.keys(recorded.bundle.facts)).toEqual(expect.arrayContaining(['containerLogs', 'roles', 'stack', 'tasks', 'taskDefinition']))
  })

  it('records a denied call as unavailable, with the permission to grant', async () => {
    const {recorded} = await roundTrip({deny: ['ecs:DescribeTasks'], plant: PLANT})
    expect(recorded.bundle.facts.tasks).toEqual({unavailable: 'AccessDeniedException calling ecs:DescribeTasks: grant ecs:DescribeTasks to arn:aws:iam::123456789012:user/ops'})
    expect(recorded.unavailable).toContain('tasks')
  })
})
