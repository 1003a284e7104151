import {expect} from 'vitest'

// Every secret the security fixtures plant holds the word PLANTED, whatever its shape (an AWS key id
// AKIAPLANTED..., a token ghp_PLANTED..., a JWT ...PLANTED09signature, a PEM body), so one search
// finds any that got out. Non-secret values (names, ARNs) never hold it.
const LEAK = /[\w/+=-]*PLANTED[\w/+=-]*/g

/** The planted values a text shows, for a failure message that names them. */
export function leaks(text: string): string[] {
  return [...new Set(text.match(LEAK) ?? [])]
}

export function expectNoLeak(text: string, where = 'output'): void {
  expect(leaks(text), `planted secrets in ${where}`).toEqual([])
}

export const FORMATS = ['text', 'json', 'junit', 'markdown', 'github'] as const
