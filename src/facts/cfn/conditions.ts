import {hasDeployTimeValue} from '../deploy-time.js'
import type {Resolver} from './resolve.js'
import {isObject} from './template.js'

// Conditions in three values: true, false, or undefined when they wait on a value known only at
// deploy time (a parameter with no default and no override, the region...). Undecided is never
// guessed: Fn::If over it yields a token, and And/Or decide only when the known parts suffice.

function holdsToken(value: unknown): boolean {
  if (typeof value === 'string') return hasDeployTimeValue(value)
  if (Array.isArray(value)) return value.some(holdsToken)
  if (isObject(value)) return Object.values(value).some(holdsToken)
  return false
}

/** CloudFormation compares values as strings: 1 equals "1", true equals "true". */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value.map(canonical))
  return typeof value === 'string' ? value : JSON.stringify(value) ?? ''
}

export function evaluateCondition(r: Resolver, expression: unknown): boolean | undefined {
  if (typeof expression === 'boolean') return expression
  if (expression === 'true' || expression === 'false') return expression === 'true'
  if (!isObject(expression)) return undefined
  const [key] = Object.keys(expression)
  const arg = expression[key ?? '']
  const list = Array.isArray(arg) ? arg : []
  switch (key) {
    case 'Condition': {
      return typeof arg === 'string' ? r.condition(arg) : undefined
    }

    case 'Fn::Equals': {
      const [a, b] = [r.resolve(list[0]), r.resolve(list[1])]
      return holdsToken(a) || holdsToken(b) ? undefined : canonical(a) === canonical(b)
    }

    case 'Fn::Not': {
      const inner = evaluateCondition(r, list[0])
      return inner === undefined ? undefined : !inner
    }

    case 'Fn::And': {
      const values = list.map((c) => evaluateCondition(r, c))
      return values.includes(false) ? false : values.includes(undefined) ? undefined : true
    }

    case 'Fn::Or': {
      const values = list.map((c) => evaluateCondition(r, c))
      return values.includes(true) ? true : values.includes(undefined) ? undefined : false
    }

    default: {
      return undefined
    }
  }
}
