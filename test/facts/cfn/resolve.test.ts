import {describe, expect, test} from 'vitest'

import {resolver} from './helpers.js'

const template = {
  Mappings: {Images: {'us-east-1': {Tag: '0.5.4'}}},
  Parameters: {
    Bucket: {Default: 'quilt-bucket', Type: 'String'},
    Count: {Default: 2, Type: 'Number'},
    Queue: {Type: 'String'},
    Subnets: {Default: 'subnet-a, subnet-b', Type: 'CommaDelimitedList'},
    Ids: {Type: 'List<AWS::EC2::Subnet::Id>'},
    Version: {Default: '/cdk-bootstrap/hnb659fds/version', Type: 'AWS::SSM::Parameter::Value<String>'},
  },
  Resources: {
    Bare: {Properties: {}, Type: 'AWS::SQS::Queue'},
    Group: {Properties: {LogGroupName: '/ecs/app'}, Type: 'AWS::Logs::LogGroup'},
    NamedQueue: {Properties: {QueueName: 'jobs'}, Type: 'AWS::SQS::Queue'},
    Policy: {Properties: {ManagedPolicyName: 'boundary', Path: '/webhook/'}, Type: 'AWS::IAM::ManagedPolicy'},
    Role: {Properties: {RoleName: 'exec'}, Type: 'AWS::IAM::Role'},
    Secret: {Properties: {Name: 'creds'}, Type: 'AWS::SecretsManager::Secret'},
  },
}

