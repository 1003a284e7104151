import {createRequire} from 'node:module'

// bwops runs on Node 20 and 22 (package.json engines). Its AWS SDK clients are pinned to releases
// that support Node 20 (README, "Node versions"), but the packages they share (@aws-sdk/core,
// @smithy/*) are ranges AWS sets, so a fresh install after AWS's January 2027 change may still
// bring one that needs Node 22. Then bwops says so at start, before the SDK fails in the middle.

interface PackageJson {
  name?: string
  version?: string
  engines?: {node?: string}
}

/** The lowest Node major an engines range lets in: ">=22.0.0" -> 22, "^20.17.0 || >=22.9.0" -> 20. */
export function lowestMajor(range: string): number | undefined {
  const majors = range.split('||').map((part) => /(\d+)/.exec(part)?.[1]).filter((m): m is string => m !== undefined).map(Number)
  return majors.length > 0 ? Math.min(...majors) : undefined
}

/** What to tell the user when the installed SDK needs a newer Node than this one; undefined when it does not. */
export function nodeSupportProblem(nodeVersion: string, sdk: PackageJson): string | undefined {
  const need = sdk.engines?.node ? lowestMajor(sdk.engines.node) : undefined
  const major = Number(/^v?(\d+)/.exec(nodeVersion)?.[1])
  if (need === undefined || !Number.isFinite(major) || major >= need) return undefined
  return [
    `bwops is running on Node ${nodeVersion}, and the AWS SDK installed with it (${sdk.name ?? '@aws-sdk/core'} ${sdk.version ?? ''}) needs Node ${sdk.engines?.node}.`,
    `Install Node 22 or later (nvm install 22, or https://nodejs.org) and run bwops with it, or install bwops from a checkout with npm ci, whose lock file holds an SDK that runs on Node ${major}.`,
  ].join('\n')
}

/** Called first by bin/run.js: exits 2 with the message above when the SDK cannot run here. */
export function checkNodeSupport(): void {
  let sdk: PackageJson
  try {
    sdk = createRequire(import.meta.url)('@aws-sdk/core/package.json') as PackageJson
  } catch {
    return
  }

  const problem = nodeSupportProblem(process.version, sdk)
  if (!problem) return
  process.stderr.write(`${problem}\n`)
  process.exit(2)
}
