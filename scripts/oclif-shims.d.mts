// Types of oclif-shims.mjs, for the tests (the script runs as JavaScript in the build).
export const OCLIF_LAZY: string[]
export const OCLIF_EXTERNAL: string[]
export const OCLIF_BANNER: string
/** per file of @oclif/core/lib: [why, find, replace] */
export const oclifEdits: Record<string, Array<[string, string, string]>>
export function oclifShims(): unknown
