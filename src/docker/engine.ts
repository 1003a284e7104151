import {PassThrough} from 'node:stream'
import {createInterface} from 'node:readline'
import Docker from 'dockerode'

import {UserError} from '../errors.js'
import type {ImageConfig, LogLine} from './types.js'
import {imageConfig} from './image-config.js'

// The narrow Docker adapter: only the calls the probe makes, with Docker's errors turned into
// values or into errors a user can act on. Everything above it is testable without an engine.

export interface ContainerSpec {
  image: string
  name: string
  env: string[]
  containerPort: number
  labels: Record<string, string>
  memoryBytes?: number
  entrypoint?: string[]
  cmd?: string[]
  user?: string
}

export interface ContainerState {
  running: boolean
  exitCode: number
  oomKilled: boolean
  error?: string
}

export interface DockerEngine {
  /** where the engine is, for messages */
  describe: string
  ping(): Promise<void>
  /** undefined when the image is not present locally */
  inspectImage(ref: string): Promise<ImageConfig | undefined>
  pullImage(ref: string, onProgress: (line: string) => void): Promise<void>
  /** creates the container; returns its id */
  create(spec: ContainerSpec): Promise<string>
  /** starts it; returns the host port Docker chose on 127.0.0.1 (none when it exited at once) */
  start(id: string, containerPort: number): Promise<number | undefined>
  /** follows stdout and stderr, demultiplexed, a line at a time; resolves when the stream ends */
  followLogs(id: string, onLine: (line: LogLine) => void): Promise<void>
  /** resolves when the container stops */
  wait(id: string): Promise<void>
  state(id: string): Promise<ContainerState>
  /** runs a command inside the running container; undefined when it cannot be run at all */
  exec(id: string, cmd: string[], timeoutMs: number): Promise<{exitCode: number; output: string} | undefined>
  remove(id: string): Promise<void>
  listByLabel(label: string): Promise<string[]>
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET'])

export function dockerEngine(docker: Docker = new Docker()): DockerEngine {
  const where = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock'
  return {
    describe: where,
    async ping() {
      try {
        await docker.ping()
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        const why = code && UNREACHABLE.has(code) ? code : (error as Error).message
        throw new UserError(
          `No Docker engine answers at ${where} (${why}).`,
          code === 'EACCES'
            ? 'Add your user to the docker group (then log in again), or run with sudo.'
            : 'Start Docker (Docker Desktop, or `sudo dockerd`), or set DOCKER_HOST to the engine\'s address.',
        )
      }
    },
    async inspectImage(ref) {
      try {
        return imageConfig(ref, await docker.getImage(ref).inspect())
      } catch (error) {
        if ((error as {statusCode?: number}).statusCode === 404) return undefined
        throw error
      }
    },
    async pullImage(ref, onProgress) {
      try {
        const stream = await docker.pull(ref)
        await new Promise<void>((resolve, reject) => {
          docker.modem.followProgress(
            stream,
            (err: Error | null) => (err ? reject(err) : resolve()),
            (event: {status?: string; id?: string; progress?: string; error?: string}) => {
              if (event.error) reject(new Error(event.error))
              else if (event.status) onProgress([event.id, event.status, event.progress].filter(Boolean).join(' '))
            },
          )
        })
      } catch (error) {
        throw new UserError(
          `The image ${ref} is not on this machine and could not be pulled: ${(error as Error).message.trim()}.`,
          'Check the image name and tag; log in to its registry (for ECR: aws ecr get-login-password | docker login --username AWS --password-stdin <registry>); or build the image here.',
        )
      }
    },
    async create(spec) {
      const port = `${spec.containerPort}/tcp`
      const container = await docker.createContainer({
        Cmd: spec.cmd,
        Entrypoint: spec.entrypoint,
        Env: spec.env,
        ExposedPorts: {[port]: {}},
        HostConfig: {
          // an init process forwards signals, so the container stops at once when removed
          Init: true,
          Memory: spec.memoryBytes,
          MemorySwap: spec.memoryBytes,
          // 127.0.0.1 only, and an empty HostPort lets Docker choose a free one
          PortBindings: {[port]: [{HostIp: '127.0.0.1', HostPort: ''}]},
        },
        Image: spec.image,
        Labels: spec.labels,
        User: spec.user,
        name: spec.name,
      })
      return container.id
    },
    async start(id, containerPort) {
      const container = docker.getContainer(id)
      await container.start()
      const info = await container.inspect()
      const binding = info.NetworkSettings.Ports?.[`${containerPort}/tcp`]?.[0]
      return binding?.HostPort ? Number(binding.HostPort) : undefined
    },
    async followLogs(id, onLine) {
      const stream = await docker.getContainer(id).logs({follow: true, stderr: true, stdout: true, timestamps: true})
      const out = new PassThrough()
      const err = new PassThrough()
      docker.modem.demuxStream(stream, out, err)
      const lines = (s: PassThrough, name: LogLine['stream']) =>
        new Promise<void>((resolve) => {
          createInterface({crlfDelay: Number.POSITIVE_INFINITY, input: s}).on('line', (raw) => onLine(splitTimestamp(raw, name))).on('close', resolve)
        })
      stream.on('end', () => {
        out.end()
        err.end()
      })
      stream.on('error', () => {
        out.end()
        err.end()
      })
      await Promise.all([lines(out, 'stdout'), lines(err, 'stderr')])
    },
    async wait(id) {
      await docker.getContainer(id).wait()
    },
    async state(id) {
      const s = (await docker.getContainer(id).inspect()).State
      return {error: s.Error || undefined, exitCode: s.ExitCode, oomKilled: s.OOMKilled, running: s.Running}
    },
    async exec(id, cmd, timeoutMs) {
      try {
        const exec = await docker.getContainer(id).exec({AttachStderr: true, AttachStdout: true, Cmd: cmd})
        const stream = await exec.start({})
        const chunks: Buffer[] = []
        const sink = new PassThrough()
        sink.on('data', (c: Buffer) => chunks.push(c))
        docker.modem.demuxStream(stream, sink, sink)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs)
          stream.on('end', () => {
            clearTimeout(timer)
            resolve()
          })
        })
        const info = await exec.inspect()
        if (info.Running || info.ExitCode === null) return {exitCode: -1, output: `${Buffer.concat(chunks).toString('utf8')}(timed out after ${timeoutMs} ms)`}
        return {exitCode: info.ExitCode, output: Buffer.concat(chunks).toString('utf8')}
      } catch {
        return undefined
      }
    },
    async remove(id) {
      try {
        await docker.getContainer(id).remove({force: true, v: true})
      } catch (error) {
        if ((error as {statusCode?: number}).statusCode !== 404) throw error
      }
    },
    async listByLabel(label) {
      const list = await docker.listContainers({all: true, filters: {label: [label]}})
      return list.map((c) => c.Id)
    },
  }
}

/** With timestamps on, Docker starts each line with an RFC 3339 time and a space. */
function splitTimestamp(raw: string, stream: LogLine['stream']): LogLine {
  const m = /^(\d{4}-\d\d-\d\dT[\d:.]+Z) (.*)$/s.exec(raw)
  if (!m) return {stream, text: raw}
  // Docker trims trailing zeros of the fraction; pad it so times sort as text
  const time = m[1]!.replace(/(?:\.(\d+))?Z$/, (_, f: string | undefined) => `.${(f ?? '').padEnd(9, '0')}Z`)
  return {stream, text: m[2]!, time}
}
