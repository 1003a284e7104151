import {describe, expect, test} from 'vitest'

import {resolver} from './helpers.js'

const template = {
  Conditions: {
    Always: {'Fn::Equals': ['a', 'a']},
    Cycle: {Condition: 'Cycle'},
    HasQueue: {'Fn::Not': [{'Fn::Equals': [{Ref: 'Queue'}, '']}]},
    InUsEast1: {'Fn::Equals': [{Ref: 'AWS::Region'}, 'us-east-1']},
    IsProd: {'Fn::Equals': [{Ref: 'Stage'}, 'prod']},
    NumberEquals: {'Fn::Equals': [{Ref: 'Count'}, 2]},
    ProdAndQueue: {'Fn::And': [{Condition: 'IsProd'}, {Condition: 'HasQueue'}]},
    ProdOrQueue: {'Fn::Or': [{Condition: 'IsProd'}, {Condition: 'HasQueue'}]},
    NotProd: {'Fn::Not': [{Condition: 'IsProd'}]},
  },
  Parameters: {Count: {Default: '2', Type: 'Number'}, Queue: {Type: 'String'}, Stage: {Default: 'dev', Type: 'String'}},
  Resources: {
    Maybe: {Condition: 'HasQueue', Properties: {}, Type: 'AWS::SQS::Queue'},
    Never: {Condition: 'IsProd', Properties: {}, Type: 'AWS::SQS::Queue'},
  },
}

describe('conditions', () => {
  test.each([
    ['Equals, decided by a default', 'IsProd', {}, false],
    ['Equals, decided by an override', 'IsProd', {Stage: 'prod'}, true],
    ['Equals compares numbers as text', 'NumberEquals', {}, true],
    ['Equals on literals', 'Always', {}, true],
    ['Not over a parameter with no default: unknown', 'HasQueue', {}, undefined],
    ['Not, once the parameter is given', 'HasQueue', {Queue: 'q'}, true],
    ['Not of a false condition', 'NotProd', {}, true],
    ['And: one false part decides', 'ProdAndQueue', {}, false],
    ['And: true and unknown is unknown', 'ProdAndQueue', {Stage: 'prod'}, undefined],
    ['And: all true', 'ProdAndQueue', {Queue: 'q', Stage: 'prod'}, true],
    ['Or: one true part decides', 'ProdOrQueue', {Stage: 'prod'}, true],
    ['Or: false and unknown is unknown', 'ProdOrQueue', {}, undefined],
    ['Or: all false', 'ProdOrQueue', {Queue: ''}, false],
    ['a condition on the region: unknown before deploy', 'InUsEast1', {}, undefined],
    ['a condition on the region: known when given', 'InUsEast1', {'AWS::Region': 'us-east-1'}, true],
    ['a condition that names itself', 'Cycle', {}, undefined],
    ['a condition that is not there', 'Missing', {}, undefined],
  ])('%s', (_name, condition, parameters, expected) => {
    expect(resolver(template, {parameters}).condition(condition)).toBe(expected)
  })

  test.each([
    ['a decided condition picks its branch', {Stage: 'prod'}, {'Fn::If': ['IsProd', 2, 1]}, 2],
    ['a decided false condition picks the other', {}, {'Fn::If': ['IsProd', 2, 1]}, 1],
    ['an undecided condition is a token, not a guess', {}, {'Fn::If': ['HasQueue', 'a', 'b']}, '{{If:HasQueue}}'],
    ['an undecided condition with equal branches has their value', {}, {'Fn::If': ['HasQueue', 'same', 'same']}, 'same'],
    ['a token embeds in a string', {}, {'Fn::Sub': ['x-${V}', {V: {'Fn::If': ['HasQueue', 'a', 'b']}}]}, 'x-{{If:HasQueue}}'],
    ['NoValue in the chosen branch removes the element', {}, ['a', {'Fn::If': ['IsProd', 'b', {Ref: 'AWS::NoValue'}]}], ['a']],
  ])('Fn::If: %s', (_name, parameters, input, expected) => {
    expect(resolver(template, {parameters}).resolve(input)).toEqual(expected)
  })

  test('a resource whose condition is false is absent; an undecided one may be created', () => {
    const r = resolver(template)
    expect(r.present(r.template.resources.get('Never')!)).toBe(false)
    expect(r.present(r.template.resources.get('Maybe')!)).toBe(true)
  })
})

describe('Fn::If over an undecided condition keeps what both branches agree on', () => {
  const r = resolver(template)
  test.each([
    ['two entries differing in one value', {'Fn::If': ['HasQueue', {Name: 'LOG_LEVEL', Value: 'INFO'}, {Name: 'LOG_LEVEL', Value: 'DEBUG'}]}, {Name: 'LOG_LEVEL', Value: '{{If:HasQueue}}'}],
    ['an entry that may not exist is left out', ['a', {'Fn::If': ['HasQueue', {Name: 'X', Value: '1'}, {Ref: 'AWS::NoValue'}]}], ['a']],
    ['a scalar that may not exist is a token', {'Fn::If': ['HasQueue', 'x', {Ref: 'AWS::NoValue'}]}, '{{If:HasQueue}}'],
    ['objects with other keys are a token', {'Fn::If': ['HasQueue', {A: 1}, {B: 1}]}, '{{If:HasQueue}}'],
    ['a number and its text differ', {'Fn::If': ['HasQueue', 1, '1']}, '{{If:HasQueue}}'],
  ])('%s', (_name, input, expected) => {
    expect(r.resolve(input)).toEqual(expected)
  })
})
