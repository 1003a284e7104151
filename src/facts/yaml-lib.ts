import {createRequire} from 'node:module'

// The one way bwops loads the YAML parser: on first use only (JSON inputs and text reports, the
// common case, never load it), and from dist/vendor/yaml.cjs, the package bundled into one file by
// the build (scripts/bundle-commands.mjs): from node_modules it is ~70 CommonJS files, about 60 ms
// of a cold start. This file, and any bundle holding it, sits one directory below dist/, so
// ../vendor/ is dist/vendor/; run from src/ (the tests) there is none, and the package is used.

type Yaml = typeof import('yaml')

const requireHere = createRequire(import.meta.url)
let loaded: Yaml | undefined

export function yamlLib(): Yaml {
  return (loaded ??= load())
}

function load(): Yaml {
  try {
    return requireHere('../vendor/yaml.cjs') as Yaml
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error
    return requireHere('yaml') as Yaml
  }
}
