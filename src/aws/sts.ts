import {GetCallerIdentityCommand, type STSClient} from '@aws-sdk/client-sts'

import {call, type CallContext} from './calls.js'

export interface CallerIdentity {
  account: string
  arn: string
  userId?: string
}

/** GetCallerIdentity: who bwops runs as. It needs no permission, so its failure means no usable credentials. */
export async function getCallerIdentity(ctx: CallContext<{sts: STSClient}>): Promise<CallerIdentity> {
  const out = await call(ctx, 'sts:GetCallerIdentity', () => ctx.clients.sts.send(new GetCallerIdentityCommand({})))
  return {account: out.Account ?? '', arn: out.Arn ?? '', ...(out.UserId ? {userId: out.UserId} : {})}
}
