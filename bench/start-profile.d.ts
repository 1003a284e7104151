// Types of start-profile.js, for its test (the bench runs it as JavaScript).
export interface CallFrame {
  functionName: string
  url: string
}
export interface CpuProfile {
  nodes: Array<{id: number; callFrame: CallFrame}>
  samples: number[]
  timeDeltas: number[]
}
export function costOf(frame: CallFrame): string
export function selfTimes(profile: CpuProfile): Map<string, number>
export function startProfile(runs?: number, top?: number): {rows: Array<{cost: string; ms: number; share: number}>; runs: number; total: number}
export function printStartProfile(): void
