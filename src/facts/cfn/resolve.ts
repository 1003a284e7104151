import {partitionOf, urlSuffixOf} from '../../checks/lib/arn.js'
import {deployTimeToken} from '../deploy-time.js'
import {evaluateCondition} from './conditions.js'
import {INTRINSICS, intrinsicName} from './intrinsics.js'
import {NO_VALUE} from './no-value.js'
import {type ArnParts, getAttOfResource, refOfResource} from './resource-refs.js'
import {type CfnResource, type CfnTemplate, isObject, type Json} from './template.js'

// Resolves CloudFormation intrinsics far enough to read names and ARNs. What is known only at
// deploy time becomes a token (deploy-time.ts) embedded in the string; nothing is guessed, and an
// intrinsic this resolver does not know becomes {{Fn:Name}}, never an error.

export {NO_VALUE} from './no-value.js'

export interface ResolveOptions {
  /** parameter values (and pseudo parameters such as AWS::Region) that override the defaults */
  parameters?: Record<string, string>
}

const DEPLOY_PSEUDO = new Set(['AWS::Region', 'AWS::AccountId', 'AWS::StackName', 'AWS::StackId', 'AWS::NotificationARNs'])
const LIST_TYPE = /^(CommaDelimitedList|List<.+>)$/

export class Resolver {
  private readonly conditions = new Map<string, boolean | undefined>()
  private readonly evaluating = new Set<string>()
  /** Refs, GetAtts and FindInMaps being resolved: one that needs itself is a loop, never resolved */
  private readonly resolving = new Set<string>()
  private readonly overrides: Record<string, string>

  constructor(
    readonly template: CfnTemplate,
    options: ResolveOptions = {},
  ) {
    this.overrides = options.parameters ?? {}
  }

  /** The value with every intrinsic resolved; AWS::NoValue removes what it stands in. */
  resolve(value: unknown): unknown {
    const out = this.walk(value)
    return out === NO_VALUE ? undefined : out
  }

  /** A resolved scalar as text (numbers and booleans as CloudFormation passes them), else undefined. */
  str(value: unknown): string | undefined {
    const out = this.resolve(value)
    if (typeof out === 'string') return out
    if (typeof out === 'number' || typeof out === 'boolean') return String(out)
    return undefined
  }

  num(value: unknown): number | undefined {
    const text = this.str(value)
    return text !== undefined && text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined
  }

  walk(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.walk(v)).filter((v) => v !== NO_VALUE)
    if (!isObject(value)) return value
    const fn = intrinsicName(value)
    if (fn) {
      const handler = INTRINSICS[fn]
      return handler ? handler(this, value[fn]) : deployTimeToken('Fn', fn.replace(/^Fn::/, ''))
    }

    const out: Json = {}
    for (const [key, inner] of Object.entries(value)) {
      const resolved = this.walk(inner)
      if (resolved !== NO_VALUE) out[key] = resolved
    }

    return out
  }

  ref(name: string): unknown {
    if (name === 'AWS::NoValue') return NO_VALUE
    if (name in this.overrides) return this.parameterValue(name, this.overrides[name]!)
    // the partition and domain follow the region; with the region unknown, the commercial one
    if (name === 'AWS::Partition') return partitionOf(this.overrides['AWS::Region'])
    if (name === 'AWS::URLSuffix') return urlSuffixOf(this.overrides['AWS::Region'])
    if (DEPLOY_PSEUDO.has(name)) return deployTimeToken('Ref', name)
    const parameter = this.template.parameters[name]
    if (parameter) {
      const deployResolved = parameter.type?.startsWith('AWS::SSM::Parameter::Value')
      if (parameter.default === undefined || parameter.default === null || deployResolved) return deployTimeToken('Ref', name)
      return this.parameterValue(name, parameter.default)
    }

    const resource = this.template.resources.get(name)
    if (!resource) return deployTimeToken('Ref', name)
    return this.once(`Ref:${name}`, () => refOfResource(resource, this), () => deployTimeToken('Ref', name))
  }

  getAtt(id: string, attribute: string): string {
    const resource = this.template.resources.get(id)
    const token = () => deployTimeToken('GetAtt', `${id}.${attribute}`)
    return resource ? this.once(`GetAtt:${id}.${attribute}`, () => getAttOfResource(resource, attribute, this), token) : token()
  }

  /**
   * `compute`, unless the same key is already being computed further up: a template whose name
   * refers to itself (RoleName: !Ref Role, a mapping that looks itself up) is not resolvable
   * before deploy, and CloudFormation refuses it, so it reads as `loop()`, a deploy-time token.
   */
  once<T>(key: string, compute: () => T, loop: () => T): T {
    if (this.resolving.has(key)) return loop()
    this.resolving.add(key)
    try {
      return compute()
    } finally {
      this.resolving.delete(key)
    }
  }

  parts(): ArnParts {
    const text = (name: string) => String(this.ref(name))
    return {account: text('AWS::AccountId'), partition: text('AWS::Partition'), region: text('AWS::Region')}
  }

  /** true or false when the condition can be decided before deploy; undefined when it cannot. */
  condition(name: string): boolean | undefined {
    if (this.conditions.has(name)) return this.conditions.get(name)
    if (this.evaluating.has(name) || !(name in this.template.conditions)) return undefined
    this.evaluating.add(name)
    const value = evaluateCondition(this, this.template.conditions[name])
    this.evaluating.delete(name)
    this.conditions.set(name, value)
    return value
  }

  /** Whether `raw` (a property as written) names `resource`: by Ref, by its ARN, or by its name. */
  refersTo(raw: unknown, resource: CfnResource): boolean {
    const value = this.str(raw)
    if (value === undefined || value === '') return false
    return value === this.str({Ref: resource.id}) || value === this.getAtt(resource.id, 'Arn')
  }

  /** A resource whose Condition is false is not created; one whose condition is undecided may be. */
  present(resource: CfnResource): boolean {
    return resource.condition === undefined || this.condition(resource.condition) !== false
  }

  private parameterValue(name: string, value: unknown): unknown {
    const type = this.template.parameters[name]?.type ?? ''
    const text = Array.isArray(value) ? value.map(String).join(',') : String(value)
    return LIST_TYPE.test(type) ? text.split(',').map((s) => s.trim()) : text
  }
}
