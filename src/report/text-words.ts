import type {CheckStatus} from '../checks/engine.js'
import type {Layer} from '../diagnosis/types.js'
import type {ReleaseFact} from '../profile/select.js'

/** How a chain step is introduced: where the evidence comes from. */
export const LAYER: Record<Layer, string> = {configuration: 'configuration', ecs: 'ECS', log: 'app log'}

export const MARK: Record<CheckStatus, string> = {crashed: '!', failed: '✖', passed: '✔', skipped: '-', warning: '▲'}

/** Words wrapped at `width`, each line after the first indented by `indent`. */
export function wrap(text: string, width: number, first: string, indent: string): string[] {
  const words = text.split(/\s+/).filter(Boolean)
  const lines: string[] = []
  let line = first
  let empty = true
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line)
      // a word too long for an indented line (an ARN) goes unindented rather than past the width
      line = indent.length + word.length > width ? '' : indent
      empty = true
    }

    line += `${empty ? '' : ' '}${word}`
    empty = false
  }

  if (!empty || lines.length === 0) lines.push(line)
  return lines
}

/** One line, cut at `width` with an ellipsis. */
export function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text
}

/** Which release's rules judged the deployment, in a few words for a report's first line. */
export function releaseWords(release: ReleaseFact | undefined): string | undefined {
  if (!release) return undefined
  if (release.line === 'any') return `release ${release.version ? `${release.version} (not known to bwops)` : 'not known'} · rules every release shares`
  if (release.candidates.length > 1 || !release.version) return `release not known · rules ${release.candidates.join(', ')} share (${release.from})`
  return `${release.version} · ${release.line} rules (${release.from})`
}
