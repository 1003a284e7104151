import {describe, expect, test} from 'vitest'

import secretFormat from '../../src/checks/secret-format.js'
import type {Finding, FindingInput} from '../../src/checks/types.js'
import {describeSecretString} from '../../src/facts/secret-shape.js'
import type {SecretFact} from '../../src/facts/types.js'
import {contractFor} from '../../src/profile/contracts.js'
import {SECRET_V018, SECRET_V05, SECRET_V07} from '../fixtures/secrets/index.js'

// judged by v0.7.10's contract (10 required keys) unless a test names another release
const profile = contractFor('0.7.10')

// Values a finding must never show.
const CLIENT_ID = 'wqFfVOhbYeCLIENT'
const CLIENT_SECRET = '6NUPNtpWP7fSECRETVALUE'
const GOOD = {...SECRET_V07, app_definition_id: 'appdef_wqFfaXBVMu', client_id: CLIENT_ID, client_secret: CLIENT_SECRET}
const {client_id: _id, client_secret: _secret, tenant: _tenant, ...REST} = GOOD

/** A secret as a source gives it: its JSON described by shape, values dropped. */
function secret(json: unknown, id?: string): SecretFact {
  return {content: describeSecretString(typeof json === 'string' ? json : JSON.stringify(json)), ...(id ? {id} : {})}
}

function run(fact: SecretFact): FindingInput[] {
  return secretFormat.run({benchlingSecret: fact} as never, profile)
}

type Expected = [Finding['severity'], Finding['impact'], RegExp]

describe('secret-format', () => {
  test.each<[string, SecretFact, Expected[]]>([
    ['a good secret', secret(GOOD), []],
    ['optional keys are fine', secret({...GOOD, api_url: 'https://quilt-dtt.benchling.com/api/v2'}), []],
    ['an empty webhook_allow_list is allowed (no IP filter)', secret({...GOOD, webhook_allow_list: ''}), []],
    ['the 4 keys older docs named are not enough for v0.7', secret({app_definition_id: 'appdef_x1', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, tenant: 'quilt-dtt'}), ['pkg_prefix', 'pkg_key', 'user_bucket', 'log_level', 'enable_webhook_verification', 'webhook_allow_list'].map((k): Expected => ['error', 'start', new RegExp(`lacks ${k}$`)])],
    ['binary', {content: {kind: 'binary'}}, [['error', 'start', /binary data, not a JSON string/]]],
    ['not JSON', secret(`client_id=${CLIENT_ID}`), [['error', 'start', /is not valid JSON/]]],
    ['truncated JSON', secret(`{"client_id": "${CLIENT_ID}"`), [['error', 'start', /is not valid JSON/]]],
    ['a JSON array', secret([CLIENT_ID, CLIENT_SECRET]), [['error', 'start', /is an array in JSON, not an object/]]],
    ['a JSON string', secret(JSON.stringify(CLIENT_SECRET)), [['error', 'start', /is a string in JSON, not an object/]]],
    ['JSON null', secret('null'), [['error', 'start', /secret is null in JSON, not an object/]]],
    ['missing client_secret', secret({...REST, client_id: CLIENT_ID, tenant: 'quilt-dtt'}), [['error', 'start', /lacks client_secret/]]],
    ['camelCase keys', secret({...REST, app_definition_id: undefined, appDefinitionId: 'appdef_x1', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tenant: 'quilt-dtt'}), [['error', 'start', /names client_id as clientId/], ['error', 'start', /names client_secret as clientSecret/], ['error', 'start', /names app_definition_id as appDefinitionId/]]],
    ['tenantName', secret({...REST, client_id: CLIENT_ID, client_secret: CLIENT_SECRET, tenantName: 'quilt-dtt'}), [['error', 'start', /names tenant as tenantName/]]],
    ['upper-case keys', secret({...REST, CLIENT_ID, CLIENT_SECRET, TENANT: 'quilt-dtt'}), [['error', 'start', /names client_id as CLIENT_ID/], ['error', 'start', /names client_secret as CLIENT_SECRET/], ['error', 'start', /names tenant as TENANT/]]],
    ['camelCase beside snake_case', secret({...GOOD, clientId: CLIENT_ID}), [['warning', 'hygiene', /names client_id as clientId/]]],
    ['misspelt required key', secret({...REST, client_id: CLIENT_ID, client_secrte: CLIENT_SECRET, tenant: 'quilt-dtt'}), [['error', 'start', /lacks client_secret/], ['warning', 'hygiene', /unknown key client_secrte: did you mean client_secret/]]],
    ['unknown key, far from any', secret({...GOOD, favourite_colour: 'blue'}), [['warning', 'hygiene', /unknown key favourite_colour$/]]],
    ['client_id a number', secret({...GOOD, client_id: 12345}), [['error', 'start', /client_id in the Benchling secret is a number, not a string/]]],
    ['client_secret empty', secret({...GOOD, client_secret: ''}), [['error', 'start', /client_secret in the Benchling secret is empty/]]],
    ['client_secret blank', secret({...GOOD, client_secret: '   '}), [['error', 'start', /client_secret in the Benchling secret is empty/]]],
    ['client_secret null', secret({...GOOD, client_secret: null}), [['error', 'start', /client_secret .* is null, not a string/]]],
    ['client_secret padded', secret({...GOOD, client_secret: `${CLIENT_SECRET}\n`}), [['error', 'runtime', /client_secret .* white space around its value/]]],
    ['tenant as URL', secret({...GOOD, tenant: 'https://quilt-dtt.benchling.com'}), [['error', 'runtime', /tenant .* is a URL, not a tenant name: use "quilt-dtt", not the URL/]]],
    ['tenant as domain', secret({...GOOD, tenant: 'quilt-dtt.benchling.com'}), [['error', 'runtime', /tenant .* is a domain, not a tenant name: use "quilt-dtt"/]]],
    ['tenant as another URL', secret({...GOOD, tenant: 'https://example.com/x'}), [['error', 'runtime', /tenant .* is a URL, not a tenant name: use the first label/]]],
    ['tenant with odd characters', secret({...GOOD, tenant: 'quilt_dtt!'}), [['error', 'runtime', /tenant .* is not a tenant name/]]],
    ['app_definition_id misshapen', secret({...GOOD, app_definition_id: 'wqFfaXBVMu'}), [['warning', 'runtime', /app_definition_id .* does not look like an app definition id/]]],
    ['app_definition_id empty', secret({...GOOD, app_definition_id: ''}), [['error', 'start', /app_definition_id in the Benchling secret is empty/]]],
  ])('%s', (_name, fact, expected) => {
    const findings = run(fact)
    const seen = findings.map((f) => `${f.severity}/${f.impact}: ${f.title}`)
    expect(findings, seen.join('\n')).toHaveLength(expected.length)
    for (const [severity, impact, title] of expected) {
      expect(findings.some((f) => f.severity === severity && f.impact === impact && title.test(f.title)), `${title} in\n${seen.join('\n')}`).toBe(true)
    }

    const text = JSON.stringify(findings)
    for (const value of [CLIENT_ID, CLIENT_SECRET, 'appdef_wqFfaXBVMu', 'appdef_x1']) expect(text).not.toContain(value)
  })

  test('a fix edits the secret without printing it, by its id when known', () => {
    const [finding] = run(secret({client_id: CLIENT_ID, tenant: 'quilt-dtt'}, 'benchling-webhook'))
    expect(finding?.fix).toContain('aws secretsmanager get-secret-value --secret-id benchling-webhook --query SecretString --output text > secret.json')
    expect(finding?.fix).toContain('add "client_secret"')
    expect(finding?.fix).toContain('aws secretsmanager put-secret-value --secret-id benchling-webhook --secret-string file://secret.json')
    expect(finding?.evidence).toEqual(['keys present: client_id, tenant'])
  })

  test('evidence gives a value\'s shape, never the value', () => {
    const [finding] = run(secret({...GOOD, client_secret: ` ${CLIENT_SECRET}`}))
    expect(finding?.evidence).toEqual([`key client_secret: string, ${CLIENT_SECRET.length + 1} characters, padded`])
  })
})

