// Which port inside the container the probe asks. The most explicit source wins: what the user
// said, then what ECS will ask (the task definition), then what the app is told (PORT), then what
// the image declares, then the profile's default.

export interface PortInputs {
  flag?: number
  taskDefinitionPort?: number
  /** the PORT variable the container gets */
  envPort?: string
  exposed: number[]
  profileDefault: number
}

export interface PortChoice {
  port: number
  source: string
}

export function choosePort(inputs: PortInputs): PortChoice {
  if (inputs.flag !== undefined) return {port: inputs.flag, source: '--port'}
  if (inputs.taskDefinitionPort !== undefined) return {port: inputs.taskDefinitionPort, source: 'the task definition\'s containerPort'}
  const envPort = inputs.envPort === undefined ? undefined : parsePort(inputs.envPort)
  if (envPort !== undefined) return {port: envPort, source: 'the PORT variable'}
  if (inputs.exposed.length > 0) {
    // an image may expose several ports; the profile's port among them is the app's
    const port = inputs.exposed.includes(inputs.profileDefault) ? inputs.profileDefault : Math.min(...inputs.exposed)
    return {port, source: 'the image\'s EXPOSE'}
  }

  return {port: inputs.profileDefault, source: 'the profile\'s default port'}
}

export function parsePort(text: string): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined
  const n = Number(text)
  return n >= 1 && n <= 65_535 ? n : undefined
}

/** Docker keys exposed ports as "5000/tcp"; UDP ports are of no use to an HTTP probe. */
export function tcpPorts(exposed: Record<string, unknown> | undefined): number[] {
  return Object.keys(exposed ?? {})
    .map((k) => /^(\d+)(?:\/tcp)?$/.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b)
}

/** Listening TCP ports from /proc/net/tcp and tcp6 text (state 0A is LISTEN). */
export function listeningPorts(procNetTcp: string): number[] {
  const ports = new Set<number>()
  for (const line of procNetTcp.split('\n')) {
    const cols = line.trim().split(/\s+/)
    if (cols[3] !== '0A') continue
    const port = cols[1]?.split(':')[1]
    if (port) ports.add(Number.parseInt(port, 16))
  }

  return [...ports].sort((a, b) => a - b)
}
