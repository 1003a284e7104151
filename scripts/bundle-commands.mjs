// Bundles what a run loads, in place, so a cold start reads a few files (docs/architecture.md):
// - dist/oclif-entry.js, bin/run.js's entry: @oclif/core (about 470 CommonJS files in node_modules)
//   in one file, its modules made to load what they use on first use (oclif-shims.mjs);
// - each command and hook oclif loads (dist/commands/*.js, dist/hooks/*.js) with the modules of
//   bwops it imports in one file, built on its own so that a run of `doctor` does not load the
//   small chunks esbuild would share between commands; what a command imports dynamically (the
//   live doctor, the Docker probe) goes to dist/chunks/ and loads only when used. They import
//   @oclif/core from dist/oclif-entry.js: one copy of oclif (its settings and caches) per process.
// - dist/vendor/yaml.cjs: the YAML parser in one file, required on first use (src/facts/yaml-lib.ts).
// - dist/THIRD_PARTY_LICENSES.txt: the licence notices of the packages bundled above.
// The other npm packages stay external: the AWS SDK, Docker's client and ajv load only when a run
// needs them, and plugins share node_modules. dist/index.js, the package entry plugins import,
// stays as tsc wrote it.
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {build} from 'esbuild'

import {OCLIF_BANNER, OCLIF_EXTERNAL, oclifShims} from './oclif-shims.mjs'
import {bundledPackages, noticesText} from './third-party-notices.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = join(root, 'dist')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const entries = ['commands', 'hooks'].flatMap((dir) => readdirSync(join(dist, dir)).filter((f) => f.endsWith('.js')).map((f) => join(dist, dir, f)))

// oclif's CommonJS code expects require and __dirname inside an ES module
const banner = [
  "import {createRequire as __bwopsRequire} from 'node:module';",
  "import {dirname as __bwopsDirname} from 'node:path';",
  "import {fileURLToPath as __bwopsPath} from 'node:url';",
  'const require = __bwopsRequire(import.meta.url);',
  'const __filename = __bwopsPath(import.meta.url);',
  'const __dirname = __bwopsDirname(__filename);',
].join(' ')

/** What every build shares: ESM for Node 20, minified (smaller files parse faster; names are kept). */
const common = {
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  logLevel: 'warning',
  metafile: true,
  minifySyntax: true,
  minifyWhitespace: true,
  outbase: dist,
  outdir: dist,
  platform: 'node',
  target: 'node20',
}
// the packages bwops depends on, except the small ones every command uses (chalk)
const external = Object.keys(pkg.dependencies).filter((d) => d !== '@oclif/core' && d !== 'chalk')

/** A command or hook imports @oclif/core from the entry (both are one level under dist/). */
const sharedOclif = {
  name: 'shared-oclif',
  setup(b) {
    b.onResolve({filter: /^@oclif\/core$/}, () => ({external: true, path: '../oclif-entry.js'}))
  },
}

const results = [
  await build({
    ...common,
    banner: {js: `${banner} ${OCLIF_BANNER}`},
    entryPoints: [join(dist, 'oclif-entry.js')],
    external: [...external, ...OCLIF_EXTERNAL],
    plugins: [oclifShims()],
  }),
]
// the YAML parser, loaded only for YAML inputs and located reports (src/facts/yaml-lib.ts): one
// file instead of ~70, its licence at its head
const yamlEntry = createRequire(import.meta.url).resolve('yaml')
const yamlRoot = join(dirname(yamlEntry), '..')
const yamlPkg = JSON.parse(readFileSync(join(yamlRoot, 'package.json'), 'utf8'))
results.push(await build({
  ...common,
  banner: {js: `/*! ${yamlPkg.name} ${yamlPkg.version} (${yamlPkg.license}), bundled from node_modules\n${readFileSync(join(yamlRoot, 'LICENSE'), 'utf8').replaceAll('*/', '* /')}*/`},
  entryPoints: {'vendor/yaml': yamlEntry},
  format: 'cjs',
  outExtension: {'.js': '.cjs'},
}))
// one build per entry, one after the other (each rewrites its own entry file in place)
for (const entry of entries) {
  results.push(await build({
    ...common,
    chunkNames: 'chunks/[name]-[hash]',
    entryPoints: [entry],
    external,
    plugins: [sharedOclif],
    splitting: true,
  }))
}

// the licence notices of every npm package whose code is now inside dist/
const inputs = results.flatMap((r) => Object.keys(r.metafile.inputs))
writeFileSync(join(dist, 'THIRD_PARTY_LICENSES.txt'), noticesText(bundledPackages(inputs, root)))

if (process.env.BWOPS_BUNDLE_META) {
  const outputs = Object.assign({}, ...results.map((r) => r.metafile.outputs))
  writeFileSync(process.env.BWOPS_BUNDLE_META, JSON.stringify({outputs}))
}
