import {describe, expect, test} from 'vitest'

import {factOf, taskDefinition, trust, valueOf} from './helpers.js'

const doc = (action: string, resource: unknown = '*') => ({Statement: [{Action: action, Effect: 'Allow', Resource: resource}], Version: '2012-10-17'})
const ecsManaged = {'Fn::Join': ['', ['arn:', {Ref: 'AWS::Partition'}, ':iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy']]}

function template(extra: Record<string, unknown>, roleRefs: Record<string, unknown> = {ExecutionRoleArn: {'Fn::GetAtt': ['Exec', 'Arn']}, TaskRoleArn: {'Fn::GetAtt': ['Task', 'Arn']}}) {
  return {
    Resources: {
      Exec: {Properties: {AssumeRolePolicyDocument: trust, ManagedPolicyArns: [ecsManaged]}, Type: 'AWS::IAM::Role'},
      Logs: {Properties: {LogGroupName: '/ecs/benchling-webhook'}, Type: 'AWS::Logs::LogGroup'},
      Task: {Properties: {AssumeRolePolicyDocument: trust, Policies: [{PolicyDocument: doc('sqs:SendMessage'), PolicyName: 'own'}]}, Type: 'AWS::IAM::Role'},
      TD: taskDefinition({}, roleRefs),
      ...extra,
    },
  }
}

