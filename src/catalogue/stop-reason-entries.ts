import type {CatalogueEntry} from './types.js'

/**
 * A known way an ECS task stops. `pattern` is tried on the task's stoppedReason and on each
 * container's reason; `stopCodes`, when given, must hold the task's stopCode too. An entry with
 * no pattern matches on the stop code alone. Order matters: the first entry that matches wins, so
 * specific messages come before the general ones they contain.
 */
export type StopReasonEntry = Omit<CatalogueEntry, 'pattern'> & {
  pattern?: RegExp
  stopCodes?: string[]
  /** false for stops that are part of normal operation: scale-in, a deployment replacing tasks */
  failure: boolean
}

const RIE = 'ResourceInitializationError'
const NETWORK = 'i/o timeout|request canceled|context canceled|context deadline exceeded|dial tcp|no such host|connection (refused|reset)'
// Every ResourceInitializationError starts "unable to pull secrets or registry auth": what was being
// fetched is named later, e.g. "unable to retrieve secret from asm", "unable to retrieve ecr registry auth".
const SECRET_CALL = String.raw`(retrieve secrets? from (asm|ssm)|fetch secret|secrets manager|ssm parameter)`
const DENIED = String.raw`(?<principal>arn:aws[\w-]*:(?:sts|iam)::\d+:[\w/+=,.@-]+)?.*?not authorized to perform:\s*(?<action>[\w:*-]+)`

