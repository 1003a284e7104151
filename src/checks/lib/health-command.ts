import {redactText} from '../../catalogue/redact.js'
import {hasDeployTimeValue} from '../../facts/deploy-time.js'

// Reads what a container health check asks: which tool, which host, port and path. Only the forms
// people write in practice are understood (curl, wget, a Python urllib or socket one-liner, nc);
// anything else comes back without a port, and the check says it could not tell.

export type ProbeTool = 'curl' | 'wget' | 'python' | 'nc'

export type ProbePort =
  /** a number; implicit when the URL names none and the scheme's default applies */
  | {kind: 'number'; port: number; implicit: boolean}
  /** `$PORT`, `${PORT}` or `${PORT:-5000}`: the shell fills it in from the container's environment */
  | {kind: 'variable'; name: string; fallback?: number}
  | {kind: 'deploy-time'; text: string}
  | {kind: 'unreadable'; text: string}

export interface HealthProbe {
  form: 'CMD' | 'CMD-SHELL' | 'NONE' | 'unknown'
  /** the command as one line, for evidence and for the fix that rewrites it */
  text: string
  /** whether a shell runs it, so `$PORT` is expanded */
  shell: boolean
  tools: ProbeTool[]
  scheme?: 'http' | 'https' | 'tcp'
  host?: string
  port?: ProbePort
  /** the HTTP path asked; absent for a TCP probe */
  path?: string
  /** where in `text` the port is written (or would be inserted), to rewrite it in a fix */
  portAt?: {start: number; end: number; insert: boolean}
}

