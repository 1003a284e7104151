// Links that must work where a report is read (a pull request, a step summary in another
// repository): a check's page is a path in this project, so it is made absolute to the project's
// docs. package.json's homepage and repository name the same place; a test keeps them together.

export const PROJECT_URL = 'https://github.com/quiltdata/bwops'
const BLOB = `${PROJECT_URL}/blob/main/`

/** An absolute URL for a finding's docs, or undefined when it has none. */
export function absoluteDocs(docs: string): string | undefined {
  if (docs === '') return undefined
  if (/^https?:\/\//.test(docs)) return docs
  return /^[\w./-]+$/.test(docs) && !docs.includes('..') ? `${BLOB}${docs.replace(/^\.\//, '')}` : undefined
}
