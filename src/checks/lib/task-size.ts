import {isFargateSize, nextFargateMemory} from '../../catalogue/fargate-sizes.js'
import type {TaskDefinition} from '../../facts/types.js'

// The numbers an out-of-memory stop needs: how much the task and container have, and what to set.

const num = (v: string | undefined) => (v === undefined || !/^\d+$/.test(v.trim()) ? undefined : Number(v))

export function sizeEvidence(td: TaskDefinition, containerName: string | undefined): string[] {
  const cpu = num(td.cpu)
  const memory = num(td.memory)
  const lines = [`task size: cpu ${cpu ?? td.cpu ?? 'not set'}, memory ${memory === undefined ? (td.memory ?? 'not set') : `${memory} MiB`}`]
  const container = td.containers.find((c) => c.name === containerName)
  if (container && (container.memory !== undefined || container.memoryReservation !== undefined)) {
    const parts = [container.memory === undefined ? '' : `memory ${container.memory} MiB (hard limit)`, container.memoryReservation === undefined ? '' : `memoryReservation ${container.memoryReservation} MiB`]
    lines.push(`container ${container.name}: ${parts.filter(Boolean).join(', ')}`)
  }

  return lines
}

/** "Set memory to N": the next valid Fargate size, and the container's own limit when it binds first. */
export function sizeFix(td: TaskDefinition, containerName: string | undefined): string | undefined {
  const cpu = num(td.cpu)
  const memory = num(td.memory)
  const container = td.containers.find((c) => c.name === containerName)
  if (container?.memory !== undefined && memory !== undefined && container.memory < memory) {
    return `The container's own hard limit (${container.memory} MiB) is below the task's ${memory} MiB: raise or remove the container's \`memory\` first. `
  }

  if (cpu === undefined || memory === undefined) return undefined
  const onFargate = td.requiresCompatibilities?.includes('FARGATE') ?? isFargateSize(cpu, memory)
  if (!onFargate) return undefined
  const next = nextFargateMemory(cpu, memory)
  if (!next) return `The task already has the largest Fargate size (cpu ${cpu}, ${memory} MiB): find what uses the memory. `
  const cpuToo = next.cpu === cpu ? '' : ` and cpu to ${next.cpu} (cpu ${cpu} allows at most ${memory} MiB)`
  return `Set the task definition's memory to ${next.memory}${cpuToo}: the next valid Fargate size after cpu ${cpu} / ${memory} MiB. `
}
