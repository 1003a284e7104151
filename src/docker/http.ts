import type {EndpointResult} from './types.js'

// GETs a health path on the published port. Never follows a redirect off 127.0.0.1, never throws:
// a refused or reset connection is an answer of its own (nothing listens yet).

export const MAX_BODY = 500

export type HttpGet = (url: string, timeoutMs: number) => Promise<{status?: number; body?: string; error?: string}>

export const httpGet: HttpGet = async (url, timeoutMs) => {
  // not AbortSignal.timeout: its timer is unref'd, and a request hung on a dead container's
  // forwarded port would then let the process end mid-probe
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
  try {
    const res = await fetch(url, {redirect: 'manual', signal: controller.signal})
    return {body: await res.text(), status: res.status}
  } catch (error) {
    const cause = (error as {cause?: {code?: string; message?: string}}).cause
    return {error: cause?.code ?? cause?.message ?? (error as Error).message}
  } finally {
    clearTimeout(timer)
  }
}

export function endpointResult(path: string, raw: Awaited<ReturnType<HttpGet>>, mask: (t: string) => string): EndpointResult {
  const body = raw.body === undefined ? undefined : truncate(mask(raw.body))
  return {path, ...(raw.status === undefined ? {} : {status: raw.status}), ...(body === undefined ? {} : {body}), ...(raw.error ? {error: mask(raw.error)} : {})}
}

export function truncate(text: string, max = MAX_BODY): string {
  const t = text.trim()
  return t.length > max ? `${t.slice(0, max)}... (${t.length - max} more characters)` : t
}

export const isOk = (status?: number): boolean => status !== undefined && status >= 200 && status < 300
