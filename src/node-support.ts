import {readFileSync} from 'node:fs'
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
  const sdk = installedSdk()
  if (!sdk) return
  const problem = nodeSupportProblem(process.version, sdk)
  if (!problem) return
  process.stderr.write(`${problem}\n`)
  process.exit(2)
}

/**
 * The installed @aws-sdk/core's package.json. Node's lookup from dist/ finds it first in bwops's own
 * node_modules: read there directly, as a package lookup costs several ms of every start; else
 * (an install that hoisted it elsewhere) by that lookup.
 */
export function installedSdk(): PackageJson | undefined {
  try {
    return JSON.parse(readFileSync(new URL('../node_modules/@aws-sdk/core/package.json', import.meta.url), 'utf8')) as PackageJson
  } catch {}

  try {
    return createRequire(import.meta.url)('@aws-sdk/core/package.json') as PackageJson
  } catch {
    return undefined
  }
}
