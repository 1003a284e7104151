/** The AWS error's name (ResourceNotFoundException, ValidationError...), never its message. */
export function awsErrorName(error: unknown): string {
  if (error && typeof error === 'object' && 'name' in error && typeof error.name === 'string') return error.name
  return 'Error'
}

export function isNamed(error: unknown, ...names: string[]): boolean {
  return names.includes(awsErrorName(error))
}

export function isoOf(date: Date | undefined): string | undefined {
  return date ? date.toISOString() : undefined
}
