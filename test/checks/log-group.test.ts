import {describe, expect, test} from 'vitest'

import {runChecks} from '../../src/checks/engine.js'
import logGroupCheck from '../../src/checks/log-group.js'
import type {FindingInput} from '../../src/checks/types.js'
import {Facts, known} from '../../src/facts/facts.js'
import type {ContainerDefinition, FactMap, LogConfiguration, LogGroupFact, TaskDefinition} from '../../src/facts/types.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

const options = {'awslogs-group': '/ecs/benchling-webhook', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'benchling-webhook'}
const awslogs = (over: Record<string, string | undefined> = {}): LogConfiguration => ({
  logDriver: 'awslogs',
  options: Object.fromEntries(Object.entries({...options, ...over}).filter((e): e is [string, string] => e[1] !== undefined)),
})

function td(logConfiguration: LogConfiguration | undefined, compat: string[] | undefined = ['FARGATE']): TaskDefinition {
  const container: ContainerDefinition = {environment: [], logConfiguration, name: 'BenchlingWebhookContainer', portMappings: [{containerPort: 5000}], secrets: []}
  return {containers: [container], requiresCompatibilities: compat}
}

const retained: LogGroupFact = {deletionPolicy: 'Retain', name: '/ecs/benchling-webhook', presence: 'stack', retentionInDays: 7, updateReplacePolicy: 'Retain'}
const deployment = {region: 'us-east-1'}

function run(facts: Partial<FactMap>): string[] {
  return logGroupCheck.run(facts as never, profile).map((f: FindingInput) => [f.severity, f.impact, f.title].join(' | '))
}

