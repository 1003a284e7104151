import type {Config} from '@oclif/core'

import {watchedFacts} from './plugin-facts.js'
import type {AnyCheck} from './types.js'

// Third-party checks come from installed oclif plugins: a plugin declares a `bwops:checks` hook in
// its package.json (`"oclif": {"hooks": {"bwops:checks": "./dist/checks-hook.js"}}`) whose default
// export returns an array of checks. See docs/plugins.md.

export const CHECKS_HOOK = 'bwops:checks'

interface HookPlugin {
  name: string
  pjson?: {homepage?: unknown}
}

interface HookResult {
  failures: {error: Error; plugin: HookPlugin}[]
  successes: {plugin: HookPlugin; result: unknown}[]
}

export interface PluginChecks {
  checks: AnyCheck[]
  /**
   * What went wrong loading a plugin's checks, in words for the user; running them adds what a
   * check read by a name bwops's facts do not have (so the report, built after, shows it too)
   */
  problems: string[]
}

/** The check, run on facts that note a read by AWS's name instead of bwops's (plugin-facts.ts). */
function watched(check: AnyCheck, problems: string[]): AnyCheck {
  const note = (path: string, hint: string) => {
    const said = `plugin check "${check.id}" read ${path}, which bwops's facts do not have: read ${hint} (the facts' shapes: docs/plugins.md)`
    if (!problems.includes(said)) problems.push(said)
  }
  return {...check, run: (facts, profile) => check.run(watchedFacts(facts, note), profile)}
}

/**
 * A plugin check's findings link to the page the check names (`docs`), else to its plugin's
 * homepage, else to nothing: never to a page under bwops's docs/checks/, which has none for it.
 */
export function validateCheck(value: unknown, plugin: string, taken: Set<string>, homepage?: string): AnyCheck | string {
  if (typeof value !== 'object' || value === null) return `plugin ${plugin} returned a check that is not an object`
  const c = value as Partial<AnyCheck>
  if (typeof c.id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(c.id)) {
    return `plugin ${plugin} returned a check without a kebab-case id`
  }

  if (taken.has(c.id)) return `plugin ${plugin} check "${c.id}" has the id of a check already loaded; it was ignored`
  if (typeof c.title !== 'string' || typeof c.run !== 'function' || !Array.isArray(c.needs)) {
    return `plugin ${plugin} check "${c.id}" lacks a title, a needs list or a run function`
  }

  if (c.docs !== undefined && (typeof c.docs !== 'string' || !/^https?:\/\/\S+$/.test(c.docs))) {
    return `plugin ${plugin} check "${c.id}" has a docs link that is not an http(s) URL`
  }

  return {description: c.title, ...c, docs: c.docs ?? homepage ?? ''} as AnyCheck
}

export async function loadPluginChecks(config: Config, builtin: AnyCheck[]): Promise<PluginChecks> {
  const result = (await config.runHook(CHECKS_HOOK as never, {} as never)) as HookResult
  const taken = new Set(builtin.map((c) => c.id))
  const checks: AnyCheck[] = []
  const problems: string[] = result.failures.map((f) => `plugin ${f.plugin.name} failed to give its checks: ${f.error.message}`)
  for (const success of result.successes) {
    const list = success.result
    if (!Array.isArray(list)) {
      problems.push(`plugin ${success.plugin.name}: its ${CHECKS_HOOK} hook must return an array of checks`)
      continue
    }

    for (const value of list) {
      const homepage = success.plugin.pjson?.homepage
      const check = validateCheck(value, success.plugin.name, taken, typeof homepage === 'string' && /^https?:\/\//.test(homepage) ? homepage : undefined)
      if (typeof check === 'string') problems.push(check)
      else {
        taken.add(check.id)
        checks.push(watched(check, problems))
      }
    }
  }

  return {checks, problems}
}
