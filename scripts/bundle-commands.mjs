// Bundles what a run loads, in place: bin/run.js's entry (dist/oclif-entry.js), each command and hook
// oclif loads (dist/commands/*.js, dist/hooks/*.js), with the modules of bwops they import and
// @oclif/core (about 470 CommonJS files when loaded from node_modules) in shared chunks
// (dist/chunks/), so a cold start reads a few files. The other npm packages stay external: the AWS
// SDK, Docker's client, ajv and yaml load only when a run needs them, and plugins share
// node_modules. dist/index.js, the package entry plugins import, stays as tsc wrote it.
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {build} from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = join(root, 'dist')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const entries = [
  join(dist, 'oclif-entry.js'),
  ...['commands', 'hooks'].flatMap((dir) => readdirSync(join(dist, dir)).filter((f) => f.endsWith('.js')).map((f) => join(dist, dir, f))),
]

// @oclif/core is CommonJS: give its code the require and __dirname it expects inside an ES module
// what @oclif/core requires only for some runs (a spinner, help templates, wide characters): left
// in node_modules, loaded when needed, not parsed on every start
const LAZY = ['cli-spinners', 'ejs', 'emoji-regex', 'string-width', 'widest-line', 'wrap-ansi', 'color-convert']

const banner = [
  "import {createRequire as __bwopsRequire} from 'node:module';",
  "import {dirname as __bwopsDirname} from 'node:path';",
  "import {fileURLToPath as __bwopsPath} from 'node:url';",
  'const require = __bwopsRequire(import.meta.url);',
  'const __filename = __bwopsPath(import.meta.url);',
  'const __dirname = __bwopsDirname(__filename);',
].join(' ')

const result = await build({
  metafile: Boolean(process.env.BWOPS_BUNDLE_META),
  allowOverwrite: true,
  banner: {js: banner},
  bundle: true,
  chunkNames: 'chunks/[name]-[hash]',
  entryPoints: entries,
  // the packages bwops depends on, except @oclif/core; and what @oclif/core loads only for
  // TypeScript plugins in development
  external: [...Object.keys(pkg.dependencies).filter((d) => d !== '@oclif/core'), 'typescript', 'ts-node', 'tsx', 'tsx/*', ...LAZY],
  format: 'esm',
  logLevel: 'warning',
  // smaller files parse faster; names are kept, so stack traces still read
  minifySyntax: true,
  minifyWhitespace: true,
  outbase: dist,
  outdir: dist,
  platform: 'node',
  splitting: true,
  target: 'node20',
})
if (process.env.BWOPS_BUNDLE_META) (await import('node:fs')).writeFileSync(process.env.BWOPS_BUNDLE_META, JSON.stringify(result.metafile))
