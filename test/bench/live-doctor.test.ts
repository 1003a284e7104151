import {describe, expect, it} from 'vitest'

import {formatBench, runLiveBench} from '../../bench/live-doctor.js'

describe('live doctor benchmark', () => {
  it('runs within 3x of its longest chain of dependent calls, far below the sum of all calls', async () => {
    const result = await runLiveBench(40)
    console.log(formatBench(result))
    expect(result.bounded.calls).toBeGreaterThan(20)
    expect(result.chainCalls).toBeLessThan(result.bounded.calls / 2)
    expect(result.ratio).toBeLessThanOrEqual(3)
    expect(result.bounded.wallMs).toBeLessThan(result.bounded.latencySumMs / 2)
  })
})
