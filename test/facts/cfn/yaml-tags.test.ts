import {describe, expect, test} from 'vitest'

import {parseStructured, readStructured} from '../../../src/facts/read-input.js'
import {UserError} from '../../../src/errors.js'

const parse = (text: string) => parseStructured(text, 't.yaml', 'template', true)

describe('YAML short-form intrinsics become long forms', () => {
  test.each([
    ['!Ref', 'A: !Ref Bucket', {Ref: 'Bucket'}],
    ['!Ref a pseudo parameter', 'A: !Ref AWS::Region', {Ref: 'AWS::Region'}],
    ['!GetAtt dotted', 'A: !GetAtt Role.Arn', {'Fn::GetAtt': ['Role', 'Arn']}],
    ['!GetAtt splits at the first dot only', 'A: !GetAtt Db.Endpoint.Address', {'Fn::GetAtt': ['Db', 'Endpoint.Address']}],
    ['!GetAtt as a list', 'A: !GetAtt [Role, Arn]', {'Fn::GetAtt': ['Role', 'Arn']}],
    ['!Sub string', "A: !Sub 'arn:${AWS::Partition}:s3:::x'", {'Fn::Sub': 'arn:${AWS::Partition}:s3:::x'}],
    ['!Sub list with nested tags', "A: !Sub\n  - '${X}-y'\n  - X: !Ref B", {'Fn::Sub': ['${X}-y', {X: {Ref: 'B'}}]}],
    ['!Sub block scalar', 'A: !Sub |\n  line ${X}', {'Fn::Sub': 'line ${X}\n'}],
    ['!Join', "A: !Join ['', [a, !Ref B]]", {'Fn::Join': ['', ['a', {Ref: 'B'}]]}],
    ['!Select and !Split', "A: !Select [0, !Split [',', !Ref L]]", {'Fn::Select': [0, {'Fn::Split': [',', {Ref: 'L'}]}]}],
    ['!If with NoValue', 'A: !If [C, !Ref X, !Ref AWS::NoValue]', {'Fn::If': ['C', {Ref: 'X'}, {Ref: 'AWS::NoValue'}]}],
    ['!Equals', "A: !Equals [!Ref P, '']", {'Fn::Equals': [{Ref: 'P'}, '']}],
    ['!And, !Not, !Condition', 'A: !And [!Condition C1, !Not [!Condition C2]]', {'Fn::And': [{Condition: 'C1'}, {'Fn::Not': [{Condition: 'C2'}]}]}],
    ['!Or', 'A: !Or [!Condition C1, !Condition C2]', {'Fn::Or': [{Condition: 'C1'}, {Condition: 'C2'}]}],
    ['!FindInMap', "A: !FindInMap [M, !Ref 'AWS::Region', K]", {'Fn::FindInMap': ['M', {Ref: 'AWS::Region'}, 'K']}],
    ['!ImportValue over a mapping', "A: !ImportValue {'Fn::Sub': '${S}-x'}", {'Fn::ImportValue': {'Fn::Sub': '${S}-x'}}],
    ['!GetAZs', "A: !GetAZs ''", {'Fn::GetAZs': ''}],
  ])('%s', (_name, text, expected) => {
    expect((parse(text) as {A: unknown}).A).toEqual(expected)
  })

  test('unquoted dates stay text (YAML 1.2), as CloudFormation reads them', () => {
    expect(parse("AWSTemplateFormatVersion: 2010-09-09\nV: '2012-10-17'")).toEqual({AWSTemplateFormatVersion: '2010-09-09', V: '2012-10-17'})
  })

  test('the secrets-only fixture reads with its tags resolved', async () => {
    const template = (await readStructured('test/fixtures/templates/secrets-only.yaml', 'template', true)) as {Resources: Record<string, {Properties: Record<string, unknown>}>}
    expect(template.Resources.TaskDefinition!.Properties.ExecutionRoleArn).toEqual({'Fn::GetAtt': ['ExecutionRole', 'Arn']})
    expect(template.Resources.LogGroup!.Properties.LogGroupName).toEqual({'Fn::Sub': '/ecs/${AWS::StackName}'})
  })

  test.each([
    ['bad indentation', 'Resources:\n  A: 1\n B: 2'],
    ['an unclosed flow sequence', 'Resources: [a, b'],
  ])('malformed YAML is a UserError with the line: %s', (_name, text) => {
    expect(() => parse(text)).toThrow(UserError)
    expect(() => parse(text)).toThrow(/neither valid JSON nor valid YAML at line \d+/)
  })
})