describe('log-group', () => {
  test.each<{name: string; facts: Partial<FactMap>; expected: string[]}>([
    {expected: [], facts: {deployment, logGroup: retained, taskDefinition: td(awslogs())}, name: 'a retained stack group passes'},
    {expected: [], facts: {taskDefinition: td(awslogs())}, name: 'the task definition alone passes'},
    {
      expected: ['warning | hygiene | Container logs go nowhere: no log configuration'],
      facts: {taskDefinition: td(undefined)},
      name: 'no log configuration',
    },
    {
      expected: ['warning | hygiene | Container logs use the splunk driver, not awslogs'],
      facts: {taskDefinition: td({logDriver: 'splunk', options: {}})},
      name: 'another driver',
    },
    {
      expected: ['info | hygiene | Container logs go through FireLens'],
      facts: {taskDefinition: td({logDriver: 'awsfirelens', options: {}})},
      name: 'firelens is fine, with a note',
    },
    {
      expected: ['error | start | awslogs-stream-prefix is missing, and Fargate requires it'],
      facts: {taskDefinition: td(awslogs({'awslogs-stream-prefix': undefined}))},
      name: 'no stream prefix on Fargate',
    },
    {
      expected: ['warning | hygiene | awslogs-stream-prefix is missing'],
      facts: {taskDefinition: td(awslogs({'awslogs-stream-prefix': undefined}), ['EC2'])},
      name: 'no stream prefix on EC2',
    },
    {
      expected: ['error | start | awslogs-group is missing'],
      facts: {logGroup: retained, taskDefinition: td(awslogs({'awslogs-group': undefined}))},
      name: 'no group',
    },
    {
      expected: ['warning | start | awslogs-region is missing'],
      facts: {deployment, taskDefinition: td(awslogs({'awslogs-region': undefined}))},
      name: 'no region',
    },
    {
      expected: ['error | start | awslogs-region eu-west-1 is not the deployment\'s region us-east-1'],
      facts: {deployment, taskDefinition: td(awslogs({'awslogs-region': 'eu-west-1'}))},
      name: 'another region',
    },
    {
      expected: [],
      facts: {deployment, taskDefinition: td(awslogs({'awslogs-region': '{{Ref:AWS::Region}}'}))},
      name: 'the stack region pseudo parameter is the deployment region',
    },
    {
      expected: ['info | start | awslogs-region is known only at deploy time'],
      facts: {deployment, taskDefinition: td(awslogs({'awslogs-region': '{{Ref:LogRegion}}'}))},
      name: 'a region parameter is reported, not guessed',
    },
    {
      expected: ["error | start | awslogs-group /ecs/other is not the deployment's log group /ecs/benchling-webhook"],
      facts: {logGroup: {...retained, deletionPolicy: undefined}, taskDefinition: td(awslogs({'awslogs-group': '/ecs/other'}))},
      name: 'another group: its fate is not judged',
    },
    {
      expected: ['info | start | The awslogs group is known only at deploy time'],
      facts: {logGroup: retained, taskDefinition: td(awslogs({'awslogs-group': '{{Ref:EcsLogGroup}}'}))},
      name: 'a group Ref is reported, not guessed',
    },
    {
      expected: [],
      facts: {logGroup: {...retained, name: '{{Ref:EcsLogGroup}}'}, taskDefinition: td(awslogs({'awslogs-group': '{{Ref:EcsLogGroup}}'}))},
      name: 'the same deploy-time reference on both sides is the same group',
    },
    {
      expected: ['error | start | The log group /ecs/benchling-webhook does not exist'],
      facts: {logGroup: {name: '/ecs/benchling-webhook', presence: 'missing'}, taskDefinition: td(awslogs())},
      name: 'missing group, not created',
    },
    {
      expected: ['info | start | The log group will be created by the first task'],
      facts: {logGroup: {name: '/ecs/benchling-webhook', presence: 'missing'}, taskDefinition: td(awslogs({'awslogs-create-group': 'true'}))},
      name: 'missing group, created by the driver',
    },
    {
      expected: ['warning | hygiene | The log group does not survive a rollback'],
      facts: {logGroup: {...retained, deletionPolicy: undefined, updateReplacePolicy: undefined}, taskDefinition: td(awslogs())},
      name: "stack group with CloudFormation's default Delete",
    },
    {
      expected: ['warning | hygiene | The log group does not survive a rollback'],
      facts: {logGroup: {...retained, deletionPolicy: 'Delete'}, taskDefinition: td(awslogs())},
      name: 'stack group with DeletionPolicy Delete',
    },
    {
      expected: ['warning | hygiene | The log group does not survive a rollback'],
      facts: {logGroup: {...retained, deletionPolicy: 'RetainExceptOnCreate'}, taskDefinition: td(awslogs())},
      name: 'RetainExceptOnCreate still loses a failed first deploy',
    },
    {
      expected: ['info | hygiene | The log group is deleted when the stack replaces it'],
      facts: {logGroup: {...retained, updateReplacePolicy: undefined}, taskDefinition: td(awslogs())},
      name: 'retained on delete, not on replace',
    },
    {
      expected: ['info | hygiene | The log group keeps logs forever'],
      facts: {logGroup: {name: '/ecs/benchling-webhook', presence: 'account'}, taskDefinition: td(awslogs())},
      name: 'an existing group without retention',
    },
    {
      expected: [],
      facts: {logGroup: {name: '/ecs/benchling-webhook', presence: 'unknown'}, taskDefinition: td(awslogs())},
      name: 'unknown presence says nothing',
    },
  ])('$name', ({expected, facts}) => {
    expect(run(facts).sort()).toEqual([...expected].sort())
  })

  test('the rollback fix names both policies and the CDK setting', () => {
    const [finding] = logGroupCheck.run({logGroup: {...retained, deletionPolicy: undefined}, taskDefinition: td(awslogs())} as never, profile)
    expect(finding?.fix).toContain('`DeletionPolicy: Retain` and `UpdateReplacePolicy: Retain`')
    expect(finding?.fix).toContain('removalPolicy: RemovalPolicy.RETAIN')
  })

  test('a missing group quotes the error ECS stops the task with', () => {
    const [finding] = logGroupCheck.run({logGroup: {name: '/ecs/benchling-webhook', presence: 'missing'}, taskDefinition: td(awslogs())} as never, profile)
    expect(finding?.detail).toContain('ResourceInitializationError: failed to validate logger args: The specified log group does not exist')
    expect(finding?.fix).toContain('aws logs create-log-group --log-group-name /ecs/benchling-webhook --region us-east-1')
  })

  test('in the engine: id, docs page, and skipped without a task definition', async () => {
    const facts = (loaders: ConstructorParameters<typeof Facts>[0][number]['loaders']) => new Facts([{describe: 'test input', loaders}])
    const [failed] = await runChecks([logGroupCheck], facts({taskDefinition: async () => known(td(awslogs({'awslogs-group': undefined})), 'td.json')}), profile)
    expect(failed).toMatchObject({id: 'log-group', status: 'failed', title: 'Container logs reach a log group that survives a rollback'})
    expect(failed?.findings[0]).toMatchObject({check: 'log-group', docs: 'docs/checks/log-group.md'})
    const [skipped] = await runChecks([logGroupCheck], facts({logGroup: async () => known(retained, 'template')}), profile)
    expect(skipped?.status).toBe('skipped')
  })
})
