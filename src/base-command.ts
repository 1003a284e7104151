import {Command, Errors} from '@oclif/core'

import {UnknownCheckError} from './checks/engine.js'
import {asAwsCallError, awsUserError} from './aws/errors.js'
import {isUserError, messageOf} from './errors.js'
import {createProgress, type Progress, progressMode} from './progress/progress.js'

/**
 * Every bwops command: an error the user can fix prints its message and next step and exits 2;
 * anything else is a bug, said as one, also without a stack trace (set DEBUG=* to see it).
 */
export abstract class BwopsCommand extends Command {
  /** What the command waits on, on stderr: a spinner on a terminal, nothing on a pipe or in CI unless --progress. */
  protected progress(asked: boolean | undefined): Progress {
    return createProgress(process.stderr, progressMode(process.stderr, asked))
  }

  protected override async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    // a flag or argument error says what is wrong; oclif would follow it with the whole help, so
    // it is cut to a pointer to --help, as gh and kubectl do
    if ('parse' in error && error instanceof Errors.CLIError) {
      const said = error.message.replace(/\n\s*See more help with --help\s*$/, '').trim()
      this.error(said, {exit: 2, suggestions: [`Run ${this.config.bin} ${(this.id ?? '').replaceAll(':', ' ')} --help for its flags and examples.`]})
    }

    if (error instanceof Errors.ExitError || error.oclif?.exit !== undefined) throw error
    // oclif's own other errors already say what is wrong
    if (error instanceof Errors.CLIError) this.error(error.message, {exit: 2})
    // a flag's own parse that throws (a file flag naming a directory) comes wrapped as a plain
    // Error "Parsing --flag ...": a usage error too, not a bug
    if (/^Parsing --[\w-]+ /.test(error.message)) this.error(error.message.replaceAll(/\s*\n\s*/g, ' '), {exit: 2})
    if (isUserError(error)) {
      this.error(error.message, {exit: error.exitCode, ...(error.next ? {suggestions: [error.next]} : {})})
    }

    // an AWS error no service turned into a message of its own: still the user's to fix, never a bug
    const aws = asAwsCallError(error)
    if (aws) {
      const said = awsUserError(aws, `finish bwops ${(this.id ?? '').replaceAll(':', ' ')}`)
      this.error(said.message, {exit: 2, ...(said.next ? {suggestions: [said.next]} : {})})
    }

    if (error instanceof UnknownCheckError) {
      this.error(error.message, {exit: 2, suggestions: ['Run `bwops checks` to list the checks.']})
    }

    if (process.env.DEBUG) this.logToStderr(error.stack ?? String(error))
    this.error(`bwops failed unexpectedly: ${messageOf(error)}`, {
      exit: 2,
      suggestions: ['This is a bug in bwops. Run again with DEBUG=* for details and report it with the command you ran.'],
    })
  }
}
