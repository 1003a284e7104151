import type {Finding} from '../checks/types.js'
import type {Layer} from './types.js'

// A finding's subject is what it is about, as `kind` or `kind:value`:
//   env:NAME[,NAME...]   container variables          secret-key:KEY  a JSON key of a secret
//   secret               the Benchling secret          quilt-stack     the stack QuiltStackARN names
//   role:task|execution  an IAM role                   health-check    container or target group check
//   log-group, image, network, memory, port           resources a task needs
//   exit:CONTAINER       a container exited non-zero (a symptom: its log or configuration says why)
//   deployment, stack    the failure as ECS or CloudFormation reports it (a symptom)
// Two findings are about the same thing when their subjects are equal, or both name variables and
// share one.

/** Which layer of evidence a check's findings are: what it judges decides, not what it says. */
const LAYER: Record<string, Layer> = {
  'container-log-signatures': 'log',
  'deployment-verdict': 'ecs',
  'local-probe': 'log',
  'service-events': 'ecs',
  'stack-rollback': 'ecs',
  'stopped-task-causes': 'ecs',
}

export function layerOf(f: Finding): Layer {
  return LAYER[f.check] ?? 'configuration'
}

function envNames(subject: string): string[] | undefined {
  return subject.startsWith('env:') ? subject.slice(4).split(',') : undefined
}

export function sameSubject(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false
  if (a === b) return !isOutcomeSubject(a)
  const x = envNames(a)
  const y = envNames(b)
  return x !== undefined && y !== undefined && x.some((n) => y.includes(n))
}

function isOutcomeSubject(subject: string): boolean {
  return subject === 'deployment' || subject === 'stack'
}

/** The failure as ECS reports it: a rollback, a tripped circuit breaker, a failed deployment. */
export function isOutcome(f: Finding): boolean {
  return f.impact === 'outcome' || (f.subject !== undefined && isOutcomeSubject(f.subject))
}

/** An exit code with nothing more to say: explained by the log or configuration of the same tasks. */
export function isExitSymptom(f: Finding): boolean {
  return layerOf(f) === 'ecs' && (f.subject?.startsWith('exit:') ?? false)
}

export function shareTask(a: Finding, b: Finding): boolean {
  return (a.tasks ?? []).some((t) => b.tasks?.includes(t))
}
