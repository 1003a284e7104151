// AWS responses, shaped as the APIs document them, for scripting a rollout.
import {CloudFormationClient} from '@aws-sdk/client-cloudformation'
import {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs'
import {EC2Client} from '@aws-sdk/client-ec2'
import {type Deployment, ECSClient, type Task} from '@aws-sdk/client-ecs'
import {SecretsManagerClient} from '@aws-sdk/client-secrets-manager'
import {STSClient} from '@aws-sdk/client-sts'
import {mockClient} from 'aws-sdk-client-mock'

export const NEW_DEPLOYMENT = 'ecs-svc/2222222222222222222'
export const OLD_DEPLOYMENT = 'ecs-svc/1111111111111111111'
export const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/benchling-webhook-cluster'
export const CHANGE_SET = 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/bwops-1/abc'
export const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/BenchlingWebhookStack/abc'
/** A clock whose sleeps return at once: a watch runs through its polls without waiting. */
export const instantClock = {now: () => Date.now(), sleep: async () => {}}

/** The SDK clients a deploy uses, mocked; reset them all with `for (const m of all) m.reset()`. */
export function deployMocks() {
  const mocks = {
    cfn: mockClient(CloudFormationClient),
    ec2: mockClient(EC2Client),
    ecs: mockClient(ECSClient),
    logs: mockClient(CloudWatchLogsClient),
    sm: mockClient(SecretsManagerClient),
    sts: mockClient(STSClient),
  }
  return {...mocks, all: Object.values(mocks)}
}

const TASK_DEF = (rev: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/benchling-webhook-task:${rev}`

export function stack(status: string, outputs: Record<string, string> = {}, parameters: Record<string, string> = {}) {
  return {
    Stacks: [
      {
        CreationTime: new Date('2025-01-01T00:00:00Z'),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({OutputKey, OutputValue})),
        Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ParameterKey, ParameterValue})),
        StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/BenchlingWebhookStack/abc',
        StackName: 'BenchlingWebhookStack',
        StackStatus: status,
      },
    ],
  } as never
}

export function event(at: Date, logicalId: string, type: string, status: string, reason?: string) {
  return {
    EventId: `${logicalId}-${status}-${at.getTime()}`,
    LogicalResourceId: logicalId,
    ResourceStatus: status,
    ResourceStatusReason: reason,
    ResourceType: type,
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/BenchlingWebhookStack/abc',
    StackName: 'BenchlingWebhookStack',
    Timestamp: at,
  } as never
}

export function deployment(id: string, at: Date, fields: Partial<Deployment> = {}): Deployment {
  return {
    createdAt: at,
    desiredCount: 2,
    failedTasks: 0,
    id,
    pendingCount: 0,
    rolloutState: 'IN_PROGRESS',
    runningCount: 0,
    status: 'PRIMARY',
    taskDefinition: TASK_DEF(id === NEW_DEPLOYMENT ? 2 : 1),
    updatedAt: at,
    ...fields,
  }
}

export function service(deployments: Deployment[], events: {at: Date; message: string}[] = []) {
  return {
    failures: [],
    services: [
      {
        clusterArn: CLUSTER_ARN,
        deploymentConfiguration: {deploymentCircuitBreaker: {enable: true, rollback: true}, maximumPercent: 200, minimumHealthyPercent: 50},
        deployments,
        desiredCount: 2,
        events: events.map((e, i) => ({createdAt: e.at, id: `ev-${i}-${e.at.getTime()}`, message: e.message})),
        pendingCount: 0,
        runningCount: 0,
        serviceName: 'benchling-webhook-service',
        status: 'ACTIVE',
      },
    ],
  } as never
}

export function stoppedTask(id: string, startedBy: string, at: Date, fields: Partial<Task> = {}): Task {
  return {
    containers: [{exitCode: 1, lastStatus: 'STOPPED', name: 'BenchlingWebhookContainer'}],
    createdAt: new Date(at.getTime() - 20_000),
    desiredStatus: 'STOPPED',
    lastStatus: 'STOPPED',
    startedBy,
    stopCode: 'EssentialContainerExited',
    stoppedAt: at,
    stoppedReason: 'Essential container in task exited',
    taskArn: `arn:aws:ecs:us-east-1:123456789012:task/benchling-webhook-cluster/${id}`,
    taskDefinitionArn: TASK_DEF(startedBy === NEW_DEPLOYMENT ? 2 : 1),
    ...fields,
  }
}
