// The live doctor against a mocked account whose every call answers after a fixed delay (50 ms by
// default), to show that gathering facts runs in parallel: wall time close to the longest chain of
// dependent calls, far below the sum of all calls.
//
// The longest chain is measured, not guessed: the same run with no bound on calls in flight takes
// (chain length x delay), since then only dependencies make a call wait. The bounded run (16 at a
// time, as bwops runs) is then compared with it. Goal: bounded wall time <= 3 x the chain.
//
// Run: compile with the project (tsc -p tsconfig.json --outDir dist-bench) and
// `node dist-bench/bench/live-doctor.js [delayMs]`, or through test/bench/live-doctor.test.ts.
import {pathToFileURL} from 'node:url'

import {DEFAULT_CONCURRENCY} from '../src/aws/clients.js'
import {builtinChecks} from '../src/checks/index.js'
import {benchlingWebhookProfile as profile} from '../src/profile/benchling-webhook.js'
import {runDoctor} from '../src/services/doctor.js'
import {liveDoctorSources} from '../src/services/live-doctor.js'
import {mockAccount} from '../test/fixtures/aws/account.js'

export interface BenchRun {
  wallMs: number
  calls: number
  latencySumMs: number
  findings: number
}

export interface BenchResult {
  delayMs: number
  concurrency: number
  bounded: BenchRun
  /** the longest chain of dependent calls, in calls and in time */
  chainCalls: number
  chainMs: number
  /** bounded wall time / chain time: the goal is <= 3 */
  ratio: number
}

async function once(delayMs: number, concurrency: number, stoppedTasks: number): Promise<BenchRun> {
  const {clients} = mockAccount({delayMs, stoppedTasks})
  const started = performance.now()
  const live = await liveDoctorSources({region: 'us-east-1'}, profile, {clients, concurrency})
  const {report} = await runDoctor({extraSources: live.sources}, {checks: builtinChecks, profile})
  const wallMs = performance.now() - started
  return {calls: live.calls.total, findings: report.findings.length, latencySumMs: live.calls.latencySum, wallMs}
}

export async function runLiveBench(delayMs = 50, concurrency = DEFAULT_CONCURRENCY, stoppedTasks = 12): Promise<BenchResult> {
  // warm up (module loading, the SDK's first-use set-up) so neither measured run pays for it
  await once(0, concurrency, stoppedTasks)
  // the best of a few runs each: a busy machine only ever adds time
  const best = async (limit: number) => {
    const runs = [await once(delayMs, limit, stoppedTasks), await once(delayMs, limit, stoppedTasks)]
    return runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a))
  }

  const unbounded = await best(Number.POSITIVE_INFINITY)
  const bounded = await best(concurrency)
  const chainCalls = Math.round(unbounded.wallMs / delayMs)
  const chainMs = chainCalls * delayMs
  return {bounded, chainCalls, chainMs, concurrency, delayMs, ratio: bounded.wallMs / chainMs}
}

export function formatBench(r: BenchResult): string {
  const ms = (n: number) => `${Math.round(n)} ms`
  return [
    `live doctor, mocked account, ${r.delayMs} ms per call, ${r.concurrency} calls in flight`,
    `  wall time            ${ms(r.bounded.wallMs)}`,
    `  AWS calls            ${r.bounded.calls}`,
    `  sum of call latency  ${ms(r.bounded.latencySumMs)}`,
    `  longest chain        ${r.chainCalls} calls, ${ms(r.chainMs)}`,
    `  wall / chain         ${r.ratio.toFixed(2)} (goal <= 3)`,
    `  findings             ${r.bounded.findings}`,
  ].join('\n')
}

export async function main(delayMs = 50): Promise<void> {
  const result = await runLiveBench(delayMs)
  console.log(formatBench(result))
  if (result.ratio > 3) process.exitCode = 1
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(Number(process.argv[2] ?? 50))
