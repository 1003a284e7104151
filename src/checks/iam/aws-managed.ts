import type {NamedPolicy, PolicyDocument} from '../../facts/types.js'

// AWS managed policies whose text is public and stable, so bwops can judge a role offline when a
// source could only give the policy's name. The text is AWS's documented version of the policy.

const ECS_TASK_EXECUTION: PolicyDocument = {
  Statement: [
    {
      Action: [
        'ecr:GetAuthorizationToken',
        'ecr:BatchCheckLayerAvailability',
        'ecr:GetDownloadUrlForLayer',
        'ecr:BatchGetImage',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ],
      Effect: 'Allow',
      Resource: '*',
    },
  ],
  Version: '2012-10-17',
}

const KNOWN: Record<string, PolicyDocument> = {
  AmazonECSTaskExecutionRolePolicy: ECS_TASK_EXECUTION,
}

/** arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy -> AmazonECSTaskExecutionRolePolicy */
function awsManagedName(policy: NamedPolicy): string | undefined {
  const fromArn = policy.arn && /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(policy.arn)?.[1]
  if (fromArn) return fromArn
  return policy.arn ? undefined : policy.name
}

/** The policy's document: its own when known, else AWS's published text for a known managed policy. */
export function documentOf(policy: NamedPolicy): PolicyDocument | undefined {
  if (policy.document) return policy.document
  const name = awsManagedName(policy)
  return name ? KNOWN[name] : undefined
}
