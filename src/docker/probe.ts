import {randomBytes} from 'node:crypto'

import {redactCommand} from '../checks/lib/health-command.js'
import {UserError} from '../errors.js'
import type {ContainerDefinition, EnvVar} from '../facts/types.js'
import {contractFor} from '../profile/contracts.js'
import type {Profile} from '../profile/types.js'
import {imageTag, parseVersion} from '../profile/version.js'
import {compareImageWithTask} from './compare.js'
import type {DockerEngine} from './engine.js'
import {endpointResult, type HttpGet, httpGet, isOk} from './http.js'
import {classifyProbeLogs} from './classify-logs.js'
import {makeMasker, secretValues} from './mask.js'
import {choosePort, listeningPorts} from './port.js'
import type {EndpointResult, ImageConfig, LogLine, ProbeFact} from './types.js'

export const PROBE_LABEL = 'bwops.probe'
const MAX_LOG_LINES = 500
const POLL_MS = 500

export interface ProbeRequest {
  image: string
  env: EnvVar[]
  /** variables whose values are never shown, whatever their names (those from `secrets`) */
  secretNames: string[]
  /** secret variables of the task definition that were not passed */
  missingSecrets: string[]
  port?: number
  /** the task definition's container, when one was given: its port, command and user are used */
  container?: ContainerDefinition
  memoryMiB?: number
  timeoutSeconds: number
  /** also GET /config */
  config: boolean
}

export interface ProbeDeps {
  engine: DockerEngine
  profile: Profile
  progress?: (line: string) => void
  /** aborted on Ctrl-C: the container is removed and the probe ends with exit 130 */
  signal?: AbortSignal
  get?: HttpGet
}

/** The port the image's release listens on by default, from its tag; the profile's when the tag names no release. */
export function releaseDefaultPort(image: string, profile: Profile): number {
  const version = parseVersion(imageTag(image))
  return version ? contractFor(version.text).names.port : profile.names.port
}

export async function runProbe(req: ProbeRequest, deps: ProbeDeps): Promise<ProbeFact> {
  const {engine, profile} = deps
  const say = deps.progress ?? (() => {})
  const get = deps.get ?? httpGet
  await engine.ping()
  const image = await ensureImage(engine, req.image, say)
  const mask = makeMasker(secretValues(req.env, profile, new Set(req.secretNames)))
  const {port, source} = choosePort({
    envPort: req.env.find((e) => e.name === 'PORT')?.value,
    exposed: image.exposedPorts,
    flag: req.port,
    // the app's default port is its release's: 5000 until v0.8.8, 8080 from v0.8.9
    profileDefault: releaseDefaultPort(req.image, profile),
    taskDefinitionPort: req.container?.portMappings.find((p) => p.containerPort !== undefined)?.containerPort,
  })
  const logs: LogLine[] = []
  const fact: ProbeFact = {
    comparison: req.container ? compareImageWithTask(image, req.container) : [],
    containerPort: port,
    endpoints: [],
    envNames: req.env.map((e) => e.name),
    image: shownImage(image),
    logMatches: [],
    logs,
    memoryLimitMiB: req.memoryMiB,
    missingSecrets: req.missingSecrets,
    outcome: 'not-ready',
    portSource: source,
    timeoutSeconds: req.timeoutSeconds,
  }
  interrupted(deps.signal)
  const id = await engine.create({
    cmd: req.container?.command,
    containerPort: port,
    entrypoint: req.container?.entryPoint,
    env: req.env.map((e) => `${e.name}=${e.value}`),
    image: req.image,
    labels: {[PROBE_LABEL]: 'true', [`${PROBE_LABEL}.image`]: req.image},
    memoryBytes: req.memoryMiB ? req.memoryMiB * 1024 * 1024 : undefined,
    name: `bwops-probe-${randomBytes(4).toString('hex')}`,
    user: req.container?.user,
  })
  say(`Started ${req.image}, container port ${port} (from ${source}), waiting up to ${req.timeoutSeconds} s for ${profile.health.paths[0] ?? '/health'}`)
  let logsDone: Promise<void> = Promise.resolve()
  try {
    const hostPort = await engine.start(id, port).catch(() => undefined)
    logsDone = engine
      .followLogs(id, (line) => {
        logs.push({...line, text: mask(line.text)})
        if (logs.length > MAX_LOG_LINES) logs.shift()
      })
      .catch(() => {})
    let exited = false
    const exit = engine.wait(id).then(
      () => {
        exited = true
      },
      () => {},
    )
    const isExited = () => exited
    const base = `http://127.0.0.1:${hostPort}`
    if (hostPort !== undefined) await waitReady(fact, base, {exit, get, isExited, profile, signal: deps.signal})
    const state = await engine.state(id)
    if (!state.running) {
      fact.outcome = 'crashed'
      fact.exit = {code: state.exitCode, oomKilled: state.oomKilled, ...(state.error ? {error: mask(state.error)} : {})}
    } else if (fact.readyAfterMs !== undefined || fact.endpoints.length > 0) {
      fact.endpoints = await getEndpoints(base, [...profile.health.paths, ...(req.config ? ['/config'] : [])], get, mask)
      fact.outcome = fact.endpoints.filter((e) => e.path !== '/config').every((e) => isOk(e.status)) ? 'healthy' : 'unhealthy'
      if (req.container?.healthCheck?.command.length) await runTaskHealthCheck(fact, engine, id, req.container.healthCheck.command, mask)
    } else {
      const proc = await engine.exec(id, ['cat', '/proc/net/tcp', '/proc/net/tcp6'], 5000)
      if (proc) fact.listeningPorts = listeningPorts(proc.output)
    }
  } finally {
    await engine.remove(id)
    await Promise.race([logsDone, sleep(2000)])
  }

  // stdout and stderr arrive on two streams; Docker's timestamps put them back in order
  logs.sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''))
  fact.logMatches = classifyProbeLogs(logs.map((l) => l.text), profile)
  return fact
}

