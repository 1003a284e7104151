import {classifyLogLines, signaturesFor} from '../catalogue/log-signatures.js'
import type {Profile} from '../profile/types.js'
import type {LogMatch} from './types.js'

// The probe explains a container's log with the shared catalogue, the same signatures doctor
// applies to CloudWatch logs, so a crash reads alike on a laptop and on ECS.

/**
 * Known failures in the log, the latest first: the last error a container prints is the one it
 * died of. A signature explains one line only once (its latest).
 */
export function classifyProbeLogs(lines: string[], profile: Profile): LogMatch[] {
  const seen = new Set<string>()
  const out: LogMatch[] = []
  for (const m of classifyLogLines(lines, signaturesFor(profile.logSignatures)).reverse()) {
    if (seen.has(m.id)) continue
    seen.add(m.id)
    out.push({cause: m.cause, fix: m.fix, id: m.id, line: m.line, title: m.title})
  }

  return out
}
