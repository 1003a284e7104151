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
    return {exitCode, stderr: stderr + (error && exitCode !== 1 ? `${error.message}\n` : ''), stdout}
  } finally {
    if (before === undefined) delete process.env.NO_COLOR
    else process.env.NO_COLOR = before
  }
}
