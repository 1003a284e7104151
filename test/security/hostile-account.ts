import {DescribeStackEventsCommand, DescribeStacksCommand, type Stack} from '@aws-sdk/client-cloudformation'
import {GetLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'
import {DescribeServicesCommand, DescribeTaskDefinitionCommand, DescribeTasksCommand} from '@aws-sdk/client-ecs'
import {DescribeTargetHealthCommand} from '@aws-sdk/client-elastic-load-balancing-v2'
import {GetRolePolicyCommand} from '@aws-sdk/client-iam'
import {GetSecretValueCommand} from '@aws-sdk/client-secrets-manager'

import {mockAccount} from '../fixtures/aws/account.js'
import {getRolePolicy, SECRET_ARN} from '../fixtures/aws/data.js'

// The mocked account of test/fixtures/aws, with a secret planted in every answer AWS gives that can
// hold one: environment values, health check and command arguments, log options, a valueFrom, service
// events, rollout and stop reasons, stack parameters, outputs and events, target health, log lines,
// the secret itself, and a policy condition. Each holds PLANTED (see planted.ts).

/** Log lines an app and its shell really print, one credential shape each. */
export const HOSTILE_LOG_LINES = [
  'Starting app with DATABASE_URL=postgres://admin:PLANTED-201-s3cr3t@db.internal:5432/app',
  "config loaded: {'client_id': 'abc', 'client_secret': 'PLANTED-202-s3cr3t'}",
  '+ curl -sf -u probe:PLANTED-203-s3cr3t http://localhost:5000/health',
  'Traceback (most recent call last):',
  '    connect(password="PLANTED-204-s3cr3t", key_id="AKIAPLANTED000000205")',
  'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling GetSecretValue: Authorization: Bearer PLANTED206s3cr3tTOKEN',
  '-----BEGIN RSA PRIVATE KEY----- PLANTED-207-s3cr3t -----END RSA PRIVATE KEY-----',
  'ValueError: Failed to resolve configuration from AWS: bad api_key: PLANTED-208-s3cr3t',
]

type Account = ReturnType<typeof mockAccount>

export function hostileAccount(mode: 'legacy' | 'secrets-only' = 'legacy'): Account {
  const account = mockAccount({mode, plant: 'PLANTED-200-s3cr3t'})
  const {mocks, world} = account
  mocks.ecs.on(DescribeTaskDefinitionCommand).callsFake((input: {taskDefinition: string}) => {
    const {taskDefinition} = world.describeTaskDefinition(input)
    const [main] = taskDefinition.containerDefinitions
    const container = {
      ...main!,
      command: ['gunicorn', '--client-secret', 'PLANTED-210-s3cr3t', '--api-key=PLANTED-211-s3cr3t'],
      entryPoint: ['sh', '-c', 'export DB_PASSWORD=PLANTED-212-s3cr3t; exec "$@"'],
      environment: [
        ...main!.environment,
        {name: 'DATABASE_URL', value: 'postgres://admin:PLANTED-213-s3cr3t@db.internal:5432/app'},
        {name: 'TLS_KEY', value: '-----BEGIN PRIVATE KEY-----\nPLANTED-214-s3cr3t\n-----END PRIVATE KEY-----'},
        {name: 'BENCHLING_CONFIG', value: '{"client_id": "abc", "client_secret": "PLANTED-215-s3cr3t"}'},
      ],
      healthCheck: {...main!.healthCheck, command: ['CMD-SHELL', 'curl -f -u probe:PLANTED-216-s3cr3t http://localhost:5000/health?token=PLANTED-217-s3cr3t || exit 1']},
      secrets: [...main!.secrets, {name: 'PASTED', valueFrom: '{"client_secret": "PLANTED-218-s3cr3t"}'}],
    }
    const sidecar = {
      environment: [], essential: false, image: 'splunk/fluentd:1', name: 'log-router', portMappings: [], secrets: [],
      logConfiguration: {logDriver: 'splunk', options: {'splunk-token': 'PLANTED-219-s3cr3t', 'splunk-url': 'https://splunk:PLANTED-220-s3cr3t@splunk.example.com'}},
    }
    return {taskDefinition: {...taskDefinition, containerDefinitions: [container, sidecar]}}
  })
  mocks.ecs.on(DescribeServicesCommand).callsFake(() => {
    const answer = world.describeServices()
    const [service] = answer.services
    const at = service!.events[0]!.createdAt
    return {
      ...answer,
      services: [{
        ...service!,
        deployments: service!.deployments.map((d) => ({...d, rolloutStateReason: `${d.rolloutStateReason} secret_key=PLANTED-221-s3cr3t`})),
        events: [
          {createdAt: new Date(at.getTime() + 60_000), id: 'h1', message: '(service benchling-webhook-service) (task abc) failed container health checks: curl -u admin:PLANTED-222-s3cr3t https://user:PLANTED-223-s3cr3t@host'},
          {createdAt: new Date(at.getTime() + 30_000), id: 'h2', message: '(service benchling-webhook-service) (deployment ecs-svc/2) deployment failed: password=PLANTED-224-s3cr3t'},
          ...service!.events,
        ],
      }],
    }
  })
  mocks.ecs.on(DescribeTasksCommand).callsFake((input: {tasks: string[]}) => {
    const answer = world.describeTasks(input)
    return {
      ...answer,
      tasks: answer.tasks.map((t) => ({
        ...t,
        containers: t.containers.map((c) => ({...c, reason: 'CannotStartContainerError: AKIAPLANTED000000225 password: PLANTED-226-s3cr3t'})),
        ...(t.stoppedReason ? {stoppedReason: 'Essential container in task exited: client_secret=PLANTED-227-s3cr3t'} : {}),
      })),
    }
  })
  mocks.cfn.on(DescribeStacksCommand).callsFake((input: {StackName?: string}) => {
    const answer = world.describeStacks(input)
    const stack = answer.Stacks[0] as Stack | undefined
    if (!input.StackName?.includes('BenchlingWebhookStack')) return answer
    return {
      Stacks: [{
        ...stack!,
        Outputs: [...(stack!.Outputs ?? []).filter((o) => o.OutputKey !== 'WebhookEndpoint'), {OutputKey: 'WebhookEndpoint', OutputValue: 'https://hook:PLANTED-228-s3cr3t@abc123.execute-api.us-east-1.amazonaws.com/prod'}, {OutputKey: 'AdminToken', OutputValue: 'PLANTED-229-s3cr3t'}],
        Parameters: [...(stack!.Parameters ?? []), {ParameterKey: 'DbPassword', ParameterValue: 'PLANTED-230-s3cr3t'}, {ParameterKey: 'UpstreamUrl', ParameterValue: 'https://u:PLANTED-231-s3cr3t@up.example.com'}],
        StackStatusReason: 'The following resource(s) failed to update: [Service]. token=PLANTED-232-s3cr3t',
      }],
    }
  })
  mocks.cfn.on(DescribeStackEventsCommand).callsFake((input: {NextToken?: string}) => {
    const page = world.describeStackEvents(input)
    return {...page, StackEvents: (page.StackEvents ?? []).map((e) => (e.ResourceStatus === 'UPDATE_FAILED' ? {...e, ResourceStatusReason: 'Invalid request provided: password=PLANTED-233-s3cr3t AKIAPLANTED000000234'} : e))}
  })
  mocks.logs.on(GetLogEventsCommand).callsFake(() => ({
    events: HOSTILE_LOG_LINES.map((message, i) => ({ingestionTime: Date.parse('2025-11-20T10:05:00Z'), message, timestamp: Date.parse('2025-11-20T10:05:00Z') + i})),
    nextBackwardToken: 'b/1',
    nextForwardToken: 'f/1',
  }))
  mocks.elbv2.on(DescribeTargetHealthCommand).resolves({
    TargetHealthDescriptions: [{Target: {Id: '10.0.2.27', Port: 5000}, TargetHealth: {Description: 'Health checks failed with these codes: [401] api_key=PLANTED-235-s3cr3t', Reason: 'Target.ResponseCodeMismatch', State: 'unhealthy'}}],
  })
  mocks.secrets.on(GetSecretValueCommand).resolves({
    ARN: SECRET_ARN,
    Name: 'benchling-webhook',
    SecretString: JSON.stringify({app_definition_id: 'appdef_PLANTED236', client_id: 'PLANTED-237-s3cr3t', client_secret: ' PLANTED-238-s3cr3t ', nested: {password: 'PLANTED-239-s3cr3t'}, tenant: 'quilt-dtt'}),
  })
  mocks.iam.on(GetRolePolicyCommand).callsFake((input: {RoleName: string; PolicyName: string}) => {
    const answer = getRolePolicy(input)
    const policy = JSON.parse(decodeURIComponent(answer.PolicyDocument)) as {Statement: object[]}
    const condition = {Action: 'secretsmanager:GetSecretValue', Condition: {StringEquals: {'aws:PrincipalTag/token': 'PLANTED-240-s3cr3t'}}, Effect: 'Allow', Resource: SECRET_ARN}
    return {...answer, PolicyDocument: encodeURIComponent(JSON.stringify({...policy, Statement: [...policy.Statement, condition]}))}
  })
  return account
}
