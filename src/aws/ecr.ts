import {DescribeImagesCommand, type ECRClient, type ImageDetail} from '@aws-sdk/client-ecr'

import {call, type CallContext} from './calls.js'
import {AwsCallError} from './errors.js'

type Ctx = CallContext<{ecr: ECRClient}>

export type ImageByTag = {status: 'found'; image: ImageDetail} | {status: 'image-not-found'} | {status: 'repository-not-found'}

/** DescribeImages for one tag of one repository; which of the two is missing, as a value. */
export async function describeImageByTag(ctx: Ctx, registryId: string, repository: string, tag: string): Promise<ImageByTag> {
  try {
    const out = await call(ctx, 'ecr:DescribeImages', () =>
      ctx.clients.ecr.send(new DescribeImagesCommand({imageIds: [{imageTag: tag}], registryId, repositoryName: repository})),
    )
    const image = out.imageDetails?.[0]
    return image ? {image, status: 'found'} : {status: 'image-not-found'}
  } catch (error) {
    if (error instanceof AwsCallError && error.awsName === 'ImageNotFoundException') return {status: 'image-not-found'}
    if (error instanceof AwsCallError && error.awsName === 'RepositoryNotFoundException') return {status: 'repository-not-found'}
    throw error
  }
}
