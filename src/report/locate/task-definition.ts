import {servedContainer} from '../../checks/lib/served-container.js'
import type {Profile} from '../../profile/types.js'
import {child, entry, type SourceNode, textOf} from './tree.js'

// Where in a task definition (a file, or a template's AWS::ECS::TaskDefinition Properties) a
// finding's subject is written: the variable's entry, the secret reference, the health check,
// the role; else the container the finding is about, which is always somewhere to look.

export interface ContainerNode {
  name: string
  node: SourceNode
}

export function containersOf(taskDefinition: SourceNode | undefined): ContainerNode[] {
  return (child(taskDefinition, 'containerDefinitions')?.items ?? []).map((node) => ({name: textOf(node, 'name') ?? '', node}))
}

/** The webhook's container, by the one rule checks use (src/checks/lib/served-container.ts). */
export function webhookContainer(containers: ContainerNode[], profile: Profile): ContainerNode | undefined {
  const shapes = containers.map((c) => ({environment: [], essential: textOf(c.node, 'essential') !== 'false', name: c.name, portMappings: [], secrets: []}))
  const chosen = servedContainer({containers: shapes}, profile)
  return chosen ? containers[shapes.indexOf(chosen.container as (typeof shapes)[number])] : undefined
}

export function containerLine(c: ContainerNode): number {
  return entry(c.node, 'name')?.keyLine ?? c.node.line
}

/** Whether `text` names `word` as a whole word (a variable or key name, as titles quote them). */
export function names(text: string, word: string): boolean {
  if (word === '') return false
  const escaped = word.replaceAll(/[^\w-]/g, (ch) => `\\${ch}`)
  return new RegExp(`(^|[^\\w-])${escaped}($|[^\\w-])`).test(text)
}

/** The entry of the container's environment or secrets the title names: a subject too coarse to say (`env`). */
function entryNamedIn(container: SourceNode | undefined, title: string): number | undefined {
  for (const key of ['environment', 'secrets']) {
    const item = child(container, key)?.items?.find((i) => names(title, textOf(i, 'name') ?? ''))
    if (item) return entry(item, 'name')?.keyLine ?? item.line
  }
  return undefined
}

function namedEntry(list: SourceNode | undefined, name: string): number | undefined {
  const item = list?.items?.find((i) => textOf(i, 'name') === name)
  return item ? (entry(item, 'name')?.keyLine ?? item.line) : undefined
}

/** The line of what `subject` names inside the task definition, when it is written there. */
export function lineInTaskDefinition(taskDefinition: SourceNode | undefined, finding: {subject?: string; title: string}, profile: Profile): number | undefined {
  const containers = containersOf(taskDefinition)
  const [kind, value = ''] = (finding.subject ?? '').split(/:(.*)/s)
  const named = (kind === 'container' || kind === 'exit') && containers.find((c) => c.name === value)
  const c = named || webhookContainer(containers, profile)
  const inContainer = (key: string) => (c ? entry(c.node, key)?.keyLine : undefined)
  const precise = (() => {
    switch (kind) {
      case 'env': {
        for (const name of value.split(',')) {
          const line = namedEntry(child(c?.node, 'environment'), name) ?? namedEntry(child(c?.node, 'secrets'), name)
          if (line !== undefined) return line
        }
        return entryNamedIn(c?.node, finding.title) ?? inContainer('environment')
      }
      case 'secret-key': {
        const ref = child(c?.node, 'secrets')?.items?.find((i) => (textOf(i, 'valueFrom') ?? '').includes(`:${value}:`))
        return ref ? (entry(ref, 'name')?.keyLine ?? ref.line) : undefined
      }
      case 'health-check': return inContainer('healthCheck')
      case 'image': return inContainer('image')
      case 'log-group': return inContainer('logConfiguration')
      case 'port': return inContainer('portMappings')
      case 'memory': return inContainer('memory') ?? entry(taskDefinition, 'memory')?.keyLine
      case 'role': return entry(taskDefinition, value === 'execution' ? 'executionRoleArn' : 'taskRoleArn')?.keyLine
      default: return entryNamedIn(c?.node, finding.title)
    }
  })()
  return precise ?? (c ? containerLine(c) : undefined)
}
