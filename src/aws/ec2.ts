import {DescribeSubnetsCommand, DescribeVpcsCommand, type EC2Client, type Subnet} from '@aws-sdk/client-ec2'

import {call, type CallContext} from './calls.js'

// The region's default VPC and its default subnets: where deploy puts the webhook when no
// --vpc-id is given. Neither call has a not-found: a region without one answers with none.

type Ctx = CallContext<{ec2: EC2Client}>

/** DescribeVpcs filtered on is-default; undefined when the region has no default VPC. */
export async function defaultVpcId(ctx: Ctx): Promise<string | undefined> {
  const out = await call(ctx, 'ec2:DescribeVpcs', () =>
    ctx.clients.ec2.send(new DescribeVpcsCommand({Filters: [{Name: 'is-default', Values: ['true']}]})),
  )
  return out.Vpcs?.find((v) => v.VpcId)?.VpcId
}

/** DescribeSubnets of one VPC that are default for their zone (one a zone), every page. */
export async function defaultSubnets(ctx: Ctx, vpcId: string, maxPages = 10): Promise<Subnet[]> {
  const subnets: Subnet[] = []
  let nextToken: string | undefined
  let pages = 0
  do {
    const out = await call(ctx, 'ec2:DescribeSubnets', () =>
      ctx.clients.ec2.send(
        new DescribeSubnetsCommand({Filters: [{Name: 'vpc-id', Values: [vpcId]}, {Name: 'default-for-az', Values: ['true']}], NextToken: nextToken}),
      ),
    )
    subnets.push(...(out.Subnets ?? []))
    nextToken = out.NextToken
  } while (nextToken && ++pages < maxPages)
  return subnets
}