describe('roles', () => {
  test('the roles the task definition names, by GetAtt Arn, with trust, inline and AWS managed policies', async () => {
    const roles = await valueOf(template({}), 'roles')
    expect(roles.task).toEqual({
      arn: '{{GetAtt:Task.Arn}}',
      inlinePolicies: [{document: doc('sqs:SendMessage'), name: 'own'}],
      kind: 'task',
      managedPolicies: [],
      name: '{{Ref:Task}}',
      trustPolicy: trust,
    })
    // An AWS managed policy has no document offline: its ARN only.
    expect(roles.execution?.managedPolicies).toEqual([{arn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy', name: 'AmazonECSTaskExecutionRolePolicy'}])
  })

  test('CDK DefaultPolicy: an AWS::IAM::Policy attached through Roles, its resources resolved', async () => {
    const policy = {
      Properties: {PolicyDocument: doc('logs:PutLogEvents', {'Fn::GetAtt': ['Logs', 'Arn']}), PolicyName: 'ExecDefaultPolicy', Roles: [{Ref: 'Exec'}]},
      Type: 'AWS::IAM::Policy',
    }
    const roles = await valueOf(template({ExecDefaultPolicy: policy}), 'roles')
    expect(roles.execution?.inlinePolicies).toEqual([
      {document: doc('logs:PutLogEvents', 'arn:aws:logs:{{Ref:AWS::Region}}:{{Ref:AWS::AccountId}}:log-group:/ecs/benchling-webhook:*'), name: 'ExecDefaultPolicy'},
    ])
    expect(roles.task?.inlinePolicies.map((p) => p.name)).toEqual(['own'])
  })

  test('a policy resource whose condition is false is not attached', async () => {
    const policy = {Condition: 'No', Properties: {PolicyDocument: doc('s3:*'), PolicyName: 'p', Roles: [{Ref: 'Task'}]}, Type: 'AWS::IAM::Policy'}
    const roles = await valueOf({...template({P: policy}), Conditions: {No: {'Fn::Equals': ['a', 'b']}}}, 'roles')
    expect(roles.task?.inlinePolicies.map((p) => p.name)).toEqual(['own'])
  })

  test('AWS::IAM::RolePolicy naming the role', async () => {
    const policy = {Properties: {PolicyDocument: doc('s3:GetObject'), PolicyName: 'rp', RoleName: {Ref: 'Task'}}, Type: 'AWS::IAM::RolePolicy'}
    expect((await valueOf(template({RP: policy}), 'roles')).task?.inlinePolicies.map((p) => p.name)).toEqual(['own', 'rp'])
  })

  test('ManagedPolicy of the template: by Roles and by ManagedPolicyArns, once each, with its document', async () => {
    const managed = {Properties: {ManagedPolicyName: 'quilt-access', PolicyDocument: doc('athena:*'), Roles: [{Ref: 'Task'}]}, Type: 'AWS::IAM::ManagedPolicy'}
    const base = template({M: managed})
    ;(base.Resources.Task.Properties as Record<string, unknown>).ManagedPolicyArns = [{Ref: 'M'}]
    const roles = await valueOf(base, 'roles')
    expect(roles.task?.managedPolicies).toEqual([{arn: 'arn:aws:iam::{{Ref:AWS::AccountId}}:policy/quilt-access', document: doc('athena:*'), name: 'quilt-access'}])
  })

  test('permissions boundary: an AWS managed one by ARN, without document', async () => {
    const base = template({})
    ;(base.Resources.Task.Properties as Record<string, unknown>).PermissionsBoundary = 'arn:aws:iam::123456789012:policy/boundaries/webhook'
    expect((await valueOf(base, 'roles')).task?.permissionsBoundary).toEqual({arn: 'arn:aws:iam::123456789012:policy/boundaries/webhook', name: 'webhook'})
  })

  test.each([
    ['Ref (the role name)', {Ref: 'Task'}],
    ['Sub of the Arn', {'Fn::Sub': '${Task.Arn}'}],
    ['a literal ARN of the named role', 'arn:aws:iam::123456789012:role/webhook-task'],
  ])('a role named by %s is matched', async (_name, raw) => {
    const base = template({}, {TaskRoleArn: raw})
    ;(base.Resources.Task.Properties as Record<string, unknown>).RoleName = 'webhook-task'
    const roles = await valueOf(base, 'roles')
    expect(roles.task?.name).toBe('webhook-task')
    expect(roles.task?.inlinePolicies.map((p) => p.name)).toEqual(['own'])
    expect(roles.execution).toBeUndefined()
    const td = await valueOf(base, 'taskDefinition')
    expect(td.taskRoleArn).toBe('arn:aws:iam::{{Ref:AWS::AccountId}}:role/webhook-task')
  })

  test('a role the template only names by ARN: unknown, not an empty role', async () => {
    const result = await factOf(template({}, {ExecutionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole', TaskRoleArn: {'Fn::GetAtt': ['Task', 'Arn']}}), 'roles')
    expect(result).toEqual({
      ok: false,
      reason: expect.stringContaining('names the execution role arn:aws:iam::123456789012:role/ecsTaskExecutionRole, which the template does not create'),
    })
  })

  test('a task definition with no task role: only the execution role', async () => {
    const roles = await valueOf(template({}, {ExecutionRoleArn: {'Fn::GetAtt': ['Exec', 'Arn']}}), 'roles')
    expect(roles.task).toBeUndefined()
    expect(roles.execution?.kind).toBe('execution')
  })

  test('the secrets-only fixture: Sub ARNs with tokens, boundary from the template, Fn::If statement decided', async () => {
    const {readStructured} = await import('../../../src/facts/read-input.js')
    const yaml = await readStructured('test/fixtures/templates/secrets-only.yaml', 'template', true)
    const dev = await valueOf(yaml, 'roles')
    const prod = await valueOf(yaml, 'roles', {Stage: 'prod'})
    const statements = (r: typeof dev) => (r.task?.inlinePolicies[0]?.document?.Statement as {Action: unknown; Resource: unknown}[])
    expect(statements(dev).map((s) => s.Resource)).toEqual(['{{Ref:QuiltStackARN}}', 'arn:aws:secretsmanager:{{Ref:AWS::Region}}:{{Ref:AWS::AccountId}}:secret:{{Ref:BenchlingSecret}}*'])
    expect(statements(prod).map((s) => s.Action)).toContain('cloudwatch:PutMetricData')
    expect(dev.task?.permissionsBoundary?.name).toBe('{{Ref:AWS::StackName}}-boundary')
    expect(dev.task?.permissionsBoundary?.document).toBeDefined()
    expect(dev.task?.managedPolicies.map((p) => p.name)).toEqual(['QuiltAccessPolicy'])
    expect(dev.execution?.arn).toBe('arn:aws:iam::{{Ref:AWS::AccountId}}:role/{{Ref:AWS::StackName}}-execution')
    const named = await valueOf(yaml, 'roles', {'AWS::AccountId': '123456789012', 'AWS::StackName': 'bw'})
    expect(named.execution?.arn).toBe('arn:aws:iam::123456789012:role/bw-execution')
  })
})
