import {CreateChangeSetCommand, DeleteChangeSetCommand, DeleteStackCommand, DescribeChangeSetCommand, DescribeStackEventsCommand, DescribeStacksCommand, ExecuteChangeSetCommand} from '@aws-sdk/client-cloudformation'
import {DescribeLogGroupsCommand, GetLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'
import {DescribeSubnetsCommand, DescribeVpcsCommand} from '@aws-sdk/client-ec2'
import {DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand} from '@aws-sdk/client-ecs'
import {CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand} from '@aws-sdk/client-secrets-manager'
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts'
import {beforeEach, describe, expect, it} from 'vitest'

import {AwsCallError} from '../../src/aws/errors.js'
import {builtinChecks} from '../../src/checks/index.js'
import {sdkDeployClients} from '../../src/deploy/aws/index.js'
import {runDeploy} from '../../src/deploy/deploy.js'
import {type DeployOptions, SecretValue} from '../../src/deploy/options.js'
import {UserError} from '../../src/errors.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {awsError} from '../fixtures/aws/account.js'
import {CLIENT_SECRET_ARN, QUEUE_ARN} from './planned.js'
import {CHANGE_SET, deployment, deployMocks, instantClock, NEW_DEPLOYMENT, service, STACK_ID, stoppedTask} from './scripted.js'

// No orphan resources: the secret a legacy deploy stores before the change set (the change set
// must name its ARN) is removed when no change set comes of it, or named with the command that
// removes it when it cannot be, or when a failed rollout may still use it.

const {all, cfn, ec2, ecs, logs, sm, sts} = deployMocks()
const REMOVE = `aws secretsmanager delete-secret --secret-id ${CLIENT_SECRET_ARN} --force-delete-without-recovery --region us-east-1`

const legacy: DeployOptions = {
  clientSecret: {kind: 'value', value: new SecretValue('client-secret-value', '--client-secret-file secret.txt')},
  dryRun: false,
  force: false,
  imageTag: '0.5.6',
  legacy: {appId: 'appdef_abc123', bucket: 'quilt-user-bucket', catalog: 'nightly.quilttest.com', clientId: 'client-id-1', database: 'quilt_db', queueArn: QUEUE_ARN, tenant: 'quilt-dtt'},
  pollSeconds: 5,
  stackName: 'BenchlingWebhookStack',
  timeoutSeconds: 600,
  yes: true,
}

async function deploy(): Promise<{lines: string[]; error?: unknown; status?: string}> {
  const lines: string[] = []
  const ui = {confirm: async () => true, interactive: false, line: (l: string) => lines.push(l), progress: (p: {text: string}) => lines.push(p.text)}
  try {
    const result = await runDeploy(legacy, {checks: builtinChecks, clients: await sdkDeployClients({region: 'us-east-1'}), clock: instantClock, profile, ui})
    return {lines, status: result.status}
  } catch (error) {
    return {error, lines}
  }
}

beforeEach(() => {
  for (const m of all) m.reset()
  sts.on(GetCallerIdentityCommand).resolves({Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ops'})
  ec2.on(DescribeVpcsCommand).resolves({Vpcs: [{IsDefault: true, VpcId: 'vpc-0123abcd'}]})
  ec2.on(DescribeSubnetsCommand).resolves({Subnets: [{SubnetId: 'subnet-aaaa1111'}, {SubnetId: 'subnet-bbbb2222'}]})
  logs.on(DescribeLogGroupsCommand).resolves({logGroups: []})
  // a first deploy: no stack, no stored client secret yet
  sm.on(DescribeSecretCommand).rejects(awsError('ResourceNotFoundException', 'Secrets Manager can\'t find the specified secret.'))
  sm.on(CreateSecretCommand).resolves({ARN: CLIENT_SECRET_ARN, Name: 'BenchlingWebhookStack/benchling-client-secret'})
  sm.on(DeleteSecretCommand).resolves({ARN: CLIENT_SECRET_ARN})
  cfn.on(DescribeStacksCommand).rejects(awsError('ValidationError', 'Stack with id BenchlingWebhookStack does not exist'))
  cfn.on(CreateChangeSetCommand).resolves({Id: CHANGE_SET, StackId: STACK_ID})
  cfn.on(DeleteChangeSetCommand).resolves({})
  cfn.on(DeleteStackCommand).resolves({})
})

describe('the client secret a deploy stores', () => {
  it('is removed when CloudFormation cannot make the change set', async () => {
    cfn.on(DescribeChangeSetCommand).resolves({ChangeSetId: CHANGE_SET, StackId: STACK_ID, Status: 'FAILED', StatusReason: 'Template format error: Unresolved resource dependencies [X]'})
    const {error, lines} = await deploy()
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toMatch(/could not make the change set: Template format error/)
    expect(sm.commandCalls(CreateSecretCommand)).toHaveLength(1)
    expect(sm.commandCalls(DeleteSecretCommand).map((c) => c.args[0].input)).toEqual([{ForceDeleteWithoutRecovery: true, SecretId: CLIENT_SECRET_ARN}])
    expect(lines).toContain(`The client secret deploy stored for this change (${CLIENT_SECRET_ARN}) was removed; nothing is left behind.`)
    // the empty stack a refused first change set leaves goes too
    expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(1)
  })

  it('is removed when the change set cannot even be asked for, and the AWS error is said as before', async () => {
    cfn.on(CreateChangeSetCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform: cloudformation:CreateChangeSet'))
    const {error, lines} = await deploy()
    expect(error).toBeInstanceOf(AwsCallError)
    expect(sm.commandCalls(DeleteSecretCommand)).toHaveLength(1)
    expect(lines.at(-1)).toMatch(/was removed; nothing is left behind/)
  })

  it('is named, with the command that removes it, when removing it fails', async () => {
    cfn.on(DescribeChangeSetCommand).resolves({ChangeSetId: CHANGE_SET, StackId: STACK_ID, Status: 'FAILED', StatusReason: 'Parameter VpcId is invalid'})
    sm.on(DeleteSecretCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform secretsmanager:DeleteSecret'))
    const {error, lines} = await deploy()
    expect(error).toBeInstanceOf(UserError)
    expect(lines).toContain(`The client secret deploy stored for this change could not be removed (AccessDeniedException). Remove it with: ${REMOVE}`)
  })

  it('is kept and named after a failed rollout, which may still use it', async () => {
    cfn.on(DescribeChangeSetCommand).resolves({
      ChangeSetId: CHANGE_SET,
      Changes: [{ResourceChange: {Action: 'Add', LogicalResourceId: 'Service', ResourceType: 'AWS::ECS::Service'}, Type: 'Resource'}],
      ExecutionStatus: 'AVAILABLE',
      StackId: STACK_ID,
      Status: 'CREATE_COMPLETE',
    })
    cfn.on(ExecuteChangeSetCommand).resolves({})
    cfn.on(DescribeStackEventsCommand).resolves({StackEvents: []})
    ecs.on(DescribeServicesCommand).resolvesOnce({services: []}).resolves(service([deployment(NEW_DEPLOYMENT, new Date(), {pendingCount: 2})]))
    const crashed = stoppedTask('0123456789abcdef', NEW_DEPLOYMENT, new Date(), {
      containers: [{exitCode: 1, lastStatus: 'STOPPED', name: 'BenchlingWebhookContainer'}],
      stoppedReason: 'Essential container in task exited',
    })
    ecs.on(ListTasksCommand).resolves({taskArns: [crashed.taskArn!]})
    ecs.on(DescribeTasksCommand).resolves({tasks: [crashed]})
    logs.on(GetLogEventsCommand).resolves({events: []})
    const {lines, status} = await deploy()
    expect(status).toBe('failed')
    expect(sm.commandCalls(DeleteSecretCommand)).toHaveLength(0)
    expect(lines).toContain(`The client secret deploy stored for this stack is ${CLIENT_SECRET_ARN}; the next deploy reuses it. If you give the stack up, remove it with: ${REMOVE}`)
  })
})
