import {DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client} from '@aws-sdk/client-ec2'
import {DescribeImagesCommand, type DescribeImagesCommandOutput, ECRClient} from '@aws-sdk/client-ecr'
import {mockClient} from 'aws-sdk-client-mock'
import {describe, expect, it} from 'vitest'

import {defaultSubnets, defaultVpcId} from '../../src/aws/ec2.js'
import {describeImageByTag} from '../../src/aws/ecr.js'
import {awsError, ctxOf, region} from './helpers.js'

describe('ec2 adapter', () => {
  it('finds the default VPC and its default subnets over every page', async () => {
    const ec2 = new EC2Client(region)
    const mock = mockClient(ec2)
    mock.on(DescribeVpcsCommand).resolvesOnce({Vpcs: [{IsDefault: true, VpcId: 'vpc-1'}]}).resolvesOnce({Vpcs: []})
    mock.on(DescribeSubnetsCommand).resolvesOnce({NextToken: 'n', Subnets: [{SubnetId: 'subnet-b'}]}).resolvesOnce({Subnets: [{SubnetId: 'subnet-a'}]})
    const ctx = ctxOf({ec2})
    expect(await defaultVpcId(ctx)).toBe('vpc-1')
    expect(mock.commandCalls(DescribeVpcsCommand)[0]?.args[0].input).toEqual({Filters: [{Name: 'is-default', Values: ['true']}]})
    expect((await defaultSubnets(ctx, 'vpc-1')).map((s) => s.SubnetId)).toEqual(['subnet-b', 'subnet-a'])
    expect(mock.commandCalls(DescribeSubnetsCommand)[1]?.args[0].input).toMatchObject({Filters: [{Name: 'vpc-id', Values: ['vpc-1']}, {Name: 'default-for-az', Values: ['true']}], NextToken: 'n'})
    // a region whose default VPC was deleted
    expect(await defaultVpcId(ctx)).toBeUndefined()
  })
})

describe('ecr adapter', () => {
  /** one lookup of 123456789012/webhook:0.5.6, DescribeImages answering `answer` (or failing with it) */
  const lookup = async (answer: DescribeImagesCommandOutput | Error) => {
    const ecr = new ECRClient(region)
    const mock = mockClient(ecr)
    if (answer instanceof Error) mock.on(DescribeImagesCommand).rejects(answer)
    else mock.on(DescribeImagesCommand).resolves(answer)
    return describeImageByTag(ctxOf({ecr}), '123456789012', 'webhook', '0.5.6')
  }

  it.each([
    ['an image', {$metadata: {}, imageDetails: [{imageDigest: 'sha256:abc', imageTags: ['0.5.6']}]}, 'found'],
    ['no image details', {$metadata: {}, imageDetails: []}, 'image-not-found'],
  ])('reads %s', async (_what, response, status) => {
    expect(await lookup(response)).toMatchObject({status})
  })

  it.each([
    ['ImageNotFoundException', 'image-not-found'],
    ['RepositoryNotFoundException', 'repository-not-found'],
  ])('reads %s as %s', async (name, status) => {
    expect(await lookup(awsError(name, 'not there'))).toEqual({status})
  })

  it('rethrows a denied call as an AwsCallError naming the permission', async () => {
    await expect(lookup(awsError('AccessDeniedException', 'no'))).rejects.toMatchObject({action: 'ecr:DescribeImages', kind: 'denied'})
  })
})