export const stopReasonEntries: StopReasonEntry[] = [
  // ResourceInitializationError: the agent could not prepare the task (secrets, registry auth, logs).
  {
    cause: 'The task definition reads key "{key}" of a Secrets Manager secret (a `secrets` entry whose valueFrom ends in `:{key}::`), and the secret\'s JSON has no such key, so no task can start.',
    failure: true,
    fix: 'Add the key "{key}" to the secret (`aws secretsmanager put-secret-value`, keeping the other keys), or correct the `secrets` entry that references it; then redeploy.',
    id: 'secret-json-key-missing',
    impact: 'start',
    pattern: new RegExp(String.raw`${RIE}.*did not contain json key (?<key>[^\s,;)]+)`, 'i'),
    title: 'The secret has no JSON key "{key}"',
  },
  {
    cause: 'The execution role may read the secret but not decrypt it: the secret uses a customer-managed KMS key and the role lacks kms:Decrypt on it.',
    details: [new RegExp(DENIED, 'i')],
    failure: true,
    fix: "Grant the execution role kms:Decrypt on the secret's KMS key (and allow it in the key policy), then redeploy.",
    id: 'secret-kms-denied',
    impact: 'start',
    pattern: new RegExp(String.raw`${RIE}.*${SECRET_CALL}.*(kms:Decrypt|KMS.*(AccessDenied|not authorized|not allowed)|AccessDenied.*KMS)`, 'i'),
    title: 'The execution role cannot decrypt the secret (kms:Decrypt)',
  },
  {
    cause: 'The execution role is not allowed to read a secret the task definition references, so ECS cannot inject it and the task never starts.',
    details: [new RegExp(DENIED, 'i'), /on resource:\s*(?<resource>\S+)/i],
    failure: true,
    fallbacks: {action: 'secretsmanager:GetSecretValue', resource: 'the secret'},
    fix: "Grant the task's execution role {action} on {resource} (the secret's full ARN, or `arn:...:secret:<name>-*`), then redeploy.",
    id: 'secret-access-denied',
    impact: 'start',
    pattern: new RegExp(String.raw`${RIE}.*${SECRET_CALL}.*(AccessDenied|not authorized)`, 'i'),
    title: 'The execution role may not read the secret ({action})',
  },
  {
    cause: "A `secrets` entry names a secret Secrets Manager cannot find: a wrong name or ARN, a secret in another region or account, or one that was deleted.",
    failure: true,
    fix: "Check the valueFrom of each `secrets` entry in the task definition against `aws secretsmanager describe-secret --secret-id <arn>` in the task's region; fix the reference or create the secret.",
    id: 'secret-not-found',
    impact: 'start',
    pattern: new RegExp(String.raw`${RIE}.*${SECRET_CALL}.*(ResourceNotFoundException|can't find the specified secret|ParameterNotFound|InvalidParameters)`, 'i'),
    title: 'A secret the task definition references does not exist',
  },
  {
    cause: "The awslogs log driver could not start: the log group does not exist and the driver is not allowed to create it.",
    failure: true,
    fix: 'Create the log group (`aws logs create-log-group --log-group-name <group>`), or set the awslogs option `awslogs-create-group: "true"` and grant logs:CreateLogGroup to the execution role.',
    id: 'log-group-missing',
    impact: 'start',
    pattern: new RegExp(String.raw`${RIE}.*(log group does not exist|ResourceNotFoundException.*log)`, 'i'),
    title: 'The log group of the awslogs driver does not exist',
  },
  {
    cause: 'The execution role may not get an ECR authorization token or pull the image (AmazonECSTaskExecutionRolePolicy missing, or a repository policy that does not allow this account).',
    details: [new RegExp(DENIED, 'i')],
    failure: true,
    fix: 'Attach AmazonECSTaskExecutionRolePolicy to the execution role (ecr:GetAuthorizationToken, ecr:BatchGetImage, ecr:GetDownloadUrlForLayer); for a repository in another account, allow this account in its repository policy.',
    id: 'registry-auth-denied',
    impact: 'start',
    pattern: new RegExp(String.raw`${RIE}.*registry auth.*(ecr|registry).*(AccessDenied|not authorized|403)`, 'i'),
    title: 'The execution role may not authenticate to the image registry',
  },
  {
    cause: "The task has no network path to the AWS services it needs before starting (Secrets Manager, SSM, ECR, CloudWatch Logs): a private subnet without a NAT gateway or VPC endpoints, or a task without a public IP in a public subnet.",
    failure: true,
    fix: 'Give the task a route out: assignPublicIp ENABLED in a public subnet, a NAT gateway for private subnets, or VPC endpoints for secretsmanager, ecr.api, ecr.dkr, logs and an S3 gateway endpoint; check security group egress to 443.',
    id: 'init-network',
    impact: 'start',
    pattern: new RegExp(String.raw`${RIE}.*(${NETWORK})`, 'i'),
    title: 'No network path to AWS services while preparing the task',
  },
  {
    cause: 'ECS could not prepare the task (secrets, registry authentication or logging) before starting its containers.',
    failure: true,
    fix: 'Read the full stoppedReason in the evidence: it names the service call that failed; check the execution role and the network path to that service.',
    id: 'resource-initialization',
    impact: 'start',
    pattern: new RegExp(RIE, 'i'),
    title: 'ECS could not prepare the task (ResourceInitializationError)',
  },
  // CannotPullContainerError: the image could not be pulled.
  {
    cause: 'The image was built for another CPU architecture than the task runs on (e.g. arm64 on an x86_64 task).',
    failure: true,
    fix: "Build and push a linux/amd64 image (`docker buildx build --platform linux/amd64`), or set the task definition's runtimePlatform.cpuArchitecture to match the image.",
    id: 'pull-platform-mismatch',
    impact: 'start',
    pattern: /CannotPullContainerError.*(does not contain descriptor matching platform|no matching manifest)/i,
    title: 'The image has no variant for the task\'s platform',
  },
  {
    cause: 'The image or its tag does not exist in the registry.',
    failure: true,
    fix: 'Check the image URI in the task definition (`aws ecr describe-images --repository-name <repo> --image-ids imageTag=<tag>`), push the tag, or point the task definition at one that exists.',
    id: 'pull-not-found',
    impact: 'start',
    pattern: /CannotPullContainerError.*(not found|manifest unknown|repository does not exist|name unknown|no such image)/i,
    title: 'The image or tag does not exist',
  },
  {
    cause: 'The registry refused the pull: the execution role lacks ECR permissions, or the repository belongs to another account whose repository policy does not allow this one.',
    failure: true,
    fix: 'Attach AmazonECSTaskExecutionRolePolicy to the execution role; for a cross-account repository, allow the role in the repository policy (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer).',
    id: 'pull-access-denied',
    impact: 'start',
    pattern: /CannotPullContainerError.*(403|AccessDenied|access denied|denied|not authorized|unauthorized)/i,
    title: 'Access to the image was denied',
  },
  {
    cause: 'The image registry refused more pulls from this address (Docker Hub rate limit).',
    failure: true,
    fix: 'Pull from ECR (public.ecr.aws or a private repository) instead of Docker Hub, or authenticate to Docker Hub with repositoryCredentials.',
    id: 'pull-rate-limited',
    impact: 'start',
    pattern: /CannotPullContainerError.*(toomanyrequests|rate limit)/i,
    title: 'The image registry rate-limited the pull',
  },
  {
    cause: 'The task has no network path to the image registry: a private subnet without a NAT gateway or ECR endpoints, or no public IP in a public subnet.',
    failure: true,
    fix: 'Give the task a route to the registry: assignPublicIp ENABLED in a public subnet, a NAT gateway, or VPC endpoints for ecr.api and ecr.dkr plus an S3 gateway endpoint; allow egress to 443.',
    id: 'pull-network',
    impact: 'start',
    pattern: new RegExp(String.raw`CannotPullContainerError.*(${NETWORK})`, 'i'),
    title: 'No network path to the image registry',
  },
  {
    cause: 'ECS could not pull the container image.',
    failure: true,
    fix: 'Read the full reason in the evidence; check the image URI, the execution role\'s ECR permissions and the network path to the registry.',
    id: 'pull-failed',
    impact: 'start',
    pattern: /CannotPullContainerError/i,
    title: 'The image could not be pulled',
  },
  // The container could not be created or started.
  {
    cause: 'The command or entry point is not in the image (or not executable), so the container could not start.',
    failure: true,
    fix: "Check the task definition's `command`/`entryPoint` against the image: `docker run --rm --entrypoint sh <image> -c 'command -v <program>'`.",
    id: 'start-exec-not-found',
    impact: 'start',
    pattern: /CannotStartContainerError.*(executable file not found|no such file or directory|permission denied)/i,
    title: 'The container command is not in the image',
  },
  {
    cause: 'The container runtime could not create or start the container.',
    failure: true,
    fix: 'Read the full reason in the evidence: it names what the runtime rejected (command, mount, user, resource limits).',
    id: 'container-runtime-error',
    impact: 'start',
    pattern: /Cannot(Start|Create|Inspect)ContainerError/i,
    title: 'The container could not be created or started',
  },
  {
    cause: 'The container runtime did not start the container in time; on Fargate this is usually slow networking to the registry or to AWS services.',
    failure: true,
    fix: 'Check the subnets\' route to the internet or the VPC endpoints, and retry; if it persists in one AZ, remove that subnet.',
    id: 'runtime-timeout',
    impact: 'start',
    pattern: /ContainerRuntimeTimeoutError|DockerTimeoutError|Timeout waiting for network interface/i,
    title: 'The container runtime timed out starting the container',
  },
  // The container ran and stopped.
  {
    cause: 'The container used all the memory it was given and the kernel killed it.',
    failure: true,
    fix: "Raise the task's memory (and the container's `memory` limit if set) in the task definition, or find what uses the memory; check with `docker stats` under a local run.",
    id: 'out-of-memory',
    impact: 'runtime',
    pattern: /OutOfMemoryError|OutOfMemory|killed due to memory usage/i,
    title: 'The container ran out of memory',
  },
  {
    cause: 'The load balancer\'s health check on {targetGroup} failed, so ECS replaced the task: a wrong health check path or port, a security group that blocks the load balancer, or an app not ready within the grace period.',
    details: [/target-group (?<targetGroup>arn:[^\s)]+)/i],
    failure: true,
    fallbacks: {targetGroup: 'the target group'},
    fix: "Make the target group's health check path and port answer 200 (the webhook's /health/ready on its container port), allow the load balancer's security group to reach the task's port, and give the service a health check grace period of at least the app's start time.",
    id: 'elb-health-check',
    impact: 'health',
    pattern: /Task failed ELB health checks/i,
    title: 'The task failed the load balancer health checks',
  },
  {
    cause: "The container's own healthCheck command failed: a wrong port or path, a tool the image lacks (curl), or a start period too short for the app to boot.",
    failure: true,
    fix: "Run the healthCheck command inside the image (`docker run --rm <image> sh -c '<command>'`); fix its port and path, ship the tool it calls, or lengthen `startPeriod`.",
    id: 'container-health-check',
    impact: 'health',
    pattern: /Task failed container health checks|failed container health checks/i,
    title: 'The task failed its container health check',
  },
  {
    cause: 'The app in container {container} exited with code {exitCode} ({meaning}). {exitCause}',
    failure: true,
    fallbacks: {container: 'the essential container', exitCause: '', exitCode: 'unknown', exitFix: "Read the container's last log lines for the error.", meaning: 'no exit code recorded'},
    fix: '{exitFix}',
    id: 'essential-container-exited',
    impact: 'start',
    pattern: /Essential container in task exited/i,
    title: 'Container {container} exited with code {exitCode} ({meaning})',
  },
  // Stops that are part of normal operation.
  {
    cause: 'ECS stopped the task to scale in or because a deployment replaced it. Not a failure.',
    failure: false,
    fix: 'Nothing to fix.',
    id: 'scaling-activity',
    impact: 'hygiene',
    pattern: /Scaling activity initiated by/i,
    title: 'Replaced by a deployment or scaled in',
  },
  {
    cause: 'The task was stopped for infrastructure maintenance or a Spot interruption, and ECS starts a replacement. Not a failure of the app.',
    failure: false,
    fix: 'Nothing to fix; run at least two tasks so one stop does not interrupt the service.',
    id: 'maintenance',
    impact: 'hygiene',
    pattern: /maintenance|retire|Spot.*interrupt|termination notice/i,
    title: 'Stopped for maintenance or a Spot interruption',
  },
  // Stop codes alone, for stops with no telling reason. (A TaskFailedToStart or
  // EssentialContainerExited with an unknown reason is left unmatched: known false.)
  {
    cause: 'Someone (or a tool acting for them) stopped the task. Not a failure.',
    failure: false,
    fix: 'Nothing to fix.',
    id: 'user-initiated',
    impact: 'hygiene',
    stopCodes: ['UserInitiated'],
    title: 'Stopped by a user',
  },
  {
    cause: 'The ECS service scheduler stopped the task without reporting a failure (a deployment, scale-in, or rebalancing). Not a failure.',
    failure: false,
    fix: 'Nothing to fix.',
    id: 'scheduler-initiated',
    impact: 'hygiene',
    stopCodes: ['ServiceSchedulerInitiated'],
    title: 'Stopped by the service scheduler',
  },
  {
    cause: 'A Fargate Spot task was interrupted, or Fargate retired the task for maintenance. Not a failure of the app.',
    failure: false,
    fix: 'Nothing to fix; run at least two tasks, or use FARGATE rather than FARGATE_SPOT for the base capacity.',
    id: 'interruption',
    impact: 'hygiene',
    stopCodes: ['SpotInterruption', 'TerminationNotice'],
    title: 'Interrupted by Spot or a termination notice',
  },
]
