import {describe, expect, it} from 'vitest'

import {extractTemplateSecrets} from '../../../src/facts/cfn/extract-secrets.js'
import {Resolver} from '../../../src/facts/cfn/resolve.js'
import {parseTemplate} from '../../../src/facts/cfn/template.js'

// The secrets a template creates, by their keys; a literal credential is flagged, never kept.

const secret = (properties: Record<string, unknown>) => ({Resources: {Creds: {Properties: properties, Type: 'AWS::SecretsManager::Secret'}}})
const extract = (template: unknown, parameters: Record<string, string> = {}) => extractTemplateSecrets(new Resolver(parseTemplate(template, 'test'), {parameters}))
const keysOf = (t: unknown) => {
  const [s] = extract(t)
  return s?.content.kind === 'json-object' ? Object.keys(s.content.keys) : s?.content.kind
}

describe('extractTemplateSecrets', () => {
  it('a literal SecretString (v0.5.4\'s): its keys, a credential flagged, no value kept', () => {
    const [s] = extract(secret({Name: 'benchling-webhook/credentials', SecretString: '{"client_id":"id-PLANTED","client_secret":"PLANTED-secret-value"}'}))
    expect(s).toMatchObject({name: 'benchling-webhook/credentials', plaintext: [{key: 'client_secret', reason: 'client_secret holds a credential'}], ref: '{{Ref:Creds}}', resource: 'Creds'})
    expect(keysOf(secret({SecretString: '{"client_id":"a","client_secret":"b"}'}))).toEqual(['client_id', 'client_secret'])
    expect(JSON.stringify(s)).not.toContain('PLANTED')
  })

  it('a SecretString joined from parameters: the keys are known, the values are not in the template', () => {
    const t = {...secret({SecretString: {'Fn::Join': ['', ['{"client_id":"', {Ref: 'ClientId'}, '","client_secret":"', {Ref: 'ClientSecret'}, '"}']]}}), Parameters: {ClientId: {Type: 'String'}, ClientSecret: {NoEcho: true, Type: 'String'}}}
    const [s] = extract(t)
    expect(keysOf(t)).toEqual(['client_id', 'client_secret'])
    expect(s?.plaintext).toEqual([])
  })

  it('a parameter default is written in the template: a credential there is flagged', () => {
    const t = {...secret({SecretString: {'Fn::Sub': '{"client_secret":"${ClientSecret}"}'}}), Parameters: {ClientSecret: {Default: 'PLANTED-default', Type: 'String'}}}
    expect(extract(t)[0]?.plaintext).toEqual([{key: 'client_secret', reason: 'client_secret holds a credential'}])
  })

  it('GenerateSecretString: the template\'s keys and the generated one', () => {
    expect(keysOf(secret({GenerateSecretString: {GenerateStringKey: 'client_secret', SecretStringTemplate: '{"client_id":"abc","tenant":"quilt-dtt"}'}}))).toEqual(['client_id', 'tenant', 'client_secret'])
    // one generated string, no JSON: no key can be read from it
    expect(keysOf(secret({GenerateSecretString: {PasswordLength: 32}}))).toBe('not-json')
  })

  it('a secret behind a false condition is not created', () => {
    const t = {Conditions: {Never: {'Fn::Equals': ['a', 'b']}}, Resources: {Creds: {Condition: 'Never', Properties: {SecretString: '{"a":"b"}'}, Type: 'AWS::SecretsManager::Secret'}}}
    expect(extract(t)).toEqual([])
  })
})
