import {redactText} from '../catalogue/redact.js'
import type {Clock} from './changeset.js'

export interface EndpointAnswer {
  path: string
  status?: number
  /** the body, parsed when JSON, redacted and cut short */
  body?: unknown
  error?: string
}

export interface Verification {
  ok: boolean
  endpoint: string
  health: EndpointAnswer
  config?: EndpointAnswer
}

export type Fetch = (url: string, init: {signal: AbortSignal}) => Promise<{status: number; text(): Promise<string>}>

const TIMEOUT_MS = 10_000
const ATTEMPTS = 3
const RETRY_MS = 5000

/**
 * GETs /health (a few tries: the load balancer may still be registering targets) and then
 * /config, which only some versions serve, so its absence is not a failure.
 */
export async function verifyEndpoint(endpoint: string, clock: Clock, fetchFn: Fetch = fetch): Promise<Verification> {
  const base = endpoint.replace(/\/+$/, '')
  let health: EndpointAnswer = {error: 'not asked', path: '/health'}
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    health = await get(base, '/health', fetchFn)
    if (health.status === 200) break
    if (attempt < ATTEMPTS) await clock.sleep(RETRY_MS)
  }

  const ok = health.status === 200
  const config = ok ? await get(base, '/config', fetchFn) : undefined
  // the endpoint is shown and returned by --json: a user:password@ in it is not
  return {endpoint: redactText(base), health, ok, ...(config ? {config} : {})}
}

async function get(base: string, path: string, fetchFn: Fetch): Promise<EndpointAnswer> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS)
  try {
    const res = await fetchFn(`${base}${path}`, {signal: controller.signal})
    const text = redactText(await res.text())
    let body: unknown = text.length > 2000 ? `${text.slice(0, 2000)}…` : text
    try {
      body = JSON.parse(text)
    } catch {
      // not JSON: keep the text
    }

    return {body, path, status: res.status}
  } catch (error) {
    const reason = controller.signal.aborted ? `no answer within ${TIMEOUT_MS / 1000} s` : error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)
    return {error: reason, path}
  } finally {
    clearTimeout(timer)
  }
}

/** What the endpoint said, in a few lines: status, service, version and where its config came from. */
export function describeVerification(v: Verification): string[] {
  const lines = [`GET ${v.endpoint}${v.health.path}: ${v.health.status ?? v.health.error}`]
  const h = v.health.body
  if (h && typeof h === 'object') {
    const fields = ['status', 'mode', 'service', 'version', 'config_source'].filter((k) => k in h).map((k) => `${k}=${String((h as Record<string, unknown>)[k])}`)
    if (fields.length > 0) lines.push(`  ${fields.join(' ')}`)
  }

  if (v.config) {
    lines.push(`GET ${v.endpoint}/config: ${v.config.status ?? v.config.error}${v.config.status === 404 ? ' (not served by this version)' : ''}`)
    if (v.config.status === 200 && v.config.body !== undefined) lines.push(...JSON.stringify(v.config.body, null, 2).split('\n').slice(0, 30).map((l) => `  ${l}`))
  }

  return lines
}
