import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {describeVerification, verifyEndpoint} from '../../src/deploy/verify.js'

let server: Server
let base = ''
let healthStatus = 200
let healthAsked = 0
const clock = {now: () => Date.now(), sleep: async () => {}}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/health') {
      healthAsked++
      res.writeHead(healthStatus, {'content-type': 'application/json'})
      res.end(JSON.stringify({config_source: 'legacy-mode', service: 'benchling-webhook', status: healthStatus === 200 ? 'healthy' : 'unhealthy', version: '0.5.6'}))
    } else if (req.url === '/config' && base.includes(String((server.address() as AddressInfo).port))) {
      res.writeHead(200, {'content-type': 'application/json'})
      res.end(JSON.stringify({benchling_tenant: 'quilt-dtt', client_secret: 'leaked-value'}))
    } else {
      res.writeHead(404)
      res.end('not found')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('verifying the endpoint', () => {
  it('shows /health and /config, masking credentials', async () => {
    healthStatus = 200
    const v = await verifyEndpoint(`${base}/`, clock)
    expect(v.ok).toBe(true)
    expect(v.health).toMatchObject({body: {status: 'healthy'}, status: 200})
    const lines = describeVerification(v).join('\n')
    expect(lines).toContain('status=healthy service=benchling-webhook version=0.5.6 config_source=legacy-mode')
    expect(lines).toContain('"benchling_tenant": "quilt-dtt"')
    expect(lines).not.toContain('leaked-value')
  })

  it('tries /health three times, then fails without asking /config', async () => {
    healthStatus = 503
    healthAsked = 0
    const v = await verifyEndpoint(base, clock)
    expect(v.ok).toBe(false)
    expect(healthAsked).toBe(3)
    expect(v.config).toBeUndefined()
    expect(describeVerification(v)[0]).toBe(`GET ${base}/health: 503`)
  })

  it('says when nothing answers', async () => {
    const v = await verifyEndpoint('http://127.0.0.1:9', clock)
    expect(v.ok).toBe(false)
    expect(v.health.error).toBeTruthy()
  })
})
