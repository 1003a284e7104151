// Module resolution hooks (Node's module.register): a plugin's `import ... from
// 'benchling-webhook-ops'` resolves to the bwops that is running it, wherever the plugin was
// installed or linked from. So a plugin lists bwops as a peer dependency, needs no copy of its
// own, and its checks meet the same engine, profile and types as the built-in ones.

const PACKAGE = 'benchling-webhook-ops'

let host: {entry: string; packageJson: string} | undefined

export async function initialize(data: {entry: string; packageJson: string}): Promise<void> {
  host = data
}

type Next = (specifier: string, context: unknown) => Promise<{url: string}>

export async function resolve(specifier: string, context: unknown, next: Next): Promise<{url: string; shortCircuit?: boolean}> {
  if (host && specifier === PACKAGE) return {shortCircuit: true, url: host.entry}
  if (host && specifier === `${PACKAGE}/package.json`) return {shortCircuit: true, url: host.packageJson}
  return next(specifier, context)
}
