import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {buildProbeRequest, type SecretResolver} from '../../src/docker/request.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const TD = 'test/fixtures/images/sound.task-definition.json'

describe('buildProbeRequest', () => {
  it('takes image, environment, container and memory from a task definition, and lists secrets not passed', async () => {
    const req = await buildProbeRequest({taskDefinitionFile: TD, timeoutSeconds: 30}, profile)
    expect(req).toMatchObject({
      image: 'bwops-fixture/sound:latest',
      memoryMiB: 2048,
      missingSecrets: ['BENCHLING_CLIENT_ID', 'BENCHLING_CLIENT_SECRET'],
      secretNames: ['BENCHLING_CLIENT_ID', 'BENCHLING_CLIENT_SECRET'],
    })
    expect(req.container?.name).toBe('BenchlingWebhookContainer')
    expect(req.env.map((e) => e.name)).toEqual(['BENCHLING_TENANT', 'QUILT_CATALOG'])
  })

  it('lets an env file and --env override the task definition, and counts secrets passed that way', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bwops-probe-'))
    const file = join(dir, '.env')
    await writeFile(file, 'BENCHLING_TENANT=from-file\nBENCHLING_CLIENT_ID=cid\n')
    const req = await buildProbeRequest({env: ['BENCHLING_TENANT=from-flag'], envFile: file, image: 'other:1', memoryMiB: 512, taskDefinitionFile: TD, timeoutSeconds: 30}, profile)
    expect(req.image).toBe('other:1')
    expect(req.memoryMiB).toBe(512)
    expect(req.env).toContainEqual({name: 'BENCHLING_TENANT', value: 'from-flag'})
    expect(req.missingSecrets).toEqual(['BENCHLING_CLIENT_SECRET'])
  })

  it('names the webhook image from --image-tag', async () => {
    expect((await buildProbeRequest({imageTag: '0.5.6', timeoutSeconds: 5}, profile)).image).toBe('quiltdata/benchling:0.5.6')
  })

  it('asks for an image when none is known', async () => {
    await expect(buildProbeRequest({timeoutSeconds: 5}, profile)).rejects.toThrow('No image to probe.')
  })

  it('resolves secrets only with --resolve-secrets, through the resolver, and only those not passed', async () => {
    const asked: string[] = []
    const resolver: SecretResolver = {
      async resolve(refs) {
        asked.push(...refs.map((r) => r.name))
        return refs.map((r) => ({name: r.name, value: `resolved-${r.name}`}))
      },
    }
    const without = await buildProbeRequest({taskDefinitionFile: TD, timeoutSeconds: 5}, profile, resolver)
    expect(asked).toEqual([])
    expect(without.missingSecrets).toHaveLength(2)
    const req = await buildProbeRequest({env: ['BENCHLING_CLIENT_ID=mine'], resolveSecrets: true, taskDefinitionFile: TD, timeoutSeconds: 5}, profile, resolver)
    expect(asked).toEqual(['BENCHLING_CLIENT_SECRET'])
    expect(req.missingSecrets).toEqual([])
    expect(req.env).toContainEqual({name: 'BENCHLING_CLIENT_ID', value: 'mine'})
  })

  it('says what to do when --resolve-secrets has no resolver', async () => {
    await expect(buildProbeRequest({resolveSecrets: true, taskDefinitionFile: TD, timeoutSeconds: 5}, profile)).rejects.toThrow(/--resolve-secrets needs AWS access/)
  })

  it('refuses a container the task definition does not have', async () => {
    await expect(buildProbeRequest({containerName: 'Sidecar', taskDefinitionFile: TD, timeoutSeconds: 5}, profile)).rejects.toThrow('The task definition has no container "Sidecar".')
  })
})
