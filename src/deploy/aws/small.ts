import {DescribeSubnetsCommand, DescribeVpcsCommand, type EC2Client} from '@aws-sdk/client-ec2'
import {DescribeImagesCommand, type ECRClient} from '@aws-sdk/client-ecr'
import {GetCallerIdentityCommand, type STSClient} from '@aws-sdk/client-sts'

import type {Ec2Api, EcrApi, StsApi} from '../clients.js'
import {awsErrorName, isNamed} from './errors.js'

export function ecrApi(client: ECRClient): EcrApi {
  return {
    async imageExists(registryId, repository, tag) {
      try {
        const out = await client.send(new DescribeImagesCommand({imageIds: [{imageTag: tag}], registryId, repositoryName: repository}))
        return (out.imageDetails ?? []).length > 0 ? {status: 'found'} : {reason: `no image tagged ${tag}`, status: 'not-found'}
      } catch (error) {
        if (isNamed(error, 'ImageNotFoundException')) return {reason: `the repository ${repository} has no image tagged ${tag}`, status: 'not-found'}
        if (isNamed(error, 'RepositoryNotFoundException')) return {reason: `registry ${registryId} has no repository ${repository}`, status: 'not-found'}
        return {reason: `ecr:DescribeImages failed (${awsErrorName(error)})`, status: 'unknown'}
      }
    },
  }
}

export function ec2Api(client: EC2Client): Ec2Api {
  return {
    async defaultVpc() {
      const vpcs = await client.send(new DescribeVpcsCommand({Filters: [{Name: 'is-default', Values: ['true']}]}))
      const vpcId = vpcs.Vpcs?.[0]?.VpcId
      if (!vpcId) return undefined
      const subnets = await client.send(
        new DescribeSubnetsCommand({Filters: [{Name: 'vpc-id', Values: [vpcId]}, {Name: 'default-for-az', Values: ['true']}]}),
      )
      const subnetIds = (subnets.Subnets ?? []).map((s) => s.SubnetId).filter((id): id is string => Boolean(id)).sort()
      return {subnetIds, vpcId}
    },
  }
}

export function stsApi(client: STSClient): StsApi {
  return {
    async account() {
      const out = await client.send(new GetCallerIdentityCommand({}))
      return out.Account ?? ''
    },

    async region() {
      return client.config.region()
    },
  }
}
