import type {ServiceDeploymentFact, ServiceStateFact} from '../../facts/live-types.js'

/** "family:revision" from a task definition ARN (or the text itself when it is not an ARN). */
export function taskDefinitionLabel(arn: string): string {
  return arn.replace(/^arn:aws[\w-]*:ecs:[^:]*:\d*:task-definition\//, '')
}

export function revisionOf(arn: string): {family: string; revision?: number} {
  const [family = arn, revision] = taskDefinitionLabel(arn).split(':')
  const n = Number(revision)
  return Number.isInteger(n) && revision !== undefined ? {family, revision: n} : {family}
}

/** true when `a` is an earlier revision of the same family than `b`. */
export function isOlderRevision(a: string, b: string): boolean {
  const ra = revisionOf(a)
  const rb = revisionOf(b)
  return ra.family === rb.family && ra.revision !== undefined && rb.revision !== undefined && ra.revision < rb.revision
}

export function findDeployment(service: ServiceStateFact | undefined, id: string | undefined): ServiceDeploymentFact | undefined {
  if (!service || !id) return undefined
  return service.deployments.find((d) => d.id === id)
}

/** "deployment ecs-svc/1 (webhook-task:7, FAILED)", or what is known of it. */
export function deploymentLabel(id: string | undefined, service: ServiceStateFact | undefined, taskDefinitionArn?: string): string {
  const deployment = findDeployment(service, id)
  const td = deployment?.taskDefinition ?? taskDefinitionArn
  const parts = [td ? taskDefinitionLabel(td) : undefined, deployment?.status, deployment?.rolloutState].filter(Boolean)
  const name = id ? `deployment ${id}` : 'an unknown deployment'
  return parts.length > 0 ? `${name} (${parts.join(', ')})` : name
}

export function timeOf(iso: string | undefined): number {
  const t = iso === undefined ? Number.NaN : Date.parse(iso)
  return Number.isNaN(t) ? 0 : t
}
