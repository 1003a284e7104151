import type {IAMClient} from '@aws-sdk/client-iam'

import type {CallContext} from '../../aws/calls.js'
import {AwsCallError, isOperationUnavailable} from '../../aws/errors.js'
import {simulatePrincipalPolicy} from '../../aws/iam-simulate-principal.js'
import type {IamAnswers, MethodUsed} from '../../checks/iam/answers.js'
import {type SimOutcome, type SimRequest, simulate} from '../../checks/iam/simulate.js'
import {AWS_SIMULATE, LOCAL_SIMULATE} from '../../checks/iam/types.js'

// The live doctor's answers to the IAM questions: AWS first (iam:SimulatePrincipalPolicy, which
// reads the role's policies as IAM holds them), else the local simulator over the policies the
// live source fetched. Many operators may not simulate: the first call AWS denies switches the run
// to local, and until one call has been answered no other is sent, so a denial costs one call.
// Questions asked together are sent together: one call per role and resource, every action in it.

interface Pending {
  request: SimRequest
  resolve: (outcome: SimOutcome) => void
  reject: (error: unknown) => void
}

interface Group {
  principal: string
  resource: string
  boundary?: string
  pending: Pending[]
}

const ACTION = 'iam:SimulatePrincipalPolicy'
/** what the probe asks: any action tells whether the identity may simulate; this one every role may be asked about */
const PROBE_ACTION = 'sts:GetCallerIdentity'

function unavailableWhy(error: AwsCallError): string {
  return `${error.awsName}${error.httpStatus ? ` (HTTP ${error.httpStatus})` : ''} calling ${ACTION}, so the rest of the run asks it no more`
}

export class LiveIamAnswers implements IamAnswers {
  private state: 'untried' | 'aws' | 'local' = 'untried'
  private probing: Promise<void> | undefined
  private readonly queued = new Map<string, Group>()
  private denied: string | undefined
  /** the endpoint failed the operation itself: said once, and no further call */
  private unavailable: string | undefined
  private answeredByAws = 0
  /** why questions went to the local simulator, and how many */
  private readonly localWhy = new Map<string, number>()

  constructor(private readonly ctx: CallContext<{iam: IAMClient}>) {}

  ask(request: SimRequest): Promise<SimOutcome> {
    return new Promise((resolve, reject) => {
      const key = `${request.principal} ${request.resource}`
      const group = this.queued.get(key) ?? {principal: request.principal, resource: request.resource, ...(request.boundary ? {boundary: request.boundary.name} : {}), pending: []}
      if (this.queued.size === 0) queueMicrotask(() => this.flush())
      this.queued.set(key, group)
      group.pending.push({reject, request, resolve})
    })
  }

  /**
   * Learns, as soon as a role is known and before the questions are ready, whether this identity
   * may simulate: a denial or a failing endpoint then sends every question to the local simulator
   * without a call after the policy reads, and an allowed probe lets the questions go out at once.
   * The probe's own answer is not used; it is one call either way.
   */
  probe(principal: string): void {
    if (this.state !== 'untried' || this.probing) return
    this.probing = this.callProbe(principal).finally(() => {
      this.probing = undefined
    })
  }

  used(): MethodUsed {
    const grant = `grant ${ACTION} on the task and execution roles to the identity bwops runs as`
    if (this.answeredByAws === 0 && this.denied) {
      return {method: LOCAL_SIMULATE, note: `AWS denied ${ACTION} (${this.denied}), so bwops evaluated the fetched policies locally; to have AWS evaluate the roles' policies itself, ${grant}`}
    }

    const local = [...this.localWhy].map(([why, n]) => `${n} question${n === 1 ? '' : 's'} evaluated locally: ${why}`).join('; ')
    const note = local && this.denied ? `${local}; to have AWS answer them all, ${grant}` : local
    return {method: this.answeredByAws > 0 ? AWS_SIMULATE : LOCAL_SIMULATE, ...(note ? {note} : {})}
  }

