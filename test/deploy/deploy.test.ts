import {
    CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation'
import {DescribeLogGroupsCommand, GetLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'
import {DescribeSubnetsCommand, DescribeVpcsCommand} from '@aws-sdk/client-ec2'
import {DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand} from '@aws-sdk/client-ecs'
import {DescribeSecretCommand, GetSecretValueCommand} from '@aws-sdk/client-secrets-manager'
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts'
import {beforeEach, describe, expect, it} from 'vitest'

import {builtinChecks} from '../../src/checks/index.js'
import {createDeployAwsContext} from '../../src/aws/deploy-clients.js'
import {AwsCallError, awsUserError} from '../../src/aws/errors.js'
import {deployClientsOver, sdkDeployClients} from '../../src/deploy/aws/index.js'
import {runDeploy} from '../../src/deploy/deploy.js'
import type {DeployOptions} from '../../src/deploy/options.js'
import type {DeployUi} from '../../src/deploy/ui.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {awsError} from '../fixtures/aws/account.js'
import {SECRET_V07} from '../fixtures/secrets/index.js'
import {QUILT_STACK_ARN, SECRET_ARN} from './planned.js'
import {CHANGE_SET, deployment, deployMocks, instantClock, NEW_DEPLOYMENT, OLD_DEPLOYMENT, service, STACK_ID, stack, stoppedTask} from './scripted.js'

const {all, cfn, ec2, ecs, logs, sm, sts} = deployMocks()
const ENDPOINT = 'http://benchling-webhook-alb-1.us-east-1.elb.amazonaws.com'
// secrets-only mode as bwops deploy runs it reads the 10-key secret of v0.6-v0.7
const SECRET_JSON = JSON.stringify({...SECRET_V07, client_secret: 'do-not-print-me'})

const clock = instantClock
const fakeFetch = async (url: string) => ({status: 200, text: async () => (url.endsWith('/health') ? JSON.stringify({config_source: 'secrets-only-mode', status: 'healthy', version: '0.5.6'}) : '{}')})

function options(extra: Partial<DeployOptions> = {}): DeployOptions {
  return {benchlingSecret: 'benchling-webhook', dryRun: false, force: false, imageTag: '0.7.10', legacy: {}, pollSeconds: 5, quiltStackArn: QUILT_STACK_ARN, stackName: 'BenchlingWebhookStack', timeoutSeconds: 600, yes: false, ...extra}
}

function ui(interactive: boolean, answer = true) {
  const lines: string[] = []
  const asked: string[] = []
  const value: DeployUi = {
    confirm: async (q) => {
      asked.push(q)
      return answer
    },
    interactive,
    line: (l) => lines.push(l),
    progress: (p) => lines.push(p.text),
  }
  return {asked, lines, ui: value}
}

const deploy = async (opts: DeployOptions, u: ReturnType<typeof ui>) =>
  runDeploy(opts, {checks: builtinChecks, clients: await sdkDeployClients({region: 'us-east-1'}), clock, fetch: fakeFetch, profile, ui: u.ui})

beforeEach(() => {
  for (const m of all) m.reset()
  sts.on(GetCallerIdentityCommand).resolves({Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ops'})
  ec2.on(DescribeVpcsCommand).resolves({Vpcs: [{IsDefault: true, VpcId: 'vpc-0123abcd'}]})
  ec2.on(DescribeSubnetsCommand).resolves({Subnets: [{SubnetId: 'subnet-bbbb2222'}, {SubnetId: 'subnet-aaaa1111'}]})
  logs.on(DescribeLogGroupsCommand).resolves({logGroups: [{logGroupName: '/ecs/benchling-webhook'}]})
  sm.on(DescribeSecretCommand).resolves({ARN: SECRET_ARN, Name: 'benchling-webhook'})
  sm.on(GetSecretValueCommand).resolves({ARN: SECRET_ARN, SecretString: SECRET_JSON})
  const live = stack('UPDATE_COMPLETE', {DockerImageUri: 'public.ecr.aws/quiltdata/benchling:0.5.6', WebhookEndpoint: ENDPOINT}, {CreateLogGroup: 'true'})
  cfn.on(DescribeStacksCommand).resolves(live)
  cfn.on(DescribeStacksCommand, {StackName: QUILT_STACK_ARN}).resolves(stack('UPDATE_COMPLETE', {CatalogDomain: 'quilt.example.com', PackagerQueueArn: 'arn:aws:sqs:us-east-1:123456789012:q', UserAthenaDatabaseName: 'db', UserBucket: 'bucket'}))
  cfn.on(CreateChangeSetCommand).resolves({Id: CHANGE_SET, StackId: STACK_ID})
  cfn.on(DescribeChangeSetCommand)
    .resolvesOnce({ChangeSetId: CHANGE_SET, Status: 'CREATE_IN_PROGRESS', StackId: STACK_ID})
    .resolves({
      ChangeSetId: CHANGE_SET,
      Changes: [
        {ResourceChange: {Action: 'Modify', Details: [{Target: {Attribute: 'Properties', Name: 'ContainerDefinitions'}}], LogicalResourceId: 'TaskDefinition', Replacement: 'True', ResourceType: 'AWS::ECS::TaskDefinition'}, Type: 'Resource'},
        {ResourceChange: {Action: 'Modify', LogicalResourceId: 'Service', Replacement: 'False', ResourceType: 'AWS::ECS::Service'}, Type: 'Resource'},
      ],
      ExecutionStatus: 'AVAILABLE',
      StackId: STACK_ID,
      Status: 'CREATE_COMPLETE',
    })
  cfn.on(DeleteChangeSetCommand).resolves({})
  cfn.on(ExecuteChangeSetCommand).resolves({})
  cfn.on(DescribeStackEventsCommand).resolves({StackEvents: []})
  ecs.on(DescribeServicesCommand)
    .resolvesOnce(service([deployment(OLD_DEPLOYMENT, new Date(Date.now() - 3_600_000), {rolloutState: 'COMPLETED'})]))
    .resolves(service([deployment(NEW_DEPLOYMENT, new Date(), {rolloutState: 'COMPLETED', runningCount: 2})]))
  ecs.on(ListTasksCommand).resolves({taskArns: []})
})

describe('the change set', () => {
  it('is shown, then refused without a terminal and without --yes (exit 2), and deleted', async () => {
    const u = ui(false)
    await expect(deploy(options(), u)).rejects.toMatchObject({exitCode: 2, message: expect.stringContaining('--yes was not given')})
    expect(u.lines).toContain('  ~ TaskDefinition AWS::ECS::TaskDefinition (ContainerDefinitions)  REPLACED')
    expect(cfn.commandCalls(DeleteChangeSetCommand)[0]?.args[0].input).toEqual({ChangeSetName: CHANGE_SET})
    expect(cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0)
    expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(0)
  })

  it('is executed with --yes, watched and verified', async () => {
    const u = ui(false)
    const result = await deploy(options({yes: true}), u)
    expect(result).toMatchObject({exitCode: 0, mode: 'secrets-only', status: 'deployed'})
    expect(cfn.commandCalls(ExecuteChangeSetCommand)[0]?.args[0].input).toEqual({ChangeSetName: CHANGE_SET})
    expect(cfn.commandCalls(DeleteChangeSetCommand)).toHaveLength(0)
    const params = cfn.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.Parameters ?? []
    expect(params).toContainEqual({ParameterKey: 'Mode', ParameterValue: 'secrets-only'})
    expect(params).toContainEqual({ParameterKey: 'BenchlingSecret', ParameterValue: SECRET_ARN})
    expect(params).toContainEqual({ParameterKey: 'SubnetIds', ParameterValue: 'subnet-aaaa1111,subnet-bbbb2222'})
    expect(u.lines.some((l) => l.includes('status=healthy'))).toBe(true)
    expect(u.lines.join('\n')).not.toContain('do-not-print-me')
    // one verdict line ends the run, and --json carries it
    expect(u.lines.at(-1)).toMatch(/^✔ Deploy succeeded: stack BenchlingWebhookStack is \w+_COMPLETE; secrets-only mode, image public\.ecr\.aws\/quiltdata\/benchling:0\.7\.10, answering at http/)
    expect(result.verdict.result).toBe('succeeded')
  })

  it('is executed when the person at the terminal says yes, and deleted when they say no', async () => {
    const yes = ui(true, true)
    expect((await deploy(options(), yes)).status).toBe('deployed')
    expect(yes.asked).toEqual(['Deploy these changes to BenchlingWebhookStack?'])
    cfn.resetHistory()
    const no = ui(true, false)
    expect(await deploy(options(), no)).toMatchObject({exitCode: 0, status: 'declined'})
    expect(cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0)
    expect(cfn.commandCalls(DeleteChangeSetCommand)).toHaveLength(1)
  })

  it('stops after showing it with --dry-run, and removes the empty stack a first deploy leaves', async () => {
    cfn.on(DescribeStacksCommand, {StackName: 'BenchlingWebhookStack'}).resolves({Stacks: []})
    cfn.on(DeleteStackCommand).resolves({})
    const result = await deploy(options({dryRun: true, yes: true}), ui(false))
    expect(result.status).toBe('dry-run')
    expect(cfn.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.ChangeSetType).toBe('CREATE')
    expect(cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0)
    expect(cfn.commandCalls(DeleteChangeSetCommand)).toHaveLength(1)
    expect(cfn.commandCalls(DeleteStackCommand)[0]?.args[0].input).toEqual({StackName: STACK_ID})
  })

  it('runs a change set that changes no resource (only the stack\'s parameters), and stops at one CloudFormation failed for no changes', async () => {
    cfn.on(DescribeChangeSetCommand).resolves({ChangeSetId: CHANGE_SET, Changes: [], ExecutionStatus: 'AVAILABLE', StackId: STACK_ID, Status: 'CREATE_COMPLETE'})
    const u = ui(false)
    await deploy(options({yes: true}), u)
    expect(u.lines).toContain('  (no resource changes)')
    expect(cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(1)

    cfn.on(DescribeChangeSetCommand).resolves({ChangeSetId: CHANGE_SET, StackId: STACK_ID, Status: 'FAILED', StatusReason: "The submitted information didn't contain changes. Submit different information to create a change set."})
    const same = ui(false)
    // "no changes" is success: exit 0, with its verdict
    expect(await deploy(options({yes: true}), same)).toMatchObject({exitCode: 0, status: 'unchanged', verdict: {result: 'unchanged'}})
    expect(same.lines).toContain('No changes: the stack BenchlingWebhookStack already matches this deployment.')
    expect(same.lines.at(-1)).toMatch(/^✔ Unchanged: stack BenchlingWebhookStack already matches this deployment, answering at /)
    expect(cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(1)
  })

  it('is never made when preflight finds an error, unless --force', async () => {
    sm.on(GetSecretValueCommand).resolves({ARN: SECRET_ARN, SecretString: JSON.stringify({clientId: 'x', client_secret: 'y'})})
    const u = ui(false)
    await expect(deploy(options({yes: true}), u)).rejects.toMatchObject({exitCode: 1})
    expect(u.lines.some((l) => l.includes('has no key tenant, client_id, app_definition_id, pkg_prefix'))).toBe(true)
    expect(cfn.commandCalls(CreateChangeSetCommand)).toHaveLength(0)
    const forced = await deploy(options({force: true, yes: true}), ui(false))
    expect(forced.status).toBe('deployed')
  })
})

describe('a failed rollout', () => {
  it('prints the diagnosis of the first crashed task with its last log lines, and exits 1', async () => {
    ecs.on(DescribeServicesCommand)
      .resolvesOnce(service([deployment(OLD_DEPLOYMENT, new Date(Date.now() - 3_600_000), {rolloutState: 'COMPLETED'})]))
      .resolves(service([deployment(NEW_DEPLOYMENT, new Date(), {pendingCount: 2})]))
    const crashed = stoppedTask('0123456789abcdef', NEW_DEPLOYMENT, new Date())
    ecs.on(ListTasksCommand).resolves({taskArns: [crashed.taskArn!]})
    ecs.on(DescribeTasksCommand).resolves({tasks: [crashed]})
    logs.on(GetLogEventsCommand).resolves({events: [
      {message: 'Failed to initialize application: Failed to resolve configuration from AWS: Secret not found: benchling-webhook', timestamp: Date.now()},
      {message: 'client_secret=do-not-print-me', timestamp: Date.now()},
    ]})
    const u = ui(false)
    const result = await deploy(options({yes: true}), u)
    expect(result).toMatchObject({exitCode: 1, status: 'failed'})
    expect(logs.commandCalls(GetLogEventsCommand)[0]?.args[0].input).toMatchObject({logGroupName: '/ecs/benchling-webhook', logStreamName: 'benchling-webhook/BenchlingWebhookContainer/0123456789abcdef'})
    const out = u.lines.join('\n')
    expect(out).toContain('A task of the new deployment stopped: Container BenchlingWebhookContainer exited with code 1')
    expect(out).toContain('Secret not found: benchling-webhook')
    expect(out).toContain('bwops doctor --stack-name BenchlingWebhookStack')
    expect(out).not.toContain('do-not-print-me')
  })
})

describe('the result, as --json prints it', () => {
  it('holds the outcome, diagnosis and log lines of a failed rollout, and no secret value', async () => {
    ecs.on(DescribeServicesCommand)
      .resolvesOnce(service([deployment(OLD_DEPLOYMENT, new Date(Date.now() - 3_600_000), {rolloutState: 'COMPLETED'})]))
      .resolves(service([deployment(NEW_DEPLOYMENT, new Date(), {pendingCount: 2})]))
    const crashed = stoppedTask('0123456789abcdef', NEW_DEPLOYMENT, new Date(), {stoppedReason: 'Essential container in task exited: client_secret=do-not-print-me'})
    ecs.on(ListTasksCommand).resolves({taskArns: [crashed.taskArn!]})
    ecs.on(DescribeTasksCommand).resolves({tasks: [crashed]})
    logs.on(GetLogEventsCommand).resolves({events: [{message: 'client_secret=do-not-print-me', timestamp: Date.now()}]})
    const result = await deploy(options({yes: true}), ui(false))
    const json = JSON.stringify(result)
    expect(json).not.toContain('do-not-print-me')
    expect(JSON.parse(json)).toMatchObject({
      diagnosis: {logs: {stream: 'benchling-webhook/BenchlingWebhookContainer/0123456789abcdef'}},
      exitCode: 1,
      outcome: {kind: 'failed', reason: 'task-stopped', task: {taskId: '0123456789abcdef'}},
      stackName: 'BenchlingWebhookStack',
      status: 'failed',
    })
  })
})

describe('over the shared AWS layer', () => {
  it('counts every call of the deploy in one context', async () => {
    const ctx = await createDeployAwsContext({region: 'us-east-1'})
    const result = await runDeploy(options({yes: true}), {checks: builtinChecks, clients: deployClientsOver(ctx), clock, fetch: fakeFetch, profile, ui: ui(false).ui})
    expect(result.status).toBe('deployed')
    expect(ctx.counter.summary().byOperation).toMatchObject({
      'cloudformation:CreateChangeSet': 1,
      'cloudformation:ExecuteChangeSet': 1,
      'ec2:DescribeSubnets': 1,
      'ec2:DescribeVpcs': 1,
      'secretsmanager:DescribeSecret': 1,
      'sts:GetCallerIdentity': 1,
    })
    expect(ctx.counter.records.every((r) => r.ok)).toBe(true)
  })

  it('stops at a denied call with the permission to grant, as a usage error (exit 2)', async () => {
    cfn.on(ExecuteChangeSetCommand).rejects(awsError('AccessDenied', 'User: arn:aws:iam::123456789012:user/ops is not authorized to perform: cloudformation:ExecuteChangeSet'))
    const error = await deploy(options({yes: true}), ui(false)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect(error).toMatchObject({action: 'cloudformation:ExecuteChangeSet', kind: 'denied'})
    expect(awsUserError(error as AwsCallError, 'deploy')).toMatchObject({
      exitCode: 2,
      message: 'bwops could not deploy: AccessDenied calling cloudformation:ExecuteChangeSet: grant cloudformation:ExecuteChangeSet to arn:aws:iam::123456789012:user/ops.',
      next: expect.stringContaining('Grant cloudformation:ExecuteChangeSet'),
    })
  })

  it('says a missing region before any call', async () => {
    const saved = {AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION, AWS_PROFILE: process.env.AWS_PROFILE, AWS_REGION: process.env.AWS_REGION, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE}
    Object.assign(process.env, {AWS_CONFIG_FILE: '/nonexistent/bwops-test-config'})
    delete process.env.AWS_REGION
    delete process.env.AWS_DEFAULT_REGION
    delete process.env.AWS_PROFILE
    try {
      await expect(sdkDeployClients({})).rejects.toMatchObject({exitCode: 2, message: expect.stringContaining('No AWS region is set')})
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
    }
  })
})
