// A plugin check reads facts in bwops's shapes (docs/plugins.md), which differ in places from
// AWS's: a task definition's containers are `containers`, not `containerDefinitions`, and every
// field is camelCase. A plugin that reads AWS's name would silently find nothing; the facts it is
// given are views that note such a read, so the report says what to read instead.

/** bwops's name for a field AWS (or CloudFormation) names otherwise. */
const RENAMED: Record<string, string> = {ContainerDefinitions: 'containers', containerDefinitions: 'containers'}

function hintFor(target: object, key: string): string | undefined {
  if (key in target) return undefined
  const renamed = RENAMED[key]
  if (renamed && renamed in target) return renamed
  const camel = key[0]!.toLowerCase() + key.slice(1)
  return camel !== key && camel in target ? camel : undefined
}

/** Facts as a plugin check sees them: the same values, read-only, that tell `note` of a wrong name. */
export function watchedFacts<T extends object>(facts: T, note: (path: string, hint: string) => void): T {
  const views = new WeakMap<object, object>()
  const view = (value: object, path: string): object => {
    const cached = views.get(value)
    if (cached) return cached
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        const got = Reflect.get(target, key, receiver)
        if (typeof key !== 'string') return got
        const at = Array.isArray(target) ? `${path}[]` : `${path}.${key}`
        if (got === undefined) {
          const hint = hintFor(target, key)
          if (hint) note(at, `${path}.${hint}`)
          return got
        }
        return typeof got === 'object' && got !== null ? view(got, Array.isArray(target) ? `${path}[]` : at) : got
      },
      set: () => false,
    })
    views.set(value, proxy)
    return proxy
  }
  return view(facts, 'facts') as T
}
