import {describe, expect, it} from 'vitest'

import type {DockerEngine} from '../../src/docker/engine.js'
import {probeFactSource} from '../../src/docker/fact-source.js'
import {Facts, known} from '../../src/facts/facts.js'
import type {TaskDefinition} from '../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

// A stand-in engine for an app that crashes at once: enough to see what the fact source wires
// together, on a machine with no Docker (the real engine is exercised in probe.test.ts).
function crashingEngine(seen: {env?: string[]; image?: string; removed: string[]}): DockerEngine {
  return {
    create: async (spec) => {
      seen.env = spec.env
      seen.image = spec.image
      return 'c1'
    },
    describe: 'fake',
    exec: async () => undefined,
    followLogs: async (_id, onLine) => onLine({stream: 'stderr', text: 'ValueError: Missing required configuration: QUEUE_ARN'}),
    inspectImage: async (ref) => ({exposedPorts: [5000], ref}),
    listByLabel: async () => [],
    ping: async () => {},
    pullImage: async () => {},
    remove: async (id) => {
      seen.removed.push(id)
    },
    start: async () => undefined,
    state: async () => ({exitCode: 1, oomKilled: false, running: false}),
    wait: async () => {},
  }
}

const td: TaskDefinition = {
  containers: [{environment: [{name: 'BENCHLING_TENANT', value: 'quilt-dtt'}], image: 'quiltdata/benchling:0.5.6', name: 'BenchlingWebhookContainer', portMappings: [{containerPort: 5000}], secrets: []}],
}

describe('probeFactSource', () => {
  it('probes the image of the run\'s task definition with its environment, and removes the container', async () => {
    const seen: {env?: string[]; image?: string; removed: string[]} = {removed: []}
    const facts = new Facts([
      {describe: 'task definition file td.json', loaders: {taskDefinition: async () => known(td, 'td.json')}},
      probeFactSource({engine: crashingEngine(seen), input: {timeoutSeconds: 5}, profile}),
    ])
    const probe = await facts.get('probe')
    expect(probe.ok).toBe(true)
    if (!probe.ok) return
    expect(probe.source).toBe('local probe of the task definition\'s image')
    expect(seen).toEqual({env: ['BENCHLING_TENANT=quilt-dtt'], image: 'quiltdata/benchling:0.5.6', removed: ['c1']})
    expect(probe.value).toMatchObject({exit: {code: 1, oomKilled: false}, outcome: 'crashed', portSource: 'the task definition\'s containerPort'})
    expect(probe.value.logMatches[0]?.id).toBe('webhook-missing-configuration')
  })

  it('leaves the fact unknown, with the reason, when no engine answers', async () => {
    const engine = {...crashingEngine({removed: []}), ping: async () => Promise.reject(new Error('No Docker engine answers at unix:///x (ENOENT).'))}
    const facts = new Facts([probeFactSource({engine, input: {image: 'x:1', timeoutSeconds: 5}, profile})])
    expect(await facts.get('probe')).toEqual({failed: true, ok: false, reason: 'local probe of x:1: No Docker engine answers at unix:///x (ENOENT).'})
  })
})
