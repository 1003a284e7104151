// "Did you mean ...?" for variable and key names.

/** Levenshtein distance: insertions, deletions and substitutions, each costing one. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
    }

    previous = current
  }

  return previous[b.length]!
}

/**
 * How far a name may be from an expected one and still read as a typo of it. Short names get
 * less room, or HOST would read as a misspelt PORT.
 */
export function allowedDistance(name: string): number {
  if (name.length >= 8) return 2
  if (name.length >= 5) return 1
  return 0
}

export interface Closest {
  name: string
  distance: number
  /** the names differ only in letter case (Quiltstackarn for QuiltStackARN) */
  caseOnly: boolean
}

/**
 * The candidate nearest to `name`, when it is near enough to be a typo of it: equal but for
 * letter case, or within allowedDistance(). An exact match is not a typo and returns nothing.
 */
export function closestName(name: string, candidates: Iterable<string>, maxDistance = allowedDistance(name)): Closest | undefined {
  let best: Closest | undefined
  for (const candidate of candidates) {
    if (candidate === name) return undefined
    if (candidate.toLowerCase() === name.toLowerCase()) return {caseOnly: true, distance: 0, name: candidate}
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase())
    if (distance <= maxDistance && (!best || distance < best.distance)) best = {caseOnly: false, distance, name: candidate}
  }

  return best
}
