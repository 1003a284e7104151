import type Docker from 'dockerode'

import {tcpPorts} from './port.js'
import type {ImageConfig} from './types.js'

type Inspect = Awaited<ReturnType<Docker.Image['inspect']>>
// the types omit Healthcheck, which the Engine API returns in Config (durations in nanoseconds)
type Healthcheck = {Test?: string[]; Interval?: number; Timeout?: number; Retries?: number; StartPeriod?: number}

/** What the probe needs of `docker image inspect`. */
export function imageConfig(ref: string, info: Inspect): ImageConfig {
  const c = info.Config as Inspect['Config'] & {Healthcheck?: Healthcheck}
  const seconds = (ns?: number) => (ns ? ns / 1e9 : undefined)
  const hc = c.Healthcheck
  return {
    cmd: c.Cmd ?? undefined,
    entrypoint: typeof c.Entrypoint === 'string' ? [c.Entrypoint] : c.Entrypoint ?? undefined,
    exposedPorts: tcpPorts(c.ExposedPorts),
    healthcheck: hc?.Test
      ? {intervalSeconds: seconds(hc.Interval), retries: hc.Retries, startPeriodSeconds: seconds(hc.StartPeriod), test: hc.Test, timeoutSeconds: seconds(hc.Timeout)}
      : undefined,
    id: info.Id,
    ref,
    user: c.User || undefined,
  }
}
