// Part of the bundle (scripts/oclif-shims.mjs, bundle-commands.mjs): @oclif/core's CommonJS modules
// (tsc output) require every module they use at the top, so a start evaluated all of oclif (help,
// its templates, spinners, globbing, semver) and required the packages left out of the bundle
// (ejs, wrap-ansi, ...), though a run of `bwops doctor` uses a fraction of them. This rewrites a
// module's top-level `const x_1 = require("y")` (also with __importDefault/__importStar) into a
// require on first use of x_1, and index.js's `exports.X = __importStar(require("./x"))` into a
// getter. tsc names these bindings `<name>_1`, `<name>_2`: only such names are rewritten, so a
// rewritten name cannot be a variable of the module's own code. Side-effect requires (no binding)
// stay where they are.
const BINDING = /^(?:const|var) ([A-Za-z$][\w$]*_\d+) = ((?:__importDefault|__importStar)\()?require\(("[^"]+")\)(\))?;$/gm
const EXPORTED = /^exports\.([A-Za-z$][\w$]*) = (__importStar\()require\(("[^"]+")\)\);$/gm

/** The module's text with its top-level requires made lazy; `lazied` lists what was rewritten. */
export function lazyRequires(source) {
  const names = []
  let text = source.replace(BINDING, (_all, name, wrap = '', spec, close = '') => {
    if (Boolean(wrap) !== Boolean(close)) return _all
    names.push(name)
    return `var __lazy_${name}; function __get_${name}() { return __lazy_${name} ??= ${wrap}require(${spec})${close}; }`
  })
  text = text.replace(EXPORTED, (_all, name, wrap, spec) =>
    `var __lazy_exports_${name}; Object.defineProperty(exports, "${name}", { enumerable: true, configurable: true, get() { return __lazy_exports_${name} ??= ${wrap}require(${spec})); } });`)
  if (names.length === 0) return {lazied: names, text}
  // every other use of a rewritten binding: not a property (`.x_1`), not the helper names above
  const use = new RegExp(`(?<![.$\\w])(${names.map((n) => n.replace(/\$/g, '\\$')).join('|')})(?![\\w$])`, 'g')
  const lines = text.split('\n').map((line) => (line.startsWith('var __lazy_') ? line : line.replace(use, '(__get_$1())')))
  return {lazied: names, text: lines.join('\n')}
}