describe('secret-format, by the release the deployment runs', () => {
  const judge = (version: string | undefined, json: unknown) => secretFormat.run({benchlingSecret: secret(json)} as never, contractFor(version)).map((f) => `${f.severity}: ${f.title}`)

  test.each<[string, string | undefined, unknown, string[]]>([
    ['v0.5.4: the three keys the upstream stack maps into variables', '0.5.4', SECRET_V05, []],
    ['v0.5.4: app_definition_id missing (the seed incident)', '0.5.4', {client_id: 'a', client_secret: 'b'}, ['error: The Benchling secret lacks app_definition_id']],
    ['v0.5.4: no tenant in the secret is right (BENCHLING_TENANT holds it), and an extra key is not wrong', '0.5.4', {...SECRET_V05, tenant: 'quilt-dtt'}, []],
    ['v0.6.0: all 10 keys', '0.6.0', SECRET_V07, []],
    ['v0.7.10: webhook_allow_list is required, empty or not', '0.7.10', SECRET_V018, ['error: The Benchling secret lacks webhook_allow_list']],
    ['v0.18.0: 9 keys', '0.18.0', SECRET_V018, []],
    ['v0.18.0: webhook_allow_list is not read, and not wrong', '0.18.0', SECRET_V07, []],
    ['v0.18.0: a 4-key secret the app refuses', '0.18.0', {app_definition_id: 'appdef_x1', client_id: 'a', client_secret: 'b', tenant: 'quilt-dtt'}, ['pkg_prefix', 'pkg_key', 'user_bucket', 'log_level', 'enable_webhook_verification'].map((k) => `error: The Benchling secret lacks ${k}`)],
    ['release not known: only the keys every release needs (client_id, client_secret, app_definition_id)', undefined, {app_definition_id: 'appdef_x1', client_id: 'a', clientSecret: 'b'}, ['error: The Benchling secret names client_secret as clientSecret']],
  ])('%s', (_name, version, json, expected) => {
    expect(judge(version, json)).toEqual(expected)
  })
})
