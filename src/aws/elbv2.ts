import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
  type TargetGroup,
  type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2'

import {call, type CallContext} from './calls.js'
import {isAwsNotFound} from './errors.js'

type Ctx = CallContext<{elbv2: ElasticLoadBalancingV2Client}>

/** DescribeTargetGroups for one ARN; undefined when it does not exist. */
export async function describeTargetGroup(ctx: Ctx, arn: string): Promise<TargetGroup | undefined> {
  try {
    const out = await call(ctx, 'elasticloadbalancing:DescribeTargetGroups', () =>
      ctx.clients.elbv2.send(new DescribeTargetGroupsCommand({TargetGroupArns: [arn]})),
    )
    return out.TargetGroups?.[0]
  } catch (error) {
    if (isAwsNotFound(error)) return undefined
    throw error
  }
}

/** DescribeTargetHealth for every target of a group; undefined when the group does not exist. */
export async function describeTargetHealth(ctx: Ctx, arn: string): Promise<TargetHealthDescription[] | undefined> {
  try {
    const out = await call(ctx, 'elasticloadbalancing:DescribeTargetHealth', () =>
      ctx.clients.elbv2.send(new DescribeTargetHealthCommand({TargetGroupArn: arn})),
    )
    return out.TargetHealthDescriptions ?? []
  } catch (error) {
    if (isAwsNotFound(error)) return undefined
    throw error
  }
}
