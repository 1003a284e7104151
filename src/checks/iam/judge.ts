import type {Substitution} from './placeholders.js'
import type {SimOutcome} from './simulate.js'
import type {ActionVerdict} from './types.js'

// Turns one simulator answer into a verdict, adding what the simulator cannot know: a resource
// that exists only at deploy time, a policy whose text bwops lacks, another account's resource policy.

export interface JudgeContext {
  action: string
  /** the resource as asked, after substitution */
  request: string
  substitution: Substitution
  /** attached policies whose text is not known */
  missingPolicies: string[]
  /** the permissions boundary, when attached but its text is not known */
  missingBoundary?: string
  principalAccount: string
  resourceAccount?: string
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x))

export function judge(outcome: SimOutcome, ctx: JudgeContext): ActionVerdict {
  const base = {action: ctx.action}
  const restore = (s: string) => ctx.substitution.restore(s)
  switch (outcome.decision) {
    case 'invalid':
      return {...base, decision: 'invalid', reason: outcome.reason ?? 'the simulator refused the request'}
    case 'explicitly-denied':
      return {...base, decision: 'explicitly-denied', deniedBy: outcome.deniedBy}
    case 'unknown':
      return {
        ...base,
        decision: 'unknown',
        ...(outcome.grantedBy.length > 0 ? {grantedBy: outcome.grantedBy} : {}),
        ...(outcome.conditions.length > 0 ? {conditions: outcome.conditions} : {}),
        reason: `the role's policies allow it, but ${restore(outcome.reason ?? 'it depends on conditions bwops cannot decide')}`,
      }
    case 'allowed': {
      if (ctx.missingBoundary) {
        return {...base, decision: 'unknown', grantedBy: outcome.grantedBy, reason: `the permissions boundary ${ctx.missingBoundary} is attached but its text is not known, and it may block this`}
      }

      if (ctx.resourceAccount && ctx.resourceAccount !== ctx.principalAccount) {
        return {
          ...base,
          decision: 'unknown',
          grantedBy: outcome.grantedBy,
          reason: `the role's policies allow it, but the resource is in account ${ctx.resourceAccount}, so that resource's own policy must allow the role too`,
        }
      }

      return {...base, decision: 'allowed', grantedBy: outcome.grantedBy, ...(outcome.conditions.length > 0 ? {conditions: outcome.conditions} : {})}
    }

    case 'implicitly-denied': {
      const boundary = outcome.deniedBy.some((d) => d.kind === 'permissions-boundary')
      if (!boundary) {
        // An Allow for this action on a resource that is, or whose match is, known only at deploy
        // time: unless both name the same deploy-time value, bwops cannot tell if they meet.
        const needTokens = ctx.substitution.tokensBehind(ctx.request)
        const undecided = outcome.nearMisses.find((m) => !sameSet(m.resources.flatMap((r) => ctx.substitution.tokensBehind(r)), needTokens))
        if (undecided) {
          return {
            ...base,
            decision: 'unknown',
            reason: `${undecided.policy} (statement ${undecided.statement}) allows it on ${undecided.resources.map(restore).join(', ')} and this resource is ${restore(ctx.request)}; one of them is known only at deploy time`,
          }
        }

        if (ctx.missingPolicies.length > 0) {
          return {...base, decision: 'unknown', reason: `the text of ${ctx.missingPolicies.join(', ')} is not known offline, and it may allow this`}
        }
      }

      const near = outcome.nearMisses.map((m) => `${m.policy} (statement ${m.statement}) allows it only on ${m.resources.map(restore).join(', ')}`)
      return {...base, decision: 'implicitly-denied', deniedBy: outcome.deniedBy, ...(near.length > 0 ? {reason: near.join('; ')} : {})}
    }
  }
}
