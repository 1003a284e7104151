import {deployTimeParts, hasDeployTimeValue} from '../../facts/deploy-time.js'
import type {ContainerDefinition} from '../../facts/types.js'
import type {Profile} from '../../profile/types.js'
import type {FindingInput} from '../types.js'
import {commandWithPort, describePort, type HealthProbe, parseHealthCommand, redactCommand, resolvePort} from './health-command.js'
import type {AppPorts} from './health-ports.js'
import {toolFindings} from './health-probe-tools.js'
import {envValue} from './served-container.js'

const LOOPBACK = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]', '::1'])

/** What the container's own health check asks, against where the app listens. */
export function probeFindings(container: ContainerDefinition, ports: AppPorts, profile: Profile): FindingInput[] {
  const command = container.healthCheck?.command ?? []
  const probe = parseHealthCommand(command)
  const shown = `container ${container.name}: healthCheck.command ${JSON.stringify(redactCommand(command))}`
  const findings: FindingInput[] = [...toolFindings(probe, shown, ports.appPort ?? profile.names.port, profile)]
  if (probe.form === 'unknown') {
    findings.push({
      detail: 'ECS hands the command to Docker, which reads its first element as the kind of check: CMD (run the rest directly), CMD-SHELL (run it in a shell) or NONE. Any other first element is not a valid health check, and the container does not start.',
      evidence: [shown],
      fix: `Put "CMD-SHELL" first and the command as one string: ["CMD-SHELL", ${JSON.stringify(redactCommand(command).join(' '))}].`,
      impact: 'start',
      severity: 'error',
      title: 'The health check command does not start with CMD or CMD-SHELL',
    })
  }

  if (!probe.port) {
    findings.push({
      detail: 'bwops reads curl, wget, Python urllib or socket and nc health checks; this one it could not read, so it cannot tell whether it asks the port and path the app serves.',
      evidence: [shown],
      fix: `Check by hand that the command asks http://localhost:${ports.appPort ?? profile.names.port}${profile.health.paths[0] ?? '/'}, or write it in a form bwops reads, e.g. ["CMD-SHELL", "curl -f http://localhost:${ports.appPort ?? profile.names.port}${profile.health.paths[0] ?? '/'} || exit 1"].`,
      impact: 'health',
      severity: 'info',
      title: 'The health check command asks a port bwops cannot read',
    })
    return findings
  }

  findings.push(...portFindings(container, command, probe, ports, shown))
  if (probe.host && !LOOPBACK.has(probe.host) && !probe.host.startsWith('$')) {
    findings.push({
      detail: `A container health check runs inside the container; asking ${probe.host} tests that host, not this container, so a dead app can pass and a healthy one fail when ${probe.host} is unreachable.`,
      evidence: [shown],
      fix: `Ask localhost in the healthCheck command of container ${container.name}, e.g. http://localhost:${ports.appPort ?? profile.names.port}${probe.path ?? '/'}.`,
      impact: 'health',
      severity: 'warning',
      title: `The health check asks ${probe.host}, not the container itself`,
    })
  }

  if (probe.scheme === 'https') {
    findings.push({
      detail: 'The app serves plain HTTP inside the container (TLS ends at the load balancer), so an https:// probe fails its TLS handshake every time and ECS replaces the task: "Task failed container health checks".',
      evidence: [shown],
      fix: `Use http:// in the healthCheck command of container ${container.name}.`,
      impact: 'health',
      severity: 'error',
      title: 'The health check asks https://, the app serves plain HTTP',
    })
  }

  findings.push(...pathFindings(probe, shown, container.name, ports.appPort ?? profile.names.port, profile))
  return findings
}

function portFindings(container: ContainerDefinition, command: string[], probe: HealthProbe, ports: AppPorts, shown: string): FindingInput[] {
  const port = probe.port!
  const env = (name: string) => envValue(container, name)
  if (port.kind === 'variable') {
    const value = env(port.name)
    if (!probe.shell) {
      return [{
        detail: `A CMD health check runs without a shell, so $${port.name} is passed as the literal text "${describePort(port)}" and the probe never reaches the app.`,
        evidence: [shown],
        fix: `Make it a CMD-SHELL health check so the shell expands $${port.name}: ["CMD-SHELL", ${JSON.stringify(redactCommand(command.slice(1)).join(' '))}].`,
        impact: 'health',
        severity: 'error',
        title: `The CMD health check uses $${port.name}, which only a shell expands`,
      }]
    }

    // A PORT known only at deploy time is reported once, with the app's port (health-ports.ts).
    if (value !== undefined && hasDeployTimeValue(value)) {
      return port.name === 'PORT' ? [] : [deployTimeNote(`${port.name} (used by the health check)`, value, shown)]
    }

    if (value === undefined && port.fallback === undefined) {
      return [{
        detail: `The health check asks port $${port.name}, and the container does not set ${port.name}: the shell expands it to nothing and the probe asks the scheme's default port, where nothing listens.`,
        evidence: [shown, `container ${container.name}: ${port.name} is not set`],
        fix: `Set ${port.name}=${ports.appPort ?? ports.containerPort} in the environment of container ${container.name}, or give the probe a default: \${${port.name}:-${ports.appPort ?? ports.containerPort}}.`,
        impact: 'health',
        severity: 'error',
        title: `The health check asks $${port.name}, which is not set`,
      }]
    }
  }

  if (port.kind === 'deploy-time') return [deployTimeNote('the health check port', port.text, shown)]
  const asked = resolvePort(port, probe.shell, env)
  if (asked === undefined) {
    return [{
      detail: `The port "${describePort(port)}" in the health check is not a number bwops can resolve, so it cannot compare it with containerPort and PORT.`,
      evidence: [shown],
      fix: `Write the port as a number in the healthCheck command of container ${container.name}, e.g. ${ports.appPort ?? ports.containerPort}.`,
      impact: 'health',
      severity: 'info',
      title: 'The health check port could not be read',
    }]
  }

  return mismatch(container, command, probe, asked, ports, shown)
}