  /** For the live source's description: how IAM is judged, as far as is known yet. */
  describe(): string {
    if (this.answeredByAws > 0) return `IAM: evaluated by AWS (${ACTION})${this.localWhy.size > 0 ? ', some questions locally' : ''}`
    if (this.denied) return `IAM: fetched policies evaluated locally (${ACTION} denied)`
    if (this.unavailable) return `IAM: fetched policies evaluated locally (${ACTION} failed at the endpoint)`
    return `IAM: ${ACTION}, else fetched policies evaluated locally`
  }

  private flush(): void {
    const groups = [...this.queued.values()]
    this.queued.clear()
    for (const group of groups) void this.answer(group)
  }

  private async answer(group: Group): Promise<void> {
    // until AWS has answered once, one call at a time: a denial then costs a single call
    while (this.state === 'untried' && this.probing) await this.probing
    if (this.state === 'local') return this.answerLocally(group.pending, this.deniedWhy())
    if (this.state === 'aws') return this.callAws(group)
    this.probing = this.callAws(group).finally(() => {
      this.probing = undefined
    })
    return this.probing
  }

  private async callProbe(principal: string): Promise<void> {
    try {
      await simulatePrincipalPolicy(this.ctx, {actions: [PROBE_ACTION], principal, resources: ['*']})
      this.state = 'aws'
    } catch (error) {
      // else (the role is gone, throttled past the retries): the first question tries again
      if (error instanceof AwsCallError) this.switchesToLocal(error)
    }
  }

  /**
   * A denial, or an endpoint that cannot simulate at all (a server error, an emulator without it),
   * sends the rest of the run to the local simulator: the first such failure decides, even when AWS
   * answered for another role before, so no question waits on another failing call.
   */
  private switchesToLocal(error: AwsCallError): boolean {
    if (error.kind === 'denied') this.denied = error.awsName
    else if (isOperationUnavailable(error)) this.unavailable = unavailableWhy(error)
    else return false
    this.state = 'local'
    return true
  }

  private async callAws(group: Group): Promise<void> {
    const actions = [...new Set(group.pending.map((p) => p.request.action))]
    try {
      const question = {actions, principal: group.principal, resources: [group.resource], ...(group.boundary ? {boundary: group.boundary} : {})}
      const answers = await simulatePrincipalPolicy(this.ctx, question)
      this.state = 'aws'
      for (const p of group.pending) {
        const answer = answers.find((a) => a.action.toLowerCase() === p.request.action.toLowerCase())
        if (!answer) this.answerLocally([p], 'AWS gave no answer for them')
        else if (answer.outcome.decision === 'implicitly-denied' && answer.missingContext.length > 0) {
          // AWS reads a condition key it was not given as not matching; the local simulator says "allowed, if ..."
          this.answerLocally([p], `their answer depends on condition keys AWS was not given (${answer.missingContext.join(', ')})`)
        } else {
          this.answeredByAws++
          p.resolve(answer.outcome)
        }
      }
    } catch (error) {
      if (!(error instanceof AwsCallError)) {
        for (const p of group.pending) p.reject(error)
        return
      }

      if (this.switchesToLocal(error)) return this.answerLocally(group.pending, this.deniedWhy())
      // the role is gone: this resource's questions are answered locally, the rest still asked
      this.answerLocally(group.pending, `${error.awsName} calling ${ACTION}`)
    }
  }

  private deniedWhy(): string | undefined {
    if (this.unavailable) return this.unavailable
    return this.denied ? `AWS denied ${ACTION} (${this.denied})` : undefined
  }

  private answerLocally(pending: Pending[], why?: string): void {
    if (why) this.localWhy.set(why, (this.localWhy.get(why) ?? 0) + pending.length)
    for (const p of pending) simulate(p.request).then(p.resolve, p.reject)
  }
}
