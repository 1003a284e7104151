import {SECRET_V07} from '../fixtures/secrets/index.js'
import {
    CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation'
import {DescribeLogGroupsCommand, GetLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'
import {DescribeSubnetsCommand, DescribeVpcsCommand} from '@aws-sdk/client-ec2'
import {DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand} from '@aws-sdk/client-ecs'
import {CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand} from '@aws-sdk/client-secrets-manager'
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts'
import {beforeEach, describe, expect, it} from 'vitest'

import {builtinChecks} from '../../src/checks/index.js'
import {sdkDeployClients} from '../../src/deploy/aws/index.js'
import {runDeploy} from '../../src/deploy/deploy.js'
import {type DeployOptions, SecretValue} from '../../src/deploy/options.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {awsError} from '../fixtures/aws/account.js'
import {CLIENT_SECRET_ARN, QUEUE_ARN, QUILT_STACK_ARN, SECRET_ARN} from '../deploy/planned.js'
import {CHANGE_SET, deployment, deployMocks, event, instantClock, NEW_DEPLOYMENT, OLD_DEPLOYMENT, service, STACK_ID, stack, stoppedTask} from '../deploy/scripted.js'
import {expectNoLeak} from './planted.js'

// bwops deploy holds a real secret (the legacy client secret it stores) and reads AWS's answers
// while it watches: neither its printed lines nor its --json result may show a planted one.

const {all, cfn, ec2, ecs, logs, sm, sts} = deployMocks()
const CLIENT_SECRET = 'PLANTED-400-s3cr3t'
const clock = instantClock

const legacy: DeployOptions = {
  clientSecret: {kind: 'value', value: new SecretValue(CLIENT_SECRET, '--client-secret-file secret.txt')},
  dryRun: false, force: false, imageTag: '0.5.6', pollSeconds: 5, stackName: 'BenchlingWebhookStack', timeoutSeconds: 600, yes: true,
  legacy: {appId: 'appdef_abc123', bucket: 'quilt-user-bucket', catalog: 'nightly.quilttest.com', clientId: 'client-id-1', database: 'quilt_db', queueArn: QUEUE_ARN, tenant: 'quilt-dtt'},
}
const secretsOnly: DeployOptions = {...legacy, benchlingSecret: 'benchling-webhook', clientSecret: undefined, legacy: {}, imageTag: '0.7.10', quiltStackArn: QUILT_STACK_ARN}

async function deploy(options: DeployOptions, fetch: Parameters<typeof runDeploy>[1]['fetch']) {
  const lines: string[] = []
  const ui = {confirm: async () => true, interactive: false, line: (l: string) => lines.push(l), progress: (p: {text: string}) => lines.push(p.text)}
  const result = await runDeploy(options, {checks: builtinChecks, clients: await sdkDeployClients({region: 'us-east-1'}), clock, fetch, profile, ui})
  return {json: JSON.stringify(result), printed: lines.join('\n'), result}
}

beforeEach(() => {
  for (const m of all) m.reset()
  sts.on(GetCallerIdentityCommand).resolves({Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ops'})
  ec2.on(DescribeVpcsCommand).resolves({Vpcs: [{IsDefault: true, VpcId: 'vpc-0123abcd'}]})
  ec2.on(DescribeSubnetsCommand).resolves({Subnets: [{SubnetId: 'subnet-aaaa1111'}, {SubnetId: 'subnet-bbbb2222'}]})
  logs.on(DescribeLogGroupsCommand).resolves({logGroups: [{logGroupName: '/ecs/benchling-webhook'}]})
  sm.on(DescribeSecretCommand).rejects(awsError('ResourceNotFoundException', 'Secrets Manager can\'t find the specified secret.'))
  sm.on(DescribeSecretCommand, {SecretId: 'benchling-webhook'}).resolves({ARN: SECRET_ARN, Name: 'benchling-webhook'})
  sm.on(GetSecretValueCommand).resolves({ARN: SECRET_ARN, SecretString: JSON.stringify({...SECRET_V07, client_secret: 'PLANTED-401-s3cr3t'})})
  sm.on(CreateSecretCommand).resolves({ARN: CLIENT_SECRET_ARN, Name: 'BenchlingWebhookStack/benchling-client-secret'})
  const outputs = {DockerImageUri: 'public.ecr.aws/quiltdata/benchling:0.5.6', WebhookEndpoint: 'https://hook:PLANTED-402-s3cr3t@abc123.execute-api.us-east-1.amazonaws.com/prod'}
  cfn.on(DescribeStacksCommand).resolves(stack('UPDATE_COMPLETE', outputs, {DbPassword: 'PLANTED-403-s3cr3t'}))
  cfn.on(DescribeStacksCommand, {StackName: QUILT_STACK_ARN}).resolves(stack('UPDATE_COMPLETE', {CatalogDomain: 'quilt.example.com', PackagerQueueArn: QUEUE_ARN, UserAthenaDatabaseName: 'db', UserBucket: 'bucket'}))
  cfn.on(CreateChangeSetCommand).resolves({Id: CHANGE_SET, StackId: STACK_ID})
  const change = {ResourceChange: {Action: 'Modify' as const, LogicalResourceId: 'Service', Replacement: 'False' as const, ResourceType: 'AWS::ECS::Service'}, Type: 'Resource' as const}
  cfn.on(DescribeChangeSetCommand).resolves({ChangeSetId: CHANGE_SET, Changes: [change], ExecutionStatus: 'AVAILABLE', StackId: STACK_ID, Status: 'CREATE_COMPLETE'})
  cfn.on(DeleteChangeSetCommand).resolves({})
  cfn.on(ExecuteChangeSetCommand).resolves({})
  cfn.on(DescribeStackEventsCommand).resolves({StackEvents: [event(new Date(), 'Service', 'AWS::ECS::Service', 'UPDATE_IN_PROGRESS', 'Resource handler returned message: password=PLANTED-404-s3cr3t')]})
  ecs.on(ListTasksCommand).resolves({taskArns: []})
})

describe('bwops deploy shows no planted secret', () => {
  it('in a failed legacy rollout: the stored client secret, stop reasons, events and log lines', async () => {
    const events = [{at: new Date(), message: '(service benchling-webhook-service) (task x) failed: curl -u admin:PLANTED-405-s3cr3t token=PLANTED-406-s3cr3t'}]
    ecs.on(DescribeServicesCommand)
      .resolvesOnce(service([deployment(OLD_DEPLOYMENT, new Date(Date.now() - 3_600_000), {rolloutState: 'COMPLETED'})]))
      .resolves(service([deployment(NEW_DEPLOYMENT, new Date(), {pendingCount: 2, rolloutStateReason: 'secret_key=PLANTED-407-s3cr3t'})], events))
    const crashed = stoppedTask('0123456789abcdef', NEW_DEPLOYMENT, new Date(), {
      containers: [{exitCode: 1, lastStatus: 'STOPPED', name: 'BenchlingWebhookContainer', reason: 'AKIAPLANTED000000408 password: PLANTED-409-s3cr3t'}],
      stoppedReason: 'Essential container in task exited: client_secret=PLANTED-410-s3cr3t',
    })
    ecs.on(ListTasksCommand).resolves({taskArns: [crashed.taskArn!]})
    ecs.on(DescribeTasksCommand).resolves({tasks: [crashed]})
    logs.on(GetLogEventsCommand).resolves({events: [
      {message: `DEBUG loaded client secret {"client_secret": "${CLIENT_SECRET}"}`, timestamp: Date.now()},
      // no credential shape: only the value, which deploy itself holds, can be masked
      {message: `DEBUG BENCHLING_CLIENT_SECRET is ${CLIENT_SECRET}`, timestamp: Date.now()},
      {message: 'Failed to initialize application: password=PLANTED-411-s3cr3t', timestamp: Date.now()},
    ]})
    const {json, printed, result} = await deploy(legacy, async () => ({status: 200, text: async () => '{}'}))
    expect(result).toMatchObject({exitCode: 1, status: 'failed'})
    expectNoLeak(printed, 'deploy output')
    expectNoLeak(json, 'deploy --json')
    // the value was stored, only never shown
    expect(sm.commandCalls(CreateSecretCommand)[0]?.args[0].input.SecretString).toContain(CLIENT_SECRET)
    expect(printed).toContain('BenchlingWebhookStack/benchling-client-secret')
  })

  it('when the endpoint holds a password and answers with secrets', async () => {
    ecs.on(DescribeServicesCommand)
      .resolvesOnce(service([deployment(OLD_DEPLOYMENT, new Date(Date.now() - 3_600_000), {rolloutState: 'COMPLETED'})]))
      .resolves(service([deployment(NEW_DEPLOYMENT, new Date(), {rolloutState: 'COMPLETED', runningCount: 2})]))
    const fetch = async (url: string) => ({status: 200, text: async () => (url.endsWith('/config') ? '{"client_secret": "PLANTED-412-s3cr3t", "apiKey": "PLANTED-413-s3cr3t"}' : '{"status": "healthy", "token": "PLANTED-414-s3cr3t"}')})
    const {json, printed, result} = await deploy(secretsOnly, fetch)
    expect(result).toMatchObject({exitCode: 0, status: 'deployed'})
    expectNoLeak(printed, 'deploy output')
    expectNoLeak(json, 'deploy --json')
    expect(printed).toContain('abc123.execute-api.us-east-1.amazonaws.com/prod')
  })
})
