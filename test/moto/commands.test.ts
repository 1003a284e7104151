import {CloudWatchLogsClient, CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'
import {DescribeSecurityGroupsCommand, DescribeSubnetsCommand, EC2Client} from '@aws-sdk/client-ec2'
import {DescribeTaskDefinitionCommand, ECSClient, RegisterTaskDefinitionCommand, RunTaskCommand, StopTaskCommand} from '@aws-sdk/client-ecs'
import {PutSecretValueCommand, SecretsManagerClient} from '@aws-sdk/client-secrets-manager'
import {readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {bwops} from '../helpers.js'
import {motoForTests} from './server.js'
import {against, sdkConfig, seedQuiltStack, seedSecret, SOUND_SECRET, useMotoCredentials} from './seed.js'

// status, logs, doctor and bundle against the stack `bwops deploy` made in moto. Where moto is not
// AWS, the test says so:
// - moto keeps no task or execution role on a task definition CloudFormation registers (its ECS
//   model reads neither TaskRoleArn nor ExecutionRoleArn), so the doctor sees a task definition
//   without roles and its iam check says so, as it would for such a task definition on AWS;
// - moto runs no task: the deployment stays IN_PROGRESS with 0 running, and there are no stopped
//   tasks and no task timestamps;
// - moto renders AWS::NoValue in the environment list as null; bwops reads it as AWS registers it
//   (dropped), see withoutNullEntries in src/aws/ecs.ts.

const moto = await motoForTests()
const REGION = 'ap-southeast-1'
const STACK = 'BenchlingWebhookStack'
const TRACEBACK = ['Traceback (most recent call last):', '  File "/app/src/app.py", line 12, in <module>', 'KeyError: \'BENCHLING_TENANT\'']

describe.skipIf(!moto.ok)(`status, logs, doctor and bundle against what deploy made in moto${moto.ok ? '' : ` (skipped: ${moto.reason})`}`, {timeout: 120_000}, () => {
  let restore: () => void
  let run: ReturnType<typeof against>
  let secretArn = ''
  beforeAll(async () => {
    restore = useMotoCredentials()
    run = against(moto.endpoint, REGION)
    const quilt = await seedQuiltStack(moto.endpoint, REGION)
    secretArn = await seedSecret(moto.endpoint, REGION, 'benchling-webhook', SOUND_SECRET)
    const deployed = await run(['deploy', '--quilt-stack-arn', quilt, '--benchling-secret', 'benchling-webhook', '--image-tag', '0.7.10', '--yes', '--poll-interval', '1', '--timeout', '60'])
    expect(deployed.stdout).toMatch(/The stack is CREATE_COMPLETE/)
    // the container's log lines, as awslogs writes them: <prefix>/<container>/<task id>
    const logs = new CloudWatchLogsClient(sdkConfig(moto.endpoint, REGION))
    const stream = `${profile.names.logStreamPrefix}/${profile.names.container}/0123456789abcdef0123456789abcdef`
    await logs.send(new CreateLogStreamCommand({logGroupName: profile.names.logGroup, logStreamName: stream}))
    const now = Date.now()
    const lines = [`client_secret=${SOUND_SECRET.client_secret} loaded`, ...TRACEBACK]
    await logs.send(new PutLogEventsCommand({logEvents: lines.map((message, i) => ({message, timestamp: now - 60_000 + i})), logGroupName: profile.names.logGroup, logStreamName: stream}))
  })
  afterAll(async () => {
    restore()
    await moto.stop()
  })

  it('status: the stack, the service, the mode and the image deploy chose', async () => {
    const status = await run(['status', '--stack-name', STACK])
    expect(status.exitCode).toBe(0)
    expect(status.stdout).toMatch(/Stack\s+CREATE_COMPLETE/)
    expect(status.stdout).toMatch(/Mode\s+secrets-only/)
    expect(status.stdout).toMatch(/Image\s+public\.ecr\.aws\/quiltdata\/benchling:0\.7\.10/)
    // moto runs no task: the rollout never leaves IN_PROGRESS
    expect(status.stdout).toMatch(/PRIMARY\s+IN_PROGRESS benchling-webhook-task:1\s+0\/2 running/)
    const json = JSON.parse((await run(['status', '--stack-name', STACK, '--json'])).stdout)
    expect(json).toMatchObject({stack: {status: 'CREATE_COMPLETE'}})
  })

  it('logs: the container lines, redacted', async () => {
    const logs = await run(['logs', '--stack-name', STACK, '--since', '1h'])
    expect(logs.exitCode).toBe(0)
    for (const line of TRACEBACK) expect(logs.stdout).toContain(line.trim())
    expect(logs.stdout).toMatch(/client_secret=\S*\*/)
    expect(logs.stdout).not.toContain(SOUND_SECRET.client_secret)
    const errors = await run(['logs', '--stack-name', STACK, '--since', '1h', '--errors'])
    expect(errors.stdout).toContain("KeyError: 'BENCHLING_TENANT'")
    expect(errors.stdout).not.toContain('loaded')
  })

  it('doctor --stack-name: every check of the mode runs on the live facts; the secret, the Quilt stack and the environment pass', async () => {
    const doctor = await run(['doctor', '--stack-name', STACK, '--json'])
    const report = JSON.parse(doctor.stdout)
    const status = Object.fromEntries(report.checks.map((c: {id: string; status: string}) => [c.id, c.status]))
    expect(report.target.mode).toMatchObject({value: 'secrets-only'})
    // judged by the rules of the release deploy ran: the image tag of the live task definition
    expect(report.target.release).toMatchObject({from: 'image tag', line: 'v0.6-v0.7', version: '0.7.10'})
    // the longest chain of calls that waited on one another, each a call the run made
    expect(report.awsCalls.longestChain.length).toBeGreaterThan(1)
    for (const action of report.awsCalls.longestChain) expect(Object.keys(report.awsCalls.byOperation)).toContain(action)
    // the stack's resources and template are read beside it; the task definition its resources
    // name is the one the service runs, and it is read once though the read ahead and the fact both ask
    expect(report.awsCalls.byOperation).toMatchObject({'cloudformation:DescribeStackResources': 1, 'cloudformation:GetTemplate': 1, 'ecs:DescribeTaskDefinition': 1})
    for (const id of ['secret-access', 'secret-format', 'secret-references', 'quilt-stack-outputs', 'env-complete', 'log-group', 'plaintext-credentials', 'stack-rollback', 'stopped-task-causes']) expect(status[id], id).toBe('passed')
    // moto drops the task definition's roles (see the note at the top): the iam check says so
    expect(status.iam).toBe('failed')
    expect(report.findings.filter((f: {severity: string}) => f.severity === 'error').map((f: {title: string}) => f.title).sort()).toEqual([
      'The task definition has no execution role, and secrets-only mode needs one',
      'The task definition has no task role, and secrets-only mode needs one',
    ])
    expect(doctor.exitCode).toBe(1)
    expect(doctor.stdout).not.toContain(SOUND_SECRET.client_secret)
  })

  it('doctor names a broken secret seeded after the deploy', async () => {
    const sm = new SecretsManagerClient(sdkConfig(moto.endpoint, REGION))
    const {tenant: _, ...withoutTenant} = SOUND_SECRET
    await sm.send(new PutSecretValueCommand({SecretId: secretArn, SecretString: JSON.stringify(withoutTenant)}))
    try {
      const report = JSON.parse((await run(['doctor', '--stack-name', STACK, '--json', '--check', 'secret-format'])).stdout)
      expect(report.findings.map((f: {title: string}) => f.title).join('\n')).toMatch(/tenant/)
      expect(report.checks.find((c: {id: string}) => c.id === 'secret-format')?.status).toBe('failed')
    } finally {
      await sm.send(new PutSecretValueCommand({SecretId: secretArn, SecretString: JSON.stringify(SOUND_SECRET)}))
    }
  })

  it('bundle: records the live facts, redacted, and doctor on the bundle gives the live findings', async () => {
    const out = join(tmpdir(), `bwops-moto-bundle-${process.pid}.json`)
    try {
      const bundle = await run(['bundle', '--stack-name', STACK, '--out', out])
      expect(bundle.exitCode).toBe(0)
      // the data is the file: what bundle says of it is on stderr, stdout stays empty
      expect(bundle.stdout).toBe('')
      expect(bundle.stderr).toMatch(/Recorded \d+ facts of .* in .*, redacted\./)
      const text = await readFile(out, 'utf8')
      expect(text).not.toContain(SOUND_SECRET.client_secret)
      expect(JSON.parse(text).facts.taskDefinition).toBeDefined()
      const live = JSON.parse((await run(['doctor', '--stack-name', STACK, '--json'])).stdout)
      const recorded = JSON.parse((await bwops(['doctor', '--bundle', out, '--json'])).stdout)
      const titles = (r: {findings: {title: string}[]}) => r.findings.map((f) => f.title)
      expect(titles(recorded)).toEqual(titles(live))
    } finally {
      await rm(out, {force: true})
    }
  })

  // last: it adds a stopped task the tests above do not expect
  it('a stopped task without timestamps (moto keeps none): status, logs --previous and doctor say what they can, no crash', async () => {
    const ecs = new ECSClient(sdkConfig(moto.endpoint, REGION))
    const ec2 = new EC2Client(sdkConfig(moto.endpoint, REGION))
    const {cluster, service} = profile.names
    // moto's RunTask needs each container's memory, which the Fargate template leaves to the task
    const deployed = (await ecs.send(new DescribeTaskDefinitionCommand({taskDefinition: `${profile.names.taskFamily}:1`}))).taskDefinition
    const containerDefinitions = (deployed?.containerDefinitions ?? []).map((c) => ({...c, environment: (c.environment ?? []).filter(Boolean), memory: 512}))
    const td = (await ecs.send(new RegisterTaskDefinitionCommand({containerDefinitions, family: profile.names.taskFamily, networkMode: 'awsvpc'}))).taskDefinition
    const subnets = ((await ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? []).map((s) => s.SubnetId ?? '').slice(0, 1)
    const securityGroups = ((await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? []).map((g) => g.GroupId ?? '').slice(0, 1)
    const started = await ecs.send(new RunTaskCommand({cluster, launchType: 'FARGATE', networkConfiguration: {awsvpcConfiguration: {securityGroups, subnets}}, startedBy: service, taskDefinition: td?.taskDefinitionArn}))
    const task = started.tasks?.[0]?.taskArn ?? ''
    await ecs.send(new StopTaskCommand({cluster, reason: 'Essential container in task exited', task}))
    const taskId = task.split('/').at(-1) ?? ''

    const status = await run(['status', '--stack-name', STACK])
    expect(status.exitCode).toBe(0)
    const previous = await run(['logs', '--stack-name', STACK, '--previous'])
    expect(previous.exitCode).toBe(0)
    // no stoppedAt: "recently" rather than a time; no startedAt: it never started, so no log lines
    expect(previous.stdout).toContain(`Task ${taskId.slice(0, 8)} (${profile.names.taskFamily}:${td?.revision}) stopped recently: Essential container in task exited`)
    const doctor = JSON.parse((await run(['doctor', '--stack-name', STACK, '--json', '--check', 'stopped-task-causes'])).stdout)
    expect(doctor.checks[0]).toMatchObject({id: 'stopped-task-causes', status: 'failed'})
    expect(JSON.stringify(doctor.findings)).toContain(taskId)
  })
})
