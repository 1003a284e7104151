// Types of third-party-notices.mjs, for the tests (the script runs as JavaScript in the build).
export interface BundledPackage {
  name: string
  version: string
  licence: string
  text?: string
}
export function packageDirOf(file: string): string | undefined
export function bundledPackages(inputs: string[], root: string): BundledPackage[]
export function noticesText(packages: BundledPackage[]): string
