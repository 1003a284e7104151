import {describe, expect, test} from 'vitest'

import {isFargateSize, nextFargateMemory} from '../../src/catalogue/fargate-sizes.js'

describe('Fargate task sizes', () => {
  test.each([
    [256, 512, {cpu: 256, memory: 1024}],
    [256, 2048, {cpu: 512, memory: 3072}],
    [512, 1024, {cpu: 512, memory: 2048}],
    [1024, 8192, {cpu: 2048, memory: 9216}],
    [8192, 16_384, {cpu: 8192, memory: 20_480}],
    [16_384, 122_880, undefined],
  ])('after cpu %i / %i MiB: %o', (cpu, memory, next) => {
    expect(nextFargateMemory(cpu, memory)).toEqual(next)
  })

  test('valid and invalid pairs', () => {
    expect(isFargateSize(256, 512)).toBe(true)
    expect(isFargateSize(256, 4096)).toBe(false)
    expect(isFargateSize(4096, 30_720)).toBe(true)
  })
})
