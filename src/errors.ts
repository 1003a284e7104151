// Two kinds of error: one the user can fix (a clear message, what to do next, exit 2), and one that
// is a bug in bwops. Anything unknown becomes the bug kind at the top, in the command base.

export const EXIT = {
  /** no error findings */
  ok: 0,
  /** error findings (or warnings with --strict), or a failed deployment */
  findings: 1,
  /** bwops could not do its job: bad flags, unreadable or malformed input, no credentials */
  usage: 2,
} as const

export class UserError extends Error {
  readonly exitCode: number

  constructor(
    message: string,
    readonly next?: string,
    exitCode: number = EXIT.usage,
  ) {
    super(message)
    this.name = 'UserError'
    this.exitCode = exitCode
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
