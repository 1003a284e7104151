import {deployTimeToken, hasDeployTimeValue} from '../deploy-time.js'
import {NO_VALUE} from './no-value.js'
import type {Resolver} from './resolve.js'
import {isObject, type Json} from './template.js'

// One function per intrinsic the resolver knows. Each takes the intrinsic's argument as written
// and returns its value, or a deploy-time token where the value waits on the deployment.

type Intrinsic = (r: Resolver, arg: unknown) => unknown

/** "Ref" or "Fn::X" when `value` is an intrinsic call (an object with that one key). */
export function intrinsicName(value: Json): string | undefined {
  const keys = Object.keys(value)
  if (keys.length !== 1) return undefined
  const key = keys[0]!
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined
}

/** A token's text inside another token's name: tokens do not nest, so their braces go. */
function flat(value: unknown): string {
  return (typeof value === 'string' ? value : JSON.stringify(value) ?? '').replaceAll('{{', '').replaceAll('}}', '')
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',')
  return undefined
}

function ref(r: Resolver, arg: unknown): unknown {
  return typeof arg === 'string' ? r.ref(arg) : deployTimeToken('Fn', 'Ref')
}

function getAtt(r: Resolver, arg: unknown): unknown {
  let id: unknown
  let attribute: unknown
  if (typeof arg === 'string') {
    const dot = arg.indexOf('.')
    ;[id, attribute] = dot < 0 ? [arg, ''] : [arg.slice(0, dot), arg.slice(dot + 1)]
  } else if (Array.isArray(arg)) {
    ;[id, attribute] = [arg[0], r.str(arg[1])]
  }

  return typeof id === 'string' && typeof attribute === 'string' && attribute !== '' ? r.getAtt(id, attribute) : deployTimeToken('Fn', 'GetAtt')
}

function sub(r: Resolver, arg: unknown): unknown {
  const [template, rawVars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, {}]
  if (typeof template !== 'string') return deployTimeToken('Fn', 'Sub')
  const vars = isObject(rawVars) ? rawVars : {}
  return template.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`
    const value = name in vars ? r.resolve(vars[name]) : name.includes('.') && !name.startsWith('AWS::') ? getAtt(r, name) : r.resolve({Ref: name})
    return text(value) ?? (value === undefined ? '' : deployTimeToken('Sub', name))
  })
}

function join(r: Resolver, arg: unknown): unknown {
  if (!Array.isArray(arg) || typeof arg[0] !== 'string') return deployTimeToken('Fn', 'Join')
  const list = r.resolve(arg[1])
  if (!Array.isArray(list)) return typeof list === 'string' && hasDeployTimeValue(list) ? deployTimeToken('Join', flat(list)) : deployTimeToken('Fn', 'Join')
  const parts = list.map(text)
  return parts.every((p) => p !== undefined) ? parts.join(arg[0]) : deployTimeToken('Fn', 'Join')
}

function select(r: Resolver, arg: unknown): unknown {
  if (!Array.isArray(arg)) return deployTimeToken('Fn', 'Select')
  const index = r.num(arg[0])
  const list = r.resolve(arg[1])
  if (index !== undefined && Array.isArray(list) && index >= 0 && index < list.length) return list[index]
  if (index !== undefined && typeof list === 'string' && hasDeployTimeValue(list)) return deployTimeToken('Select', `${flat(list)}[${index}]`)
  return deployTimeToken('Fn', 'Select')
}

function split(r: Resolver, arg: unknown): unknown {
  if (!Array.isArray(arg) || typeof arg[0] !== 'string' || arg[0] === '') return deployTimeToken('Fn', 'Split')
  const source = r.resolve(arg[1])
  if (typeof source !== 'string') return deployTimeToken('Fn', 'Split')
  // Tokens may hold the delimiter (":" in {{Ref:AWS::Region}}): mask them while splitting.
  const tokens: string[] = []
  const masked = source.replace(/\{\{[A-Za-z]+:[^}]+\}\}/g, (t) => `\u0000${tokens.push(t) - 1}\u0000`)
  return masked.split(arg[0]).map((piece) => piece.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => tokens[Number(i)]!))
}

function fnIf(r: Resolver, arg: unknown): unknown {
  if (!Array.isArray(arg) || typeof arg[0] !== 'string') return deployTimeToken('Fn', 'If')
  const decided = r.condition(arg[0])
  if (decided !== undefined) return r.walk(decided ? arg[1] : arg[2])
  return undecided(r.walk(arg[1]), r.walk(arg[2]), arg[0])
}

/**
 * What an Fn::If over an undecided condition is known to be: what both branches agree on. Two
 * objects with the same keys keep each key, a token where they differ; an object or list against
 * AWS::NoValue (an environment entry, a policy statement that may not exist) is left out; any
 * other difference is a token.
 */
function undecided(a: unknown, b: unknown, condition: string): unknown {
  if (JSON.stringify(a) === JSON.stringify(b) && typeof a === typeof b) return a
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a)
    if (keys.length === Object.keys(b).length && keys.every((k) => k in b)) {
      return Object.fromEntries(keys.map((k) => [k, undecided(a[k], b[k], condition)]))
    }
  }

  const structured = (v: unknown) => isObject(v) || Array.isArray(v)
  if ((a === NO_VALUE && structured(b)) || (b === NO_VALUE && structured(a))) return NO_VALUE
  return deployTimeToken('If', condition)
}

function findInMap(r: Resolver, arg: unknown): unknown {
  if (!Array.isArray(arg)) return deployTimeToken('Fn', 'FindInMap')
  const keys = [arg[0], arg[1], arg[2]].map((k) => r.str(k))
  const name = keys.map((k) => flat(k ?? '?')).join('.')
  if (keys.some((k) => k === undefined || hasDeployTimeValue(k))) return deployTimeToken('FindInMap', name)
  const top = r.template.mappings[keys[0]!]
  const second = isObject(top) ? top[keys[1]!] : undefined
  const value = isObject(second) ? second[keys[2]!] : undefined
  const token = () => deployTimeToken('FindInMap', name)
  return value === undefined ? token() : r.once(`FindInMap:${name}`, () => r.walk(value), token)
}

function importValue(r: Resolver, arg: unknown): unknown {
  return deployTimeToken('ImportValue', flat(r.str(arg) ?? 'Fn'))
}

export const INTRINSICS: Record<string, Intrinsic> = {
  'Fn::FindInMap': findInMap,
  'Fn::GetAtt': getAtt,
  'Fn::If': fnIf,
  'Fn::ImportValue': importValue,
  'Fn::Join': join,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::Sub': sub,
  Ref: ref,
}
