import {type SimOutcome, type SimRequest, simulate} from './simulate.js'
import {type IamMethod, LOCAL_SIMULATE} from './types.js'

// Who answers the role questions is a parameter of the evaluation: offline, the local simulator;
// live, AWS first (src/facts/sources/live-iam-simulate.ts). Only questions about a real role on a
// concrete resource reach `ask`; the trust policy and deploy-time values are always judged locally.

export interface MethodUsed {
  method: IamMethod
  /** why it fell back to local, and what would allow the AWS path */
  note?: string
}

export interface IamAnswers {
  /** answers one question about a role's own permissions */
  ask(request: SimRequest): Promise<SimOutcome>
  /** which way the questions were answered; read once all were */
  used(): MethodUsed
  /** learns early, from one role, whether the questions can be sent (AWS's answers: may it be asked?) */
  probe?(principal: string): void
}

export const localAnswers: IamAnswers = {
  ask: simulate,
  used: () => ({method: LOCAL_SIMULATE}),
}
