import {servedContainer} from '../checks/lib/served-container.js'
import {describeDeployTime} from '../facts/deploy-time.js'
import type {TaskDefinition} from '../facts/types.js'
import {contractFor, lineOf, merge, NEWEST_KNOWN, RELEASE_LINES} from './contracts.js'
import type {Profile} from './types.js'
import {compareVersions, imageTag, parseVersion} from './version.js'

// Which release's rules judge a deployment: from --app-version, else the webhook image's tag, the
// version the stack records (BENCHLING_WEBHOOK_VERSION, a StackVersion output, an ImageTag
// parameter), else the variables the container carries, which leave one line or several open.

export interface ReleaseFact {
  /** the line whose rules apply, `any` when none could be told */
  line: string
  title: string
  /** the release, when known */
  version?: string
  /** the lines left open when the release is not known (their shared rules apply) */
  candidates: string[]
  /** false when the user said --app-version */
  inferred: boolean
  /** what told it, in a few words: `image tag`, `StackVersion output`, `variables`, `--app-version` */
  from: string
  why: string
}

export interface ReleaseEvidence {
  /** --app-version */
  flag?: string
  taskDefinition?: TaskDefinition
  /** a version a stack or template records, with where: `StackVersion output`, `ImageTag parameter` */
  declared?: {value: string; where: string}
  /** the profile whose names tell the webhook container (the same at every release) */
  base: Profile
}

// Variables only one family of lines sets (docs/releases.md)
const FAMILIES: Array<{names: string[]; lines: string[]; what: string}> = [
  {lines: ['v0.5'], names: ['QUILT_USER_BUCKET', 'QUEUE_ARN', 'QUEUE_URL', 'SQS_QUEUE_URL', 'BENCHLING_TENANT', 'QUILT_CATALOG', 'QUILT_DATABASE'], what: 'legacy variables'},
  {lines: ['v0.6-v0.7'], names: ['QuiltStackARN'], what: 'QuiltStackARN, read at run time until v0.7'},
  {lines: ['v0.8.0-v0.8.8', 'v0.8.9+'], names: ['QUILT_WEB_HOST', 'ATHENA_USER_DATABASE', 'PACKAGER_SQS_URL'], what: 'the Quilt values resolved at deploy time (v0.8 on)'},
  {lines: ['v0.6-v0.7', 'v0.8.0-v0.8.8', 'v0.8.9+'], names: ['BenchlingSecret'], what: 'BenchlingSecret (v0.6 on)'},
]

function fromVersion(text: string, inferred: boolean, where: string, from: string): ReleaseFact | undefined {
  const v = parseVersion(text)
  if (!v) return undefined
  const line = lineOf(v.text)
  if (!line) {
    const newer = compareVersions(v.text, NEWEST_KNOWN) > 0
    const why = `${where} says ${v.text}, ${newer ? `newer than ${NEWEST_KNOWN}, the newest release bwops knows` : 'older than 0.5.0, the oldest release bwops knows'}: only the rules every release line shares apply`
    return {candidates: RELEASE_LINES.map((l) => l.release.line), from, inferred, line: 'any', title: contractFor(undefined).release.title, version: v.text, why}
  }

  return {candidates: [line.release.line], from, inferred, line: line.release.line, title: line.release.title, version: v.text, why: `${where} says ${v.text}`}
}

/** Which release line's rules apply, and why (contractOf gives its profile). */
export function chooseRelease(e: ReleaseEvidence): ReleaseFact {
  if (e.flag !== undefined) {
    const chosen = fromVersion(e.flag, false, '--app-version', '--app-version')
    if (chosen) return chosen
  }

  const container = e.taskDefinition ? servedContainer(e.taskDefinition, e.base)?.container : undefined
  const tag = imageTag(container?.image)
  const byImage = tag ? fromVersion(tag, true, `the image ${describeDeployTime(container?.image ?? '')}`, 'image tag') : undefined
  if (byImage) return byImage
  const recorded = container?.environment.find((x) => x.name === 'BENCHLING_WEBHOOK_VERSION')?.value
  const byEnv = recorded ? fromVersion(recorded, true, `BENCHLING_WEBHOOK_VERSION of container ${container?.name}`, 'BENCHLING_WEBHOOK_VERSION') : undefined
  if (byEnv) return byEnv
  const byDeclared = e.declared ? fromVersion(e.declared.value, true, `the ${e.declared.where}`, e.declared.where.replace(/ of stack .*/, '')) : undefined
  if (byDeclared) return byDeclared

  const names = new Set([...(container?.environment ?? []).map((x) => x.name), ...(container?.secrets ?? []).map((x) => x.name)])
  const seen = FAMILIES.filter((f) => f.names.some((n) => names.has(n)))
  // the most specific family the variables show; several that disagree leave all of theirs open
  const specific = seen.filter((f) => !seen.some((g) => g !== f && g.lines.length < f.lines.length && g.lines.every((l) => f.lines.includes(l))))
  const open = specific.length > 0 ? [...new Set(specific.flatMap((f) => f.lines))] : RELEASE_LINES.map((l) => l.release.line)
  const lines = RELEASE_LINES.filter((l) => open.includes(l.release.line))
  const profile = merge(lines)
  const unknownTag = tag ? `the image tag "${tag}" names no release` : container?.image ? `the image ${describeDeployTime(container.image)} has no tag` : 'no image is known'
  const why = specific.length > 0
    ? `${unknownTag}; the container carries ${specific.map((f) => f.what).join(' and ')}${lines.length > 1 ? ', which several lines share' : ''}`
    : `${unknownTag}, and the variables do not tell the line`
  return {candidates: open, from: specific.length > 0 ? 'variables' : 'nothing', inferred: true, line: profile.release.line, title: profile.release.title, why}
}

/** The contract a recorded release fact stands for (a bundle keeps the fact, not the profile). */
export function contractOf(fact: ReleaseFact): Profile {
  if (fact.version && fact.line !== 'any') return contractFor(fact.version)
  const lines = RELEASE_LINES.filter((l) => fact.candidates.includes(l.release.line))
  return merge(lines.length > 0 ? lines : RELEASE_LINES)
}
