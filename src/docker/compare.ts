import {redactCommand} from '../checks/lib/health-command.js'
import type {ContainerDefinition} from '../facts/types.js'
import type {ImageConfig, Mismatch} from './types.js'

// Where the image and the task definition disagree. ECS runs the image with the task definition's
// settings on top: its entryPoint, command and user replace the image's, and it acts only on its
// own healthCheck, never on the image's HEALTHCHECK. Disagreement is not always wrong, so each
// mismatch says why it matters.

// commands are shown with their credentials hidden (curl -u user:pass, --client-secret VALUE)
const line = (v: string): string => redactCommand([v])[0] ?? ''
const show = (v: string[] | string | undefined): string => (v === undefined ? '(none)' : Array.isArray(v) ? JSON.stringify(redactCommand(v)) : line(v))

/** The command a health check runs, as one shell line, so CMD and CMD-SHELL forms compare. */
export function healthCommandLine(test: string[]): string | undefined {
  const [kind, ...rest] = test
  if (kind === 'NONE' || test.length === 0) return undefined
  if (kind === 'CMD-SHELL') return rest.join(' ').trim()
  if (kind === 'CMD') return rest.join(' ').trim()
  return test.join(' ').trim()
}

/** The port a health command asks (localhost:5000, 127.0.0.1:5000), when it names one. */
export function healthCommandPort(line: string): number | undefined {
  const m = /(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]):(\d+)/.exec(line)
  return m ? Number(m[1]) : undefined
}

export function compareImageWithTask(image: ImageConfig, container: ContainerDefinition): Mismatch[] {
  const out: Mismatch[] = []
  const ports = container.portMappings.map((p) => p.containerPort).filter((p): p is number => p !== undefined)
  if (ports.length > 0 && image.exposedPorts.length > 0 && !ports.some((p) => image.exposedPorts.includes(p))) {
    out.push({
      image: `EXPOSE ${image.exposedPorts.join(', ')}`,
      note: 'the task definition sends traffic and health checks to a port the image does not declare; unless the app is told to listen there (PORT), nothing answers',
      severity: 'warning',
      taskDefinition: `containerPort ${ports.join(', ')}`,
      what: 'port',
    })
  }

  const imageCheck = image.healthcheck ? healthCommandLine(image.healthcheck.test) : undefined
  const taskCheck = container.healthCheck ? healthCommandLine(container.healthCheck.command) : undefined
  if (imageCheck && !taskCheck) {
    out.push({
      image: line(imageCheck),
      note: 'ECS ignores the image\'s HEALTHCHECK; without a healthCheck in the task definition a hung container stays in service',
      severity: 'info',
      taskDefinition: '(none)',
      what: 'healthcheck',
    })
  } else if (taskCheck) {
    const taskPort = healthCommandPort(taskCheck)
    const imagePort = imageCheck ? healthCommandPort(imageCheck) : undefined
    const servicePort = ports[0]
    if (taskPort !== undefined && servicePort !== undefined && taskPort !== servicePort) {
      out.push({
        image: show(imageCheck),
        note: `the task definition's health check asks port ${taskPort} but the container port is ${servicePort}: the check fails and ECS replaces the task`,
        severity: 'warning',
        taskDefinition: line(taskCheck),
        what: 'healthcheck',
      })
    } else if (imageCheck && imagePort !== undefined && taskPort !== undefined && imagePort !== taskPort) {
      out.push({
        image: line(imageCheck),
        note: `the image checks port ${imagePort}, the task definition port ${taskPort}: one of them is stale`,
        severity: 'info',
        taskDefinition: line(taskCheck),
        what: 'healthcheck',
      })
    } else if (imageCheck && firstWord(imageCheck) !== firstWord(taskCheck)) {
      out.push({
        image: line(imageCheck),
        note: `the task definition's check calls ${firstWord(taskCheck)}, the image's ${firstWord(imageCheck)}: make sure the image ships ${firstWord(taskCheck)}, or every check fails`,
        severity: 'info',
        taskDefinition: line(taskCheck),
        what: 'healthcheck',
      })
    }
  }

  if (container.user !== undefined && container.user !== (image.user ?? '')) {
    out.push({
      image: show(image.user || 'root (unset)'),
      note: 'ECS runs the container as the task definition\'s user; files the image prepared for its own user may not be readable',
      severity: 'info',
      taskDefinition: container.user,
      what: 'user',
    })
  }

  if (container.entryPoint && !sameList(container.entryPoint, image.entrypoint)) {
    out.push({
      image: show(image.entrypoint),
      note: 'ECS replaces the image\'s ENTRYPOINT with the task definition\'s entryPoint',
      severity: 'info',
      taskDefinition: show(container.entryPoint),
      what: 'entrypoint',
    })
  }

  if (container.command && !sameList(container.command, image.cmd)) {
    out.push({
      image: show(image.cmd),
      note: 'ECS replaces the image\'s CMD with the task definition\'s command',
      severity: 'info',
      taskDefinition: show(container.command),
      what: 'command',
    })
  }

  return out
}

function firstWord(line: string): string {
  return line.split(/\s+/)[0] ?? ''
}

function sameList(a: string[] | undefined, b: string[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? [])
}
