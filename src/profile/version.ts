// Release numbers of the upstream app as they appear in image tags, StackVersion outputs and
// --app-version: `0.7.10`, `v0.7.10`, `0.7.10-20251107T164541Z` (a dev build of 0.7.10).

export interface Version {
  major: number
  minor: number
  patch: number
  text: string
}

/** The release a tag names, or undefined for `latest`, a digest, a branch name. */
export function parseVersion(text: string | undefined): Version | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+][\w.-]*)?$/.exec(text?.trim() ?? '')
  if (!m) return undefined
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return {major, minor, patch, text: `${major}.${minor}.${patch}`}
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [parseVersion(a), parseVersion(b)]
  if (!x || !y) throw new Error(`not a version: ${x ? b : a}`)
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch
}

/** Whether `version` is inside [since, before). */
export function within(version: string, bounds: {since?: string; before?: string}): boolean {
  if (bounds.since && compareVersions(version, bounds.since) < 0) return false
  if (bounds.before && compareVersions(version, bounds.before) >= 0) return false
  return true
}

/** The tag of an image reference (`repo:tag`, `repo:tag@sha256:...`), if it has one. */
export function imageTag(image: string | undefined): string | undefined {
  if (!image) return undefined
  const noDigest = image.split('@')[0] ?? ''
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1)
  const at = last.lastIndexOf(':')
  return at > 0 ? last.slice(at + 1) : undefined
}
