import {globMatch, type Tri} from './policy-match.js'

// A statement's Condition block, decided against what bwops knows of the request. A key bwops has
// no value for, an operator it does not decide, or a set operator leaves the condition 'maybe':
// the evaluation then says "unknown", never "allowed".

export type RequestContext = Record<string, string>

const STRING: Record<string, (pattern: string, value: string) => boolean> = {
  ArnEquals: (p, v) => p === v,
  ArnLike: (p, v) => globMatch(p, v),
  StringEquals: (p, v) => p === v,
  StringEqualsIgnoreCase: (p, v) => p.toLowerCase() === v.toLowerCase(),
  StringLike: (p, v) => globMatch(p, v),
  Bool: (p, v) => p.toLowerCase() === v.toLowerCase(),
}

const NEGATED: Record<string, string> = {ArnNotEquals: 'ArnEquals', ArnNotLike: 'ArnLike', StringNotEquals: 'StringEquals', StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase', StringNotLike: 'StringLike'}

function decideOne(operator: string, key: string, values: string[], context: RequestContext): Tri {
  if (operator.includes(':')) return 'maybe' // ForAnyValue: / ForAllValues: over multivalued keys
  const base = operator.replace(/IfExists$/, '')
  const value = context[key] ?? context[Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase()) ?? '']
  if (value === undefined) return 'maybe'
  const positive = NEGATED[base] ?? base
  const test = STRING[positive]
  if (!test) return 'maybe'
  const any = values.some((v) => test(v, value))
  return (NEGATED[base] ? !any : any) ? 'yes' : 'no'
}

export interface ConditionResult {
  holds: Tri
  /** the conditions bwops could not decide, in words: "StringEquals aws:SourceVpc vpc-1" */
  undecided: string[]
}

/** All operators and keys of a block must hold (AND); the values of one key are alternatives (OR). */
export function decideConditions(block: unknown, context: RequestContext): ConditionResult {
  if (!block || typeof block !== 'object') return {holds: 'yes', undecided: []}
  const undecided: string[] = []
  let holds: Tri = 'yes'
  for (const [operator, keys] of Object.entries(block as Record<string, unknown>)) {
    for (const [key, raw] of Object.entries((keys ?? {}) as Record<string, unknown>)) {
      const values = [raw].flat().map(String)
      const one = decideOne(operator, key, values, context)
      if (one === 'no') return {holds: 'no', undecided: []}
      if (one === 'maybe') {
        holds = 'maybe'
        undecided.push(`${operator} ${key} ${values.join(', ')}`)
      }
    }
  }
  return {holds, undecided}
}
