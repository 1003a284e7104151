import type {ContainerDefinition, TaskDefinition} from '../../facts/types.js'
import type {Profile} from '../../profile/types.js'

export interface ServedContainer {
  container: ContainerDefinition
  /** how it was chosen, for evidence */
  why: string
}

/**
 * The container that runs the webhook: the one the profile names, else the first essential one
 * (ECS treats a container without `essential` as essential), else the first.
 */
export function servedContainer(taskDefinition: TaskDefinition, profile: Profile): ServedContainer | undefined {
  const named = taskDefinition.containers.find((c) => c.name === profile.names.container)
  if (named) return {container: named, why: `container ${named.name}`}
  const essential = taskDefinition.containers.find((c) => c.essential !== false)
  if (essential) {
    return {container: essential, why: `container ${essential.name} (no container is named ${profile.names.container}; the first essential one)`}
  }

  const first = taskDefinition.containers[0]
  return first ? {container: first, why: `container ${first.name} (the first; none is essential)`} : undefined
}

/** A plain environment variable's value, when the container sets it. */
export function envValue(container: ContainerDefinition, name: string): string | undefined {
  return container.environment.find((e) => e.name === name)?.value
}
