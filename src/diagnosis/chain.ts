import type {Finding} from '../checks/types.js'
import {layerOf} from './subjects.js'
import type {ChainStep, Layer} from './types.js'

const ORDER: Record<Layer, number> = {configuration: 0, ecs: 1, log: 2}
const MAX_QUOTE = 160
const TIMESTAMP = /^\s*\[?\d{4}-\d\d-\d\d[T ][\d:.,]+Z?\]?\s*/

function clip(text: string): string {
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 3)}...` : text
}

function stepText(f: Finding): string {
  if (layerOf(f) === 'log' && f.quote && f.quote.length > 0) {
    // a crash's last words come last; of a known failure's matched lines the shortest says it most
    // plainly; a log's own timestamp adds nothing here
    const lines = f.quote.map((l) => l.replace(TIMESTAMP, ''))
    const last = (f.subject?.startsWith('exit:') ? lines.at(-1) : [...lines].sort((a, b) => a.length - b.length)[0]) ?? ''
    const n = f.tasks?.length ?? 0
    return `the app logged "${clip(last.trim())}"${n > 1 ? ` (${n} tasks)` : ''}`
  }

  return f.title
}

/** The evidence in the order it is told: what the configuration says, what ECS reported, what the app logged. */
export function chainOf(members: Finding[], outcomes: Finding[]): ChainStep[] {
  const all = [...members, ...outcomes.filter((o) => !members.includes(o))]
  // a check's findings stay together, in the order the check told them (its first cause first)
  const checkAt = new Map<string, number>()
  all.forEach((f, i) => checkAt.has(f.check) || checkAt.set(f.check, i))
  const nth = (f: Finding) => Number(f.id.split('#').pop()) || 0
  const steps = all
    .map((f) => ({f}))
    .sort((a, b) => ORDER[layerOf(a.f)] - ORDER[layerOf(b.f)] || Number(outcomes.includes(a.f)) - Number(outcomes.includes(b.f)) || (checkAt.get(a.f.check) ?? 0) - (checkAt.get(b.f.check) ?? 0) || nth(a.f) - nth(b.f))
  return steps.map(({f}) => ({finding: f.id, layer: layerOf(f), text: stepText(f)}))
}
