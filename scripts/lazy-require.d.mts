// Types of lazy-require.mjs, for the tests (the script runs as JavaScript in the build).
export function lazyRequires(source: string): {lazied: string[]; text: string}
