// How @oclif/core is bundled into dist/oclif-entry.js (scripts/bundle-commands.mjs): what a start
// of bwops does not use is not loaded, and what oclif always ran but bwops does not need is cheaper.
// Each edit names the text it replaces and the build fails when oclif's code no longer has it, so
// an update of @oclif/core cannot silently undo or break one.
import {readFile} from 'node:fs/promises'

import {lazyRequires} from './lazy-require.mjs'

// Packages oclif requires for some runs only (help and its templates, spinners, globbing commands
// without a manifest, package.json files without an oclif section, debug output, TypeScript
// plugins in development): not bundled, required from @oclif/core's own location when first used,
// so the version oclif's install resolves is the one it gets.
export const OCLIF_LAZY = ['cli-spinners', 'debug', 'ejs', 'lilconfig', 'minimatch', 'semver', 'string-width', 'tinyglobby', 'widest-line', 'wrap-ansi']
export const OCLIF_EXTERNAL = ['typescript', 'ts-node', 'tsx', 'tsx/*', 'wsl-utils']

const OCLIF_LIB = /[\\/]node_modules[\\/]@oclif[\\/]core[\\/]lib[\\/].*\.js$/

/** Text edits per file of @oclif/core/lib, each [why, find, replace]. */
const EDITS = {
  'index.js': [
    // it checks Node against the package.json one directory above the bundle (bwops's own, whose
    // engines bin/run.js's checkNodeSupport stands for) and loads semver on every start to do so
    ['no engine check from the bundle', '\ncheckNodeVersion();\n', '\n'],
  ],
  'logger.js': [
    // debug is off unless DEBUG is set when it loads (it reads DEBUG once, and nothing in the
    // bundle enables it later): without DEBUG, oclif's loggers are no-ops and debug is not loaded
    ['debug only with DEBUG', 'const debug_1 = __importDefault(require("debug"));',
      'const debug_1 = {default: process.env.DEBUG ? require("debug") : __bwopsNoDebug};\n' +
      'function __bwopsNoDebug(namespace) { const d = () => {}; d.enabled = false; d.namespace = namespace; d.extend = (ns, del = ":") => __bwopsNoDebug(namespace + del + ns); return d; }'],
  ],
  'config/plugin-loader.js': [
    // plugins are named, not matched by glob: a name without glob characters matches itself
    ['minimatch only for globs', '(0, minimatch_1.minimatch)(p, w)', '(/[*?[\\]{}()!#\\\\]/.test(w) ? (0, minimatch_1.minimatch)(p, w) : p === w)'],
  ],
  'errors/handle.js': [
    // an exit code (this.exit(1) after a FAILED report) is not printed, but was formatted anyway,
    // which loads wrap-ansi, string-width and their packages on every run that exits non-zero
    ['format only what is printed', 'const pretty = (0, pretty_print_1.default)(err);', 'const pretty = shouldPrint ? (0, pretty_print_1.default)(err) : undefined;'],
  ],
  'util/find-root.js': [
    // a plugin installed in the root's node_modules (bwops's core plugins, a user's installed
    // plugins) is where require.resolve would look first; a package lookup with paths costs
    // several ms of every start, checking that directory a stat
    ['installed plugins found by their directory', '        let pkgPath;\n',
      '        const installed = (0, node_path_1.join)(root, "node_modules", name);\n' +
      '        if (require("node:fs").existsSync((0, node_path_1.join)(installed, "package.json"))) return installed;\n' +
      '        let pkgPath;\n'],
  ],
  'util/os.js': [
    // is-wsl is the one answer oclif wants on every start; wsl-utils also loads child_process
    ["is-wsl, not all of wsl-utils", "(await import('wsl-utils')).isWsl", 'require("is-wsl").default'],
  ],
}

function edit(path, text) {
  const file = path.split(/[\\/]@oclif[\\/]core[\\/]lib[\\/]/)[1].replaceAll('\\', '/')
  for (const [why, find, replace] of EDITS[file] ?? []) {
    const at = text.indexOf(find)
    if (at === -1 || text.indexOf(find, at + 1) !== -1) throw new Error(`oclif-shims: "${why}" expects ${JSON.stringify(find)} once in @oclif/core/lib/${file}`)
    text = text.slice(0, at) + replace + text.slice(at + find.length)
  }

  return text
}

/** require("x") of a lazy package, from @oclif/core's location (defined in oclif-entry's banner) */
function lazyPackages(text) {
  const names = OCLIF_LAZY.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')
  return text.replace(new RegExp(`\\brequire\\("(${names})"\\)`, 'g'), '__bwopsOclifRequire("$1")')
}

// after the banner that defines require (bundle-commands.mjs)
export const OCLIF_BANNER = "let __bwopsOclifReq; const __bwopsOclifRequire = (id) => (__bwopsOclifReq ??= __bwopsRequire(require.resolve('@oclif/core')))(id);"

export function oclifShims() {
  return {
    name: 'oclif-shims',
    setup(build) {
      build.onLoad({filter: OCLIF_LIB}, async (args) => {
        const text = lazyPackages(lazyRequires(edit(args.path, await readFile(args.path, 'utf8'))).text)
        return {contents: text, loader: 'js'}
      })
    },
  }
}

/** For tests: the edits, to check each still applies to the installed @oclif/core. */
export const oclifEdits = EDITS