async function ensureImage(engine: DockerEngine, ref: string, say: (line: string) => void): Promise<ImageConfig> {
  const present = await engine.inspectImage(ref)
  if (present) return present
  say(`Pulling ${ref} (not on this machine)`)
  await engine.pullImage(ref, say)
  const pulled = await engine.inspectImage(ref)
  if (!pulled) throw new UserError(`The image ${ref} was pulled but cannot be inspected.`, 'Run `docker image inspect` on it, then try again.')
  return pulled
}

interface WaitContext {
  exit: Promise<void>
  isExited: () => boolean
  get: HttpGet
  profile: Profile
  signal?: AbortSignal
}

/** Polls the first health path until it answers 2xx, the container exits, or time runs out. */
async function waitReady(fact: ProbeFact, base: string, ctx: WaitContext): Promise<void> {
  const path = ctx.profile.health.paths[0] ?? '/health'
  const started = Date.now()
  const deadline = started + fact.timeoutSeconds * 1000
  let last: EndpointResult | undefined
  while (!ctx.isExited() && Date.now() < deadline) {
    interrupted(ctx.signal)
    const raw = await Promise.race([ctx.get(`${base}${path}`, Math.max(200, Math.min(2000, deadline - Date.now()))), ctx.exit.then((): Awaited<ReturnType<HttpGet>> => ({}))])
    if (isOk(raw.status)) {
      fact.readyAfterMs = Date.now() - started
      return
    }

    if (raw.status !== undefined) last = {path, status: raw.status}
    await Promise.race([ctx.exit, sleep(POLL_MS, ctx.signal)])
  }

  interrupted(ctx.signal)
  // an app that answered, only never 2xx, is unhealthy rather than not ready
  if (last) fact.endpoints = [last]
}

async function getEndpoints(base: string, paths: string[], get: HttpGet, mask: (t: string) => string): Promise<EndpointResult[]> {
  const out: EndpointResult[] = []
  for (const path of paths) out.push(endpointResult(path, await get(`${base}${path}`, 5000), mask))
  return out
}

/** Runs the task definition's health check inside the container, as the ECS agent does. */
async function runTaskHealthCheck(fact: ProbeFact, engine: DockerEngine, id: string, test: string[], mask: (t: string) => string) {
  const [kind, ...rest] = test
  const command = kind === 'CMD-SHELL' ? ['/bin/sh', '-c', rest.join(' ')] : kind === 'CMD' ? rest : test
  const result = await engine.exec(id, command, 15_000)
  if (result) fact.taskHealthCheck = {command: redactCommand(test), exitCode: result.exitCode, output: mask(result.output.trim()).slice(0, 500)}
}

/** The image's config as the fact keeps it: a CMD or HEALTHCHECK baked with a credential is not shown. */
function shownImage(image: ImageConfig): ImageConfig {
  const hide = (command?: string[]) => (command ? redactCommand(command) : undefined)
  return {
    ...image,
    ...(image.cmd ? {cmd: hide(image.cmd)} : {}),
    ...(image.entrypoint ? {entrypoint: hide(image.entrypoint)} : {}),
    ...(image.healthcheck ? {healthcheck: {...image.healthcheck, test: redactCommand(image.healthcheck.test)}} : {}),
  }
}

function interrupted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new UserError('Interrupted: the probe stopped and removed its container.', undefined, 130)
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    }, {once: true})
  })
}