const TOOL = /(?:^|[\s;&|(`'"/])(curl|wget|python3?|nc|netcat)(?=[\s'"]|$)/g
const URL_TEXT = /(https?):\/\/([^\s'"()<>]+)/
const AUTHORITY = /^(\[[^\]]*\]|\{\{[^}]*\}\}|\$\{[^}]*\}|\$\w+|[^:/?#{$]+)(?::([^/?#]*))?/
const BARE_LOCAL = /(?:^|\s)(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::([^\s/'"]+))?(\/[^\s'"()]*)?/
const PY_SOCKET = /\(\s*['"]([\w.:-]+)['"]\s*,\s*(\d+|[A-Za-z_]\w*)\s*\)/
const PY_REQUEST_PATH = /request\(\s*['"][A-Z]+['"]\s*,\s*['"]([^'"]+)['"]/
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh'])

export function parseHealthCommand(command: string[]): HealthProbe {
  const [head, ...rest] = command
  const form = head === 'CMD' || head === 'CMD-SHELL' || head === 'NONE' ? head : 'unknown'
  const argv = form === 'unknown' ? command : rest
  const text = argv.join(' ')
  const program = basename(argv[0] ?? '')
  const shell = form === 'CMD-SHELL' || (form === 'CMD' && SHELLS.has(program) && argv.includes('-c'))
  const probe: HealthProbe = {form, shell, text, tools: toolsIn(text)}
  if (form === 'NONE') return probe
  return readUrl(probe) ?? readNc(probe) ?? readPythonSocket(probe) ?? readBareLocal(probe) ?? probe
}

/** The healthCheck command with its port replaced, for a fix that says exactly what to write. */
export function commandWithPort(command: string[], probe: HealthProbe, port: number): string[] | undefined {
  const at = probe.portAt
  if (!at) return undefined
  // `text` is the arguments joined by one space, so a position in it falls inside one argument.
  let pos = 0
  for (let i = probe.form === 'unknown' ? 0 : 1; i < command.length; i++) {
    const arg = command[i]!
    if (at.start >= pos && at.end <= pos + arg.length) {
      const out = [...command]
      out[i] = `${arg.slice(0, at.start - pos)}${at.insert ? ':' : ''}${port}${arg.slice(at.end - pos)}`
      return out
    }

    pos += arg.length + 1
  }

  return undefined
}

/** The port a probe reaches once the container's environment is applied; undefined when unknown. */
export function resolvePort(port: ProbePort, shell: boolean, env: (name: string) => string | undefined): number | undefined {
  if (port.kind === 'number') return port.port
  if (port.kind !== 'variable' || !shell) return undefined
  const value = env(port.name)
  if (value !== undefined && /^\d+$/.test(value.trim())) return Number(value.trim())
  return value === undefined ? port.fallback : undefined
}

export function describePort(port: ProbePort): string {
  switch (port.kind) {
    case 'number': {
      return port.implicit ? `${port.port} (the scheme's default)` : String(port.port)
    }

    case 'variable': {
      return port.fallback === undefined ? `$${port.name}` : `$${port.name} (default ${port.fallback})`
    }

    default: {
      return port.text
    }
  }
}

function readUrl(probe: HealthProbe): HealthProbe | undefined {
  const m = URL_TEXT.exec(probe.text)
  if (!m) return undefined
  const scheme = m[1] as 'http' | 'https'
  // user:password@ before the host is skipped (and never shown: see redactCommand)
  const userinfo = /^[^/@]*@/.exec(m[2]!)?.[0] ?? ''
  const rest = m[2]!.slice(userinfo.length)
  const afterScheme = m.index + scheme.length + 3 + userinfo.length
  const auth = AUTHORITY.exec(rest)
  if (!auth) return {...probe, scheme}
  const host = auth[1]!
  const portText = auth[2]
  const hostEnd = afterScheme + host.length
  const pathText = rest.slice(auth[0].length).replace(/[?#].*$/, '')
  const port: ProbePort = portText ? readPort(portText) : {implicit: true, kind: 'number', port: scheme === 'https' ? 443 : 80}
  const portAt = portText
    ? {end: hostEnd + 1 + portText.length, insert: false, start: hostEnd + 1}
    : {end: hostEnd, insert: true, start: hostEnd}
  return {...probe, host, path: pathText === '' ? '/' : pathText, port, portAt, scheme}
}

function readBareLocal(probe: HealthProbe): HealthProbe | undefined {
  if (!probe.tools.includes('curl') && !probe.tools.includes('wget')) return undefined
  const m = BARE_LOCAL.exec(probe.text)
  if (!m) return undefined
  const host = m[1]!
  const hostStart = m.index + m[0].indexOf(host)
  const hostEnd = hostStart + host.length
  const portText = m[2]
  const port: ProbePort = portText ? readPort(portText) : {implicit: true, kind: 'number', port: 80}
  const portAt = portText ? {end: hostEnd + 1 + portText.length, insert: false, start: hostEnd + 1} : {end: hostEnd, insert: true, start: hostEnd}
  return {...probe, host, path: m[3] ?? '/', port, portAt, scheme: 'http'}
}

function readNc(probe: HealthProbe): HealthProbe | undefined {
  const m = /(?:^|[\s;&|(/])(?:nc|netcat)\s+([^|;&]*)/.exec(probe.text)
  if (!m) return undefined
  const args = m[1]!.trim().split(/\s+/).filter((a) => a !== '' && !a.startsWith('-'))
  const portText = args.at(-1)
  const host = args.at(-2)
  if (!portText || !host) return undefined
  const start = m.index + m[0].lastIndexOf(portText)
  return {...probe, host, port: readPort(portText), portAt: {end: start + portText.length, insert: false, start}, scheme: 'tcp'}
}

function readPythonSocket(probe: HealthProbe): HealthProbe | undefined {
  if (!probe.tools.includes('python')) return undefined
  const m = PY_SOCKET.exec(probe.text)
  if (!m) return undefined
  const portText = m[2]!
  const start = m.index + m[0].lastIndexOf(portText)
  const path = PY_REQUEST_PATH.exec(probe.text)?.[1]
  const port: ProbePort = /^\d+$/.test(portText) ? readPort(portText) : {kind: 'unreadable', text: portText}
  return {...probe, host: m[1], path, port, portAt: {end: start + portText.length, insert: false, start}, scheme: path ? 'http' : 'tcp'}
}

function readPort(text: string): ProbePort {
  if (/^\d+$/.test(text)) return {implicit: false, kind: 'number', port: Number(text)}
  const braced = /^\$\{(\w+)(?::?-(\d+))?\}$/.exec(text)
  if (braced) return {fallback: braced[2] === undefined ? undefined : Number(braced[2]), kind: 'variable', name: braced[1]!}
  const bare = /^\$(\w+)$/.exec(text)
  if (bare) return {kind: 'variable', name: bare[1]!}
  if (hasDeployTimeValue(text)) return {kind: 'deploy-time', text}
  return {kind: 'unreadable', text}
}

function toolsIn(text: string): ProbeTool[] {
  const found = new Set<ProbeTool>()
  for (const m of text.matchAll(TOOL)) {
    const name = m[1]!
    found.add(name === 'netcat' ? 'nc' : name.startsWith('python') ? 'python' : (name as ProbeTool))
  }

  return [...found]
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

// A health check may carry a credential (`curl -H "Authorization: Bearer ..."`, `-u user:pass`,
// `http://user:pass@host`, `?token=...`); what bwops shows of a command hides those values.
const SECRET_FLAG = /(^|\s)(-H|--header|-u|--user|--proxy-user|--oauth2-bearer|--password|--http-password|--http-user)(\s+|=)('[^']*'|"[^"]*"|\S+)/g
const SECRET_FLAGS = new Set(['-H', '--header', '-u', '--user', '--proxy-user', '--oauth2-bearer', '--password', '--http-password', '--http-user'])

// a flag that names a credential takes the next argument as its value: --client-secret VALUE; one
// that names where the credential is (--client-secret-file PATH, --token-id ARN) does not
const CREDENTIAL_FLAG = /^--?(?![\w.-]*[_-](?:file|path|id|arn|name|env|stdin)$)[\w.-]*(secret|password|passwd|token|api[_-]?key|private[_-]?key|credential)[\w.-]*$/i

export function redactCommand(command: string[]): string[] {
  const hidesNext = (arg: string | undefined) => arg !== undefined && (SECRET_FLAGS.has(arg) || CREDENTIAL_FLAG.test(arg))
  return command.map((arg, i) =>
    hidesNext(command[i - 1]) ? '<hidden>' : redactText(arg.replace(SECRET_FLAG, '$1$2$3<hidden>').replaceAll(/(\/\/)[^/@\s'"]+@/g, '$1<hidden>@')),
  )
}
