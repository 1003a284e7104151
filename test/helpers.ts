import {runCommand} from '@oclif/test'
import {fileURLToPath} from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const fixture = (path: string) => fileURLToPath(new URL(`fixtures/${path}`, import.meta.url))
export const example = (path: string) => fileURLToPath(new URL(`../examples/${path}`, import.meta.url))

export interface CommandRun {
  stdout: string
  stderr: string
  exitCode: number
}

/** Runs a bwops command in process, as a user would type it, with colour off. */
export async function bwops(args: string[]): Promise<CommandRun> {
  const before = process.env.NO_COLOR
  process.env.NO_COLOR = '1'
  try {
    const {error, stderr, stdout} = await runCommand(args, {root: ROOT})
    const exitCode = error ? ((error as {oclif?: {exit?: number}}).oclif?.exit ?? 1) : 0
    // the next step ("Try this: ...") is part of what the user reads, so tests can assert it too
    const next = ((error as {suggestions?: string[]} | undefined)?.suggestions ?? []).map((s) => `Try this: ${s}\n`).join('')
    return {exitCode, stderr: stderr + (error && exitCode !== 1 ? `${error.message}\n${next}` : ''), stdout}
  } finally {
    if (before === undefined) delete process.env.NO_COLOR
    else process.env.NO_COLOR = before
  }
}
