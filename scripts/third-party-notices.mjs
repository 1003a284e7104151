// The licence notices of the npm packages whose code the build copies into dist/ (esbuild bundles
// @oclif/core, its dependencies, chalk and yaml into bwops's own files). MIT, ISC and BSD ask that
// their copyright and permission notice go with every copy, so dist/THIRD_PARTY_LICENSES.txt holds
// each bundled package's name, version, licence and licence text, read from its own install.
import {readdirSync, readFileSync} from 'node:fs'
import {join, sep} from 'node:path'

/** The package directory an input file belongs to: the part of its path up to its last node_modules/<name>. */
export function packageDirOf(file) {
  const parts = file.split(/[\\/]/)
  const at = parts.lastIndexOf('node_modules')
  if (at < 0) return undefined
  const width = parts[at + 1]?.startsWith('@') ? 3 : 2
  return parts.slice(0, at + width).join(sep)
}

/** The packages behind esbuild's metafile inputs (paths relative to `root`), sorted by name. */
export function bundledPackages(inputs, root) {
  const dirs = new Set(inputs.map((file) => packageDirOf(file)).filter(Boolean))
  const packages = [...dirs].map((dir) => {
    const abs = join(root, dir)
    const pkg = JSON.parse(readFileSync(join(abs, 'package.json'), 'utf8'))
    const licenceFile = readdirSync(abs).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f))
    return {licence: pkg.license ?? 'UNKNOWN', name: pkg.name, text: licenceFile ? readFileSync(join(abs, licenceFile), 'utf8').trim() : undefined, version: pkg.version}
  })
  // one entry per name and version: a package installed twice at one version is one notice
  const unique = new Map(packages.map((p) => [`${p.name}@${p.version}`, p]))
  return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version))
}

/** The notices file's text. */
export function noticesText(packages) {
  const head = 'Third-party software bundled into this directory by the build (scripts/bundle-commands.mjs), with the licence each is used under.\n'
  const blocks = packages.map((p) => `${p.name} ${p.version} (${p.licence})\n\n${p.text ?? `The package holds no licence file; its package.json says: ${p.licence}.`}\n`)
  return [head, ...blocks].join(`\n${'-'.repeat(78)}\n\n`)
}