describe('resolve: intrinsics', () => {
  const r = resolver(template)
  test.each([
    ['Ref to a parameter default', {Ref: 'Bucket'}, 'quilt-bucket'],
    ['Ref to a Number default', {Ref: 'Count'}, '2'],
    ['Ref to a parameter without default', {Ref: 'Queue'}, '{{Ref:Queue}}'],
    ['Ref to a list parameter', {Ref: 'Subnets'}, ['subnet-a', 'subnet-b']],
    ['Ref to an SSM parameter type', {Ref: 'Version'}, '{{Ref:Version}}'],
    ['Ref AWS::Partition', {Ref: 'AWS::Partition'}, 'aws'],
    ['Ref AWS::URLSuffix', {Ref: 'AWS::URLSuffix'}, 'amazonaws.com'],
    ['Ref AWS::Region', {Ref: 'AWS::Region'}, '{{Ref:AWS::Region}}'],
    ['Ref AWS::AccountId', {Ref: 'AWS::AccountId'}, '{{Ref:AWS::AccountId}}'],
    ['Ref AWS::StackName', {Ref: 'AWS::StackName'}, '{{Ref:AWS::StackName}}'],
    ['Ref to a named role: its name', {Ref: 'Role'}, 'exec'],
    ['Ref to a named log group: its name', {Ref: 'Group'}, '/ecs/app'],
    ['Ref to a secret: its ARN, generated', {Ref: 'Secret'}, '{{Ref:Secret}}'],
    ['Ref to a named managed policy: its ARN', {Ref: 'Policy'}, 'arn:aws:iam::{{Ref:AWS::AccountId}}:policy/webhook/boundary'],
    ['Ref to a named queue: its URL', {Ref: 'NamedQueue'}, 'https://sqs.{{Ref:AWS::Region}}.amazonaws.com/{{Ref:AWS::AccountId}}/jobs'],
    ['Ref to an unnamed resource', {Ref: 'Bare'}, '{{Ref:Bare}}'],
    ['Ref to nothing known', {Ref: 'Nope'}, '{{Ref:Nope}}'],
    ['GetAtt Arn of a named role', {'Fn::GetAtt': ['Role', 'Arn']}, 'arn:aws:iam::{{Ref:AWS::AccountId}}:role/exec'],
    ['GetAtt Arn of a named log group', {'Fn::GetAtt': ['Group', 'Arn']}, 'arn:aws:logs:{{Ref:AWS::Region}}:{{Ref:AWS::AccountId}}:log-group:/ecs/app:*'],
    ['GetAtt Arn of a named queue', {'Fn::GetAtt': 'NamedQueue.Arn'}, 'arn:aws:sqs:{{Ref:AWS::Region}}:{{Ref:AWS::AccountId}}:jobs'],
    ['GetAtt QueueName', {'Fn::GetAtt': ['NamedQueue', 'QueueName']}, 'jobs'],
    ['GetAtt of an unnamed resource', {'Fn::GetAtt': ['Bare', 'Arn']}, '{{GetAtt:Bare.Arn}}'],
    ['GetAtt with a dotted attribute', {'Fn::GetAtt': 'Db.Endpoint.Address'}, '{{GetAtt:Db.Endpoint.Address}}'],
    ['GetAtt of an attribute without a rule', {'Fn::GetAtt': ['Role', 'RoleId']}, '{{GetAtt:Role.RoleId}}'],
    ['Sub, string form', {'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*'}, 'arn:aws:s3:::quilt-bucket/*'],
    ['Sub with a resource attribute', {'Fn::Sub': '${Role.Arn}'}, 'arn:aws:iam::{{Ref:AWS::AccountId}}:role/exec'],
    ['Sub with deploy-time values', {'Fn::Sub': 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${Queue}*'}, 'arn:aws:secretsmanager:{{Ref:AWS::Region}}:{{Ref:AWS::AccountId}}:secret:{{Ref:Queue}}*'],
    ['Sub, list form', {'Fn::Sub': ['${Name}-${AWS::Partition}', {Name: {Ref: 'Bucket'}}]}, 'quilt-bucket-aws'],
    ['Sub keeps ${!Literal}', {'Fn::Sub': '${!NotAVariable}'}, '${NotAVariable}'],
    ['Join', {'Fn::Join': [':', ['a', {Ref: 'Bucket'}, 5]]}, 'a:quilt-bucket:5'],
    ['Join of a list parameter', {'Fn::Join': [',', {Ref: 'Subnets'}]}, 'subnet-a,subnet-b'],
    ['Join of an unknown list', {'Fn::Join': [',', {Ref: 'Ids'}]}, '{{Join:Ref:Ids}}'],
    ['Select', {'Fn::Select': [1, ['x', {Ref: 'Bucket'}]]}, 'quilt-bucket'],
    ['Select, index as text', {'Fn::Select': ['0', {Ref: 'Subnets'}]}, 'subnet-a'],
    ['Select from an unknown list', {'Fn::Select': [0, {Ref: 'Ids'}]}, '{{Select:Ref:Ids[0]}}'],
    ['Select out of range', {'Fn::Select': [5, ['a']]}, '{{Fn:Select}}'],
    ['Split', {'Fn::Split': ['/', 'a/b/c']}, ['a', 'b', 'c']],
    ['Split keeps tokens whole', {'Fn::Select': [3, {'Fn::Split': [':', {'Fn::Sub': 'arn:aws:logs:${AWS::Region}:1:g'}]}]}, '{{Ref:AWS::Region}}'],
    ['FindInMap', {'Fn::FindInMap': ['Images', 'us-east-1', 'Tag']}, '0.5.4'],
    ['FindInMap on a deploy-time key', {'Fn::FindInMap': ['Images', {Ref: 'AWS::Region'}, 'Tag']}, '{{FindInMap:Images.Ref:AWS::Region.Tag}}'],
    ['ImportValue', {'Fn::ImportValue': {'Fn::Sub': '${AWS::StackName}-Queue'}}, '{{ImportValue:Ref:AWS::StackName-Queue}}'],
    ['an intrinsic the resolver does not know', {'Fn::GetAZs': ''}, '{{Fn:GetAZs}}'],
    ['a malformed intrinsic', {'Fn::Join': 'oops'}, '{{Fn:Join}}'],
    ['nested', {'Fn::Join': ['', ['arn:', {Ref: 'AWS::Partition'}, ':s3:::', {'Fn::Select': [0, {'Fn::Split': ['-', {Ref: 'Bucket'}]}]}]]}, 'arn:aws:s3:::quilt'],
  ])('%s', (_name, input, expected) => {
    expect(r.resolve(input)).toEqual(expected)
  })

  test('AWS::NoValue removes a property and a list element', () => {
    expect(r.resolve({A: {Ref: 'AWS::NoValue'}, B: ['x', {Ref: 'AWS::NoValue'}, 'y']})).toEqual({B: ['x', 'y']})
  })

  test('an object with several keys is data, not an intrinsic', () => {
    expect(r.resolve({Ref: 'Bucket', Other: 1})).toEqual({Other: 1, Ref: 'Bucket'})
  })

  test('never throws on odd input', () => {
    for (const odd of [{'Fn::Sub': 5}, {'Fn::Select': 'x'}, {'Fn::Split': [1, 2]}, {'Fn::GetAtt': 7}, {Ref: ['a']}, {'Fn::If': 'x'}, {'Fn::FindInMap': 'x'}]) {
      expect(typeof r.resolve(odd)).toBe('string')
    }
  })
})

describe('resolve: parameter overrides', () => {
  test.each([
    ['overrides a default', {Bucket: 'other'}, {Ref: 'Bucket'}, 'other'],
    ['fills a parameter without default', {Queue: 'arn:aws:sqs:us-east-1:123456789012:q'}, {Ref: 'Queue'}, 'arn:aws:sqs:us-east-1:123456789012:q'],
    ['splits a list parameter', {Ids: 'subnet-1,subnet-2'}, {Ref: 'Ids'}, ['subnet-1', 'subnet-2']],
    ['sets a pseudo parameter', {'AWS::Region': 'eu-west-1'}, {'Fn::GetAtt': ['Group', 'Arn']}, 'arn:aws:logs:eu-west-1:{{Ref:AWS::AccountId}}:log-group:/ecs/app:*'],
    ['fills an SSM parameter', {Version: '21'}, {Ref: 'Version'}, '21'],
  ])('%s', (_name, parameters, input, expected) => {
    expect(resolver(template, {parameters}).resolve(input)).toEqual(expected)
  })

  test('str and num read scalars', () => {
    const r = resolver(template)
    expect(r.str({Ref: 'Count'})).toBe('2')
    expect(r.num({Ref: 'Count'})).toBe(2)
    expect(r.num({Ref: 'Queue'})).toBeUndefined()
    expect(r.str({Ref: 'Subnets'})).toBeUndefined()
  })
})
