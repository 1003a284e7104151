import type {FactMap, FactName} from './types.js'

/**
 * A fact, or why it is not known. `failed`: a source that should give it could not read it (an
 * AWS call failed, an input could not be parsed), as against no source giving it at all; a run
 * whose checks miss facts that failed is INCOMPLETE, never PASSED.
 */
export type FactResult<T> = {ok: true; source: string; value: T} | {ok: false; reason: string; failed?: Failure}

/** true: this fact's own read failed; 'derived': a fact it is made from failed */
export type Failure = boolean | 'derived'

/** How a fact made from `input` fails when `input` is not known. */
export function failureOf(input: {ok: boolean; failed?: Failure}): Failure {
  return !input.ok && input.failed ? 'derived' : false
}

export type FactLoader<K extends FactName> = (facts: Facts) => Promise<FactResult<FactMap[K]>>

export type FactLoaders = {[K in FactName]?: FactLoader<K>}

/** A place facts come from: a file, a template, a bundle, an AWS account. */
export interface FactSource {
  /** how the source is named to users, e.g. "task definition file td.json" */
  describe: string
  loaders: FactLoaders
}

export function known<T>(value: T, source: string): FactResult<T> {
  return {ok: true, source, value}
}

export function unknown<T>(reason: string, failed: Failure = false): FactResult<T> {
  return failed ? {failed, ok: false, reason} : {ok: false, reason}
}

/**
 * The facts of one run: lazy (a fact is read only when a check needs it), memoized (each is read
 * once, however many checks need it). When several sources give one fact, the first one listed
 * wins, so the caller orders them from the most specific (a file the user named) to the least.
 */
export class Facts {
  private readonly cache = new Map<FactName, Promise<FactResult<unknown>>>()

  constructor(private readonly sources: FactSource[]) {}

  get<K extends FactName>(name: K): Promise<FactResult<FactMap[K]>> {
    let pending = this.cache.get(name)
    if (!pending) {
      pending = this.load(name)
      this.cache.set(name, pending)
    }

    return pending as Promise<FactResult<FactMap[K]>>
  }

  /** Every fact that has been read so far, settled: what a bundle records. */
  async settled(): Promise<Partial<Record<FactName, FactResult<unknown>>>> {
    const out: Partial<Record<FactName, FactResult<unknown>>> = {}
    for (const [name, pending] of this.cache) out[name] = await pending
    return out
  }

  describeSources(): string[] {
    return this.sources.map((s) => s.describe)
  }

  private async load<K extends FactName>(name: K): Promise<FactResult<FactMap[K]>> {
    const reasons: string[] = []
    let failed: Failure = false
    for (const source of this.sources) {
      const loader = source.loaders[name] as FactLoader<K> | undefined
      if (!loader) continue
      let result: FactResult<FactMap[K]>
      try {
        result = await loader(this)
      } catch (error) {
        result = unknown(`${source.describe}: ${error instanceof Error ? error.message : String(error)}`, true)
      }

      if (result.ok) return result
      reasons.push(result.reason)
      if (result.failed === true || (result.failed === 'derived' && !failed)) failed = result.failed
    }

    return unknown(reasons.length > 0 ? reasons.join('; ') : noSourceReason(name), failed)
  }
}

function noSourceReason(name: FactName): string {
  const hints: Partial<Record<string, string>> = {
    probe: 'no local container probe was run (use --probe)',
    benchlingSecret: 'no Benchling secret was given (use --secret-file, or a live target)',
    callerIdentity: 'no AWS caller is known (use a live target: --stack-name or --cluster and --service)',
    containerLogs: 'no container logs are known (use a live target or a bundle)',
    quiltStack: 'no Quilt stack is known (use a live target in secrets-only mode, or a bundle)',
    secretAccess: 'whether the secret can be read is known only live (use a live target or a bundle)',
    serviceState: 'no live ECS service is known (use --stack-name, or --cluster and --service, or a bundle)',
    stack: 'no CloudFormation stack is known (use --stack-name or a bundle)',
    targetHealth: 'no target health is known (use a live target or a bundle)',
    tasks: 'no ECS tasks are known (use a live target or a bundle)',
    logGroup: 'no log group is known (use --template or a live target)',
    mode: 'the mode could not be told (use --mode legacy|secrets-only)',
    roles: 'no IAM roles are known (use --template, a bundle or a live target)',
    service: 'no ECS service is known (use --template, a bundle or a live target)',
    targetGroup: 'no load balancer target group is known (use --template, a bundle or a live target)',
    taskDefinition: 'no task definition was given (use --task-definition, --template or --bundle)',
  }
  return hints[name] ?? `no source gives the fact "${name}"`
}
