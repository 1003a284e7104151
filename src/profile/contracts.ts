import type {Mode} from '../facts/types.js'
import {v05} from './lines/v0.5.js'
import {v06v07} from './lines/v0.6-v0.7.js'
import {v089, v08alb} from './lines/v0.8.js'
import type {EnvSpec, PermissionNeed, Profile, SecretKeySpec, SidecarSpec, VersionBounds} from './types.js'
import {parseVersion, within} from './version.js'

// The contracts of the upstream app, one per release line (docs/releases.md), and the two ways a
// profile is made of them: narrowed to one known release, or merged from the lines the evidence
// leaves open, keeping only what holds for every one of them.

export const RELEASE_LINES: readonly Profile[] = [v05, v06v07, v08alb, v089]

/** The newest release whose source bwops was checked against. A newer one is judged as `any`. */
export const NEWEST_KNOWN = '0.18.0'

/** The line a release belongs to; undefined before v0.5 or after the newest known minor release. */
export function lineOf(version: string): Profile | undefined {
  const v = parseVersion(version)
  const newest = parseVersion(NEWEST_KNOWN)!
  if (!v || v.major > newest.major || (v.major === newest.major && v.minor > newest.minor)) return undefined
  return RELEASE_LINES.find((line) => within(v.text, {before: line.release.before, since: line.release.from}))
}

const holds = (version: string) => (spec: VersionBounds) => within(version, spec)

/** A line's contract for one known release: facts bounded to other releases of the line dropped. */
export function narrow(line: Profile, version: string): Profile {
  const keep = holds(version)
  return {
    ...line,
    commonEnv: line.commonEnv.filter(keep),
    env: {legacy: line.env.legacy.filter(keep), 'secrets-only': line.env['secrets-only'].filter(keep)},
    release: {...line.release, version},
    secret: {...line.secret, keys: line.secret.keys.filter(keep), optionalKeys: line.secret.optionalKeys.filter(keep)},
    sidecars: line.sidecars.filter(keep),
  }
}

/** A fact bounded inside its line is not required when the release is not known. */
function loosen<T extends VersionBounds & {required: boolean}>(spec: T): T {
  return spec.since || spec.before ? {...spec, required: false} : spec
}

function unionBy<T>(lists: T[][], key: (t: T) => string): T[] {
  const seen = new Map<string, T>()
  for (const item of lists.flat()) if (!seen.has(key(item))) seen.set(key(item), item)
  return [...seen.values()]
}

/** Specs by name: required only where every list requires it. */
function mergeSpecs<T extends VersionBounds & {name: string; required: boolean}>(lists: T[][]): T[] {
  const loose = lists.map((list) => list.map(loosen))
  return unionBy(loose, (s) => s.name).map((spec) => ({
    ...spec,
    required: loose.every((list) => list.some((s) => s.name === spec.name && s.required)),
  }))
}

function needKey(n: PermissionNeed): string {
  return `${n.resource} ${[...n.actions].sort().join(',')}`
}

/**
 * What holds for every line given: a variable or key required only where all require it, a
 * permission needed only where all need it, every port and load balancer any of them uses.
 */
export function merge(lines: readonly Profile[]): Profile {
  if (lines.length === 1) {
    const only = lines[0]!
    return {
      ...only,
      commonEnv: only.commonEnv.map(loosen),
      env: {legacy: only.env.legacy.map(loosen), 'secrets-only': only.env['secrets-only'].map(loosen)},
      secret: {...only.secret, keys: only.secret.keys.filter((k) => !k.since && !k.before), optionalKeys: mergeSpecs([only.secret.optionalKeys, only.secret.keys.filter((k) => k.since || k.before)]).map((k) => ({...k, required: false}))},
    }
  }

  const envOf = (mode: Mode) => mergeSpecs(lines.filter((l) => l.env[mode].length > 0).map((l) => l.env[mode]))
  const requiredKeys = mergeSpecs(lines.map((l) => l.secret.keys)).filter((k) => k.required)
  const optionalKeys: SecretKeySpec[] = unionBy(lines.map((l) => [...l.secret.keys, ...l.secret.optionalKeys]), (k) => k.name)
    .filter((k) => !requiredKeys.some((r) => r.name === k.name))
    .map((k) => ({...k, required: false}))
  const needs = (kind: 'task' | 'execution') => lines[0]!.permissions[kind].filter((n) => lines.every((l) => l.permissions[kind].some((m) => needKey(m) === needKey(n))))
  const outputs = lines.every((l) => l.quiltStackOutputs.required.length > 0) ? lines[0]!.quiltStackOutputs : {catalog: [], required: []}
  const ports = [...new Set(lines.flatMap((l) => l.ports))].sort((a, b) => a - b)
  const first = lines[0]!
  const last = lines.at(-1)!
  const messages = [...new Set(lines.flatMap((l) => Object.values(l.missingConfigMessage)))]
  return {
    ...first,
    commonEnv: mergeSpecs(lines.map((l) => l.commonEnv)).map((s) => ({...s, required: false})),
    env: {legacy: envOf('legacy'), 'secrets-only': envOf('secrets-only')},
    health: {
      ...first.health,
      loadBalancers: [...new Set(lines.flatMap((l) => l.health.loadBalancers))],
      paths: first.health.paths.filter((p) => lines.every((l) => l.health.paths.includes(p))),
      targetGroupPaths: first.health.targetGroupPaths.filter((p) => lines.every((l) => l.health.targetGroupPaths.includes(p))),
    },
    missingConfigMessage: {legacy: messages.join('" or "'), 'secrets-only': messages.join('" or "')},
    names: {...first.names, port: ports[0]!},
    permissions: {execution: needs('execution'), task: needs('task')},
    ports,
    quiltStackOutputs: outputs,
    release: {
      before: last.release.before,
      cites: {},
      from: first.release.from,
      line: lines.length === RELEASE_LINES.length ? 'any' : last.release.before ? `v${first.release.from} to v${last.release.before} (exclusive)` : `v${first.release.from}+`,
      modes: [...new Set(lines.flatMap((l) => l.release.modes))],
      title: lines.length === RELEASE_LINES.length ? 'release not known: only the rules every release line shares' : `release not known, one of ${lines.map((l) => l.release.line).join(', ')}: only the rules they share`,
    },
    secret: {...first.secret, keys: requiredKeys.map((k) => ({...k, required: true})), optionalKeys},
    sidecars: unionBy<SidecarSpec>(lines.map((l) => l.sidecars), (s) => s.name),
  }
}

/** The contract for a known release, or for `any` release when it is not known or too new. */
export function contractFor(version: string | undefined): Profile {
  const line = version === undefined ? undefined : lineOf(version)
  return line && version ? narrow(line, parseVersion(version)!.text) : merge(RELEASE_LINES)
}
