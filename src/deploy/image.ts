import type {Profile} from '../profile/types.js'

export interface ImageChoice {
  uri: string
  /** set for a private ECR image: what preflight asks DescribeImages and what the role may pull */
  ecr?: {registryId: string; region: string; repository: string; tag: string; repositoryArn: string}
}

const ECR = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+))?(?:@.+)?$/

/** --image as given; --image-tag on the public image; else the public image's latest tag. */
export function chooseImage(options: {image?: string; imageTag?: string}, profile: Profile): ImageChoice {
  const uri = options.image ?? `public.ecr.aws/${profile.names.image}:${options.imageTag ?? 'latest'}`
  const m = ECR.exec(uri)
  if (!m) return {uri}
  const [, registryId = '', region = '', repository = '', tag = 'latest'] = m
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws'
  return {ecr: {region, registryId, repository, repositoryArn: `arn:${partition}:ecr:${region}:${registryId}:repository/${repository}`, tag}, uri}
}