function mismatch(container: ContainerDefinition, command: string[], probe: HealthProbe, asked: number, ports: AppPorts, shown: string): FindingInput[] {
  const {appPort, containerPort} = ports
  const known = [asked, containerPort, appPort].filter((p): p is number => p !== undefined)
  if (known.every((p) => p === known[0])) return []
  const target = appPort ?? containerPort!
  // Name the odd one out: the probe when it disagrees with the app, else containerPort.
  const title =
    appPort !== undefined && asked !== appPort
      ? `The health check asks port ${asked}, the app listens on ${appPort}`
      : appPort !== undefined && containerPort !== undefined && containerPort !== appPort
        ? `containerPort is ${containerPort}, the app listens on ${appPort}`
        : `The health check asks port ${asked}, containerPort is ${containerPort}`
  const steps: string[] = []
  if (asked !== target) {
    const rewritten = commandWithPort(command, probe, target)
    steps.push(rewritten ? `change the healthCheck command to ${JSON.stringify(redactCommand(rewritten))}` : `change the port in the healthCheck command to ${target}`)
  }

  if (containerPort !== undefined && containerPort !== target) steps.push(`set portMappings containerPort to ${target} (and the target group's port with it)`)
  const other = asked !== target && probe.port?.kind === 'number' ? [appPort !== asked && `set PORT=${asked}`, containerPort !== asked && `containerPort ${asked}`].filter(Boolean) : []
  const fix = `In container ${container.name}, ${steps.join(' and ')}${other.length > 0 ? `, or ${other.join(' and ')}` : ''}.`
  return [{
    detail: `The app listens on one port, and the health check and the load balancer must ask that same port; otherwise every check fails and ECS keeps replacing healthy tasks ("Task failed container health checks" or "failed ELB health checks").`,
    evidence: [shown, `container ${container.name}: containerPort ${containerPort ?? 'not set'}`, `container ${container.name}: ${ports.appPortWhy}`],
    fix,
    impact: 'health',
    severity: 'error',
    title,
  }]
}

function pathFindings(probe: HealthProbe, shown: string, containerName: string, port: number, profile: Profile): FindingInput[] {
  if (probe.scheme === 'tcp' || probe.path === undefined) {
    return [{
      detail: 'The health check only opens a connection to the port: it passes while the app accepts connections even when it cannot serve (e.g. its configuration failed to load).',
      evidence: [shown],
      fix: `Ask a health path instead, e.g. ["CMD-SHELL", "curl -f http://localhost:${port}${profile.health.paths[0] ?? '/'} || exit 1"] in container ${containerName}.`,
      impact: 'health',
      severity: 'info',
      title: 'The health check tests only that the port is open',
    }]
  }

  if (hasDeployTimeValue(probe.path)) return [deployTimeNote('the health check path', probe.path, shown)]
  if (profile.health.paths.includes(probe.path)) return []
  return [{
    detail: `The app answers health checks on ${profile.health.paths.join(' and ')}; another path may answer 404, which fails every check, or pass without telling whether the app is ready.`,
    evidence: [shown],
    fix: `Ask ${profile.health.paths[0]} in the healthCheck command of container ${containerName}.`,
    impact: 'health',
    severity: 'warning',
    title: `The health check asks ${probe.path}, not a health path the app serves`,
  }]
}

function deployTimeNote(what: string, value: string, shown: string): FindingInput {
  return {
    detail: `${what} is known only at deploy time (${deployTimeParts(value).join(', ')}); bwops reports it rather than guess.`,
    evidence: [shown],
    fix: `After deploying, check that the value given for ${deployTimeParts(value).join(', ')} matches the port and path the app serves.`,
    impact: 'health',
    severity: 'info',
    title: `${what[0]!.toUpperCase()}${what.slice(1)} is known only at deploy time`,
  }
}
