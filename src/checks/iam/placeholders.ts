import type {DeploymentContext} from '../../facts/types.js'
import {deployTimeTokens as tokensIn, isWholeDeployTimeValue as isWholeToken} from '../../facts/deploy-time.js'

// The simulator needs concrete ARNs. A deploy-time token becomes a stand-in value, the same one
// wherever the token appears (the need's resource and the role's policies), so a policy that names
// the very parameter the need names still matches, and one that names something else does not.
// The account stand-in is 12 digits and the region one region-shaped, or the simulator rejects the ARN.

const UNKNOWN_ACCOUNT = '000000000000'
const UNKNOWN_REGION = 'xx-deploytime-1'

function pseudo(token: string, ctx: DeploymentContext): string | undefined {
  switch (token) {
    case '{{Ref:AWS::Region}}':
      return ctx.region ?? UNKNOWN_REGION
    case '{{Ref:AWS::AccountId}}':
      return ctx.account ?? UNKNOWN_ACCOUNT
    case '{{Ref:AWS::Partition}}':
      return 'aws'
    case '{{Ref:AWS::URLSuffix}}':
      return 'amazonaws.com'
    default:
      return undefined
  }
}

/** A pseudo parameter whose value is known: the stack deploys where the deployment is. */
export function isResolved(token: string, ctx: DeploymentContext): boolean {
  if (token === '{{Ref:AWS::Partition}}' || token === '{{Ref:AWS::URLSuffix}}') return true
  if (token === '{{Ref:AWS::Region}}') return ctx.region !== undefined
  if (token === '{{Ref:AWS::AccountId}}') return ctx.account !== undefined
  return false
}

/** A name-shaped stand-in: {{Ref:BenchlingSecret}} -> deploytime-ref-benchlingsecret */
export function slug(token: string): string {
  return `deploytime-${token.replace(/[{}]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-+$/, '')}`
}

export class Substitution {
  private readonly behind = new Map<string, string>()

  /** `whole`: tokens that stand for a whole ARN, with the ARN they stand in as (tokens allowed inside) */
  constructor(
    private readonly ctx: DeploymentContext,
    private readonly whole: Record<string, string> = {},
  ) {}

  apply(value: string): string {
    // A token standing alone for a whole value the need does not share: give it an ARN shape that
    // matches nothing, since the simulator reads a bare word in Resource as matching any resource.
    if (isWholeToken(value) && this.whole[value] === undefined && pseudo(value, this.ctx) === undefined) {
      const standIn = `arn:aws:deploytime:${UNKNOWN_REGION}:${UNKNOWN_ACCOUNT}:${slug(value)}`
      this.behind.set(standIn, value)
      return standIn
    }

    let out = value
    for (const token of tokensIn(value)) out = out.split(token).join(this.standIn(token))
    return out
  }

  applyDeep(value: unknown): unknown {
    if (typeof value === 'string') return this.apply(value)
    if (Array.isArray(value)) return value.map((v) => this.applyDeep(v))
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.applyDeep(v)]))
    }

    return value
  }

  /** The unresolved tokens whose stand-ins appear in a substituted string. */
  tokensBehind(substituted: string): string[] {
    return [...this.behind].filter(([standIn]) => substituted.includes(standIn)).map(([, token]) => token)
  }

  /** Puts the tokens back in place of their stand-ins, for messages. */
  restore(substituted: string): string {
    let out = substituted
    const longestFirst = [...this.behind].sort(([a], [b]) => b.length - a.length)
    for (const [standIn, token] of longestFirst) out = out.split(standIn).join(token)
    return out
  }

  private standIn(token: string): string {
    const whole = this.whole[token]
    const value = whole === undefined ? (pseudo(token, this.ctx) ?? slug(token)) : this.apply(whole)
    if (!isResolved(token, this.ctx)) this.behind.set(value, token)
    return value
  }
}
