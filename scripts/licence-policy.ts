// The licence policy of bwops's production tree: every package a user installs with bwops must be
// under a permissive licence. GPL, AGPL, LGPL and SSPL fail, and so does a licence the policy does
// not know (missing, UNLICENSED, "SEE LICENSE IN ...", or an id not in the list below), since
// nobody has checked it. An SPDX expression passes when one OR branch passes with all its AND parts.

/** Permissive licences (SPDX ids) a package of the production tree may have. */
export const PERMISSIVE = new Set([
  '0BSD',
  'Apache-2.0',
  // npm itself (a dependency of @oclif/plugin-plugins): OSI-approved, no copyleft on users
  'Artistic-2.0',
  'BlueOak-1.0.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'CC-BY-3.0',
  'CC-BY-4.0',
  'CC0-1.0',
  'ISC',
  'MIT',
  'MIT-0',
  'Python-2.0',
  'Unlicense',
  'Zlib',
])

const COPYLEFT = /^(?:A|L)?GPL|^SSPL/i

// what older package.json files write instead of an SPDX id
const ALIASES: Record<string, string> = {'apache 2.0': 'Apache-2.0', 'apache2': 'Apache-2.0', 'apache-2': 'Apache-2.0', bsd: 'BSD-3-Clause', 'mit/x11': 'MIT'}

export type Verdict = {ok: true} | {ok: false; why: 'copyleft' | 'unknown'}

/** Judges a licence expression such as "MIT", "(MIT OR GPL-3.0)", "Apache-2.0 AND LGPL-2.1". */
export function judgeLicence(expression: string | undefined): Verdict {
  const text = expression?.trim()
  if (!text) return {ok: false, why: 'unknown'}
  let parsed: Node
  try {
    parsed = parse(text)
  } catch {
    return {ok: false, why: 'unknown'}
  }

  return evaluate(parsed)
}

type Node = {id: string} | {op: 'AND' | 'OR'; left: Node; right: Node}

function evaluate(node: Node): Verdict {
  if ('id' in node) {
    const id = ALIASES[node.id.toLowerCase()] ?? node.id
    if (COPYLEFT.test(id)) return {ok: false, why: 'copyleft'}
    return PERMISSIVE.has(id) ? {ok: true} : {ok: false, why: 'unknown'}
  }

  const [a, b] = [evaluate(node.left), evaluate(node.right)]
  if (node.op === 'OR') return a.ok ? a : b.ok ? b : a.why === 'copyleft' ? a : b
  if (!a.ok) return a
  return b
}

/** A small SPDX expression parser: ids (with an optional WITH exception), AND, OR, parentheses. */
function parse(text: string): Node {
  const tokens = text.match(/\(|\)|[^\s()]+/g) ?? []
  let at = 0
  const peek = () => tokens[at]
  const next = () => tokens[at++]
  const expr = (): Node => {
    let left = term()
    while (peek()?.toUpperCase() === 'OR') {
      next()
      left = {left, op: 'OR', right: term()}
    }

    return left
  }

  const term = (): Node => {
    let left = factor()
    while (peek()?.toUpperCase() === 'AND') {
      next()
      left = {left, op: 'AND', right: factor()}
    }

    return left
  }

  const factor = (): Node => {
    const token = next()
    if (token === '(') {
      const inner = expr()
      if (next() !== ')') throw new Error('unbalanced')
      return inner
    }

    if (!token || token === ')' || /^(AND|OR|WITH)$/i.test(token)) throw new Error('expected a licence')
    if (peek()?.toUpperCase() === 'WITH') {
      next()
      next()
    }

    // "Apache 2.0" and the like, written with a space by older packages
    if (peek() && /^\d/.test(peek() ?? '') && ALIASES[`${token} ${peek()}`.toLowerCase()]) return {id: `${token} ${next()}`}
    return {id: token}
  }

  const node = expr()
  if (at !== tokens.length) throw new Error('trailing tokens')
  return node
}

/** The licence a package.json states: `license` (SPDX), or the old `licenses` list (all apply). */
export function statedLicence(pkg: {license?: unknown; licenses?: unknown}): string | undefined {
  if (typeof pkg.license === 'string') return pkg.license
  if (pkg.license && typeof pkg.license === 'object' && typeof (pkg.license as {type?: unknown}).type === 'string') return (pkg.license as {type: string}).type
  if (Array.isArray(pkg.licenses)) {
    const types = pkg.licenses.map((l) => (typeof l === 'string' ? l : (l as {type?: unknown})?.type)).filter((t): t is string => typeof t === 'string')
    if (types.length > 0) return types.length === 1 ? types[0] : `(${types.join(' OR ')})`
  }

  return undefined
}

export interface PackageEntry {
  name: string
  version: string
  /** where it is installed, to read its package.json */
  path?: string
  license?: string
}

interface NpmLsNode {
  version?: string
  path?: string
  license?: unknown
  licenses?: unknown
  dependencies?: Record<string, NpmLsNode>
}

/** Every package of an `npm ls --all --json --long` tree, once per name and version. */
export function packagesOf(tree: NpmLsNode): PackageEntry[] {
  const seen = new Map<string, PackageEntry>()
  const walk = (node: NpmLsNode) => {
    for (const [name, dep] of Object.entries(node.dependencies ?? {})) {
      const key = `${name}@${dep.version ?? '?'}`
      const license = statedLicence(dep)
      if (!seen.has(key)) seen.set(key, {name, version: dep.version ?? '?', ...(dep.path ? {path: dep.path} : {}), ...(license ? {license} : {})})
      // npm ls prints a package's dependencies once, not always where it first appears: walk every copy
      walk(dep)
    }
  }

  walk(tree)
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version))
}
