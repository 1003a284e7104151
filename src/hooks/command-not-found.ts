import type {Hook} from '@oclif/core'

import {editDistance} from '../checks/lib/closest.js'
import {EXIT} from '../errors.js'

// "Did you mean ...?" for a mistyped command, as gh and git print it: on a pipe and in CI too,
// never a prompt, and exit 2 like any other bad input.

/** The command closest to what was typed, when it reads as a typo of it. */
export function suggestCommand(typed: string, commands: string[]): string | undefined {
  const scored = commands
    .filter((c) => !c.includes(':') || typed.includes(':'))
    .map((name) => ({distance: name.startsWith(typed) && typed.length >= 2 ? 0 : editDistance(typed, name), name}))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
  const best = scored[0]
  return best && best.distance <= Math.min(2, Math.max(1, Math.floor(best.name.length / 3))) ? best.name : undefined
}

const hook: Hook<'command_not_found'> = async function (opts) {
  const visible = opts.config.commands.filter((c) => !c.hidden).flatMap((c) => [c.id, ...c.aliases])
  const typed = opts.id.replaceAll(':', ' ')
  const suggestion = suggestCommand(opts.id, visible)
  const hint = suggestion ? ` Did you mean "${suggestion.replaceAll(':', ' ')}"?` : ''
  this.error(`"${typed}" is not a ${opts.config.bin} command.${hint}\nRun ${opts.config.bin} --help for the list of commands.`, {exit: EXIT.usage})
}

export default hook
