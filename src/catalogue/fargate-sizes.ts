// The task sizes Fargate accepts: each CPU value (in CPU units, 1024 = 1 vCPU) with the memory
// values (MiB) it may be given. From the AWS documentation "Amazon ECS task definition
// parameters for Fargate: Task size" (Linux); a task definition with another pair is refused.

const range = (from: number, to: number, step: number): number[] => Array.from({length: (to - from) / step + 1}, (_, i) => from + i * step)

export const FARGATE_SIZES: readonly {cpu: number; memory: readonly number[]}[] = [
  {cpu: 256, memory: [512, 1024, 2048]},
  {cpu: 512, memory: range(1024, 4096, 1024)},
  {cpu: 1024, memory: range(2048, 8192, 1024)},
  {cpu: 2048, memory: range(4096, 16_384, 1024)},
  {cpu: 4096, memory: range(8192, 30_720, 1024)},
  {cpu: 8192, memory: range(16_384, 61_440, 4096)},
  {cpu: 16_384, memory: range(32_768, 122_880, 8192)},
]

export interface FargateSize {
  cpu: number
  memory: number
}

/** Whether Fargate accepts this CPU and memory pair. */
export function isFargateSize(cpu: number, memory: number): boolean {
  return FARGATE_SIZES.some((s) => s.cpu === cpu && s.memory.includes(memory))
}

/**
 * The smallest valid size with more memory than `memory`: the same CPU when it allows more, else
 * the next CPU up (more memory may need more CPU on Fargate). Undefined past the largest size.
 */
export function nextFargateMemory(cpu: number, memory: number): FargateSize | undefined {
  for (const size of FARGATE_SIZES) {
    if (size.cpu < cpu) continue
    const more = size.memory.find((m) => m > memory)
    if (more !== undefined) return {cpu: size.cpu, memory: more}
  }

  return undefined
}
