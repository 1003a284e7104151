import {afterEach, describe, expect, it, vi} from 'vitest'

import {parseEnvFlag} from '../../src/docker/env.js'
import {parseStructured} from '../../src/facts/read-input.js'
import {bwops, fixture} from '../helpers.js'
import {expectNoLeak, FORMATS} from './planted.js'

// The hardest rule: no secret value in any output. Each fixture under test/fixtures/security plants
// values holding PLANTED in every place its kind of input can hold a secret; doctor must show none,
// in any format, on success or on error, while still naming what operators need.

const f = (name: string) => fixture(`security/${name}`)

interface Source {
  name: string
  args: string[]
  exitCode: number
  /** what must still be shown: names, keys, ARNs, and the masks standing for values */
  shows: string[]
}

const sources: Source[] = [
  {
    // secrets in env values, healthCheck -u/-H/?token=, command, entryPoint, splunk options, valueFrom
    args: ['--task-definition', f('task-definition.json')],
    exitCode: 1,
    name: 'a task definition',
    shows: [
      'BENCHLING_CLIENT_SECRET', 'DB_PASSWORD', 'AWS_ACCESS_KEY_ID', 'TLS_KEY', 'EXTRA_CONFIG', 'curl -f -u <hidden>', '?token=***', '{\\"client_secret\\": \\"***\\"}',
      // a reference with a JSON key names where the secret is: it is shown whole
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:benchling-webhook-credentials-Xy12Ab:client_secret::',
    ],
  },
  {
    // configuration values that are URLs with a user:password@, a token in a query string, a padded id
    args: ['--task-definition', f('task-definition-config.json')],
    exitCode: 1,
    name: 'a task definition with credentials in configuration URLs',
    shows: ['QUILT_CATALOG', 'to \\"nightly.quilttest.com\\"', 'QUILT_USER_BUCKET', 'to \\"bucket\\"', 'PORT is \\"5000 token=***\\"'],
  },
  {
    // NoEcho defaults, Sub-built URLs and JSON, a PEM, policy conditions, firelens apikey
    args: ['--template', f('template.json')],
    exitCode: 1,
    name: 'a CloudFormation template',
    shows: ['BENCHLING_CLIENT_SECRET', 'DB_PASSWORD', 'SIGNING_KEY', 'BENCHLING_CONFIG', '?api_key=***'],
  },
  {
    args: ['--template', f('template.json'), '--parameter', 'BenchlingClientSecret=PLANTED-61-s3cr3t', '--parameter', 'DbPassword=PLANTED-62-s3cr3t'],
    exitCode: 1,
    name: 'a template with secret --parameter values',
    shows: ['BENCHLING_CLIENT_SECRET', 'DB_PASSWORD'],
  },
  {
    // padded, nested, an AWS key, a PEM
    args: ['--secret-file', f('secret.json')],
    exitCode: 1,
    name: 'a secret file',
    shows: ['client_secret', 'api_key', 'private_key', 'nested'],
  },
  {args: ['--secret-file', f('secret-trailing-comma.txt')], exitCode: 1, name: 'a secret with a trailing comma', shows: ['not valid JSON']},
  {args: ['--secret-file', f('secret-not-json.txt')], exitCode: 1, name: 'a secret in KEY=VALUE lines', shows: ['not valid JSON']},
  {args: ['--secret-file', f('secret-json-string.json')], exitCode: 1, name: 'a secret that is a JSON string', shows: ['JSON type: string']},
  {args: ['--secret-file', f('secret-truncated.json')], exitCode: 1, name: 'a truncated secret', shows: ['ends early']},
  {args: ['--secret-file', f('secret-bare-token.json')], exitCode: 1, name: 'a secret with an unquoted value', shows: ['not valid JSON']},
  {
    // log lines, events, stop reasons, stack events and parameters, target health, fact sources
    args: ['--bundle', f('bundle.json')],
    exitCode: 1,
    name: 'a bundle',
    shows: ['BENCHLING_CLIENT_SECRET', 'BENCHLING_EXTRA', 'BenchlingWebhookStack-ExecutionRole-1A2B3C', 'password=***', 'Bearer ***', 'curl -u admin:***', 'token=***'],
  },
]

describe('doctor shows no planted secret, in any format', () => {
  const cases = sources.flatMap((source) => FORMATS.map((format) => ({...source, format})))
  it.each(cases)('$name as $format', async ({args, exitCode, format, shows}) => {
    const run = await bwops(['doctor', ...args, '--format', format, ...(format === 'text' ? ['--verbose'] : [])])
    expectNoLeak(run.stdout + run.stderr, `doctor ${args.join(' ')} --format ${format}`)
    expect(run.exitCode).toBe(exitCode)
    // what operators need survives (checked once, on text: the other formats carry the same strings)
    if (format === 'text') for (const needed of shows) expect(run.stdout).toContain(needed.replaceAll('\\"', '"'))
    if (format === 'json') for (const needed of shows) expect(run.stdout).toContain(needed)
  })

  it.each(sources)('$name with --verbose and --strict', async ({args}) => {
    const run = await bwops(['doctor', ...args, '--verbose', '--strict'])
    expectNoLeak(run.stdout + run.stderr)
  })
})

describe('doctor\'s errors quote no planted secret', () => {
  it.each([
    ['a YAML alias (a password starting with *)', ['--template', f('template-alias.yaml')], /Unresolved alias/],
    ['a block scalar header (a password starting with |)', ['--template', f('template-block-header.yaml')], /Block scalar header includes extra characters/],
    ['a bad escape in a quoted password', ['--template', f('template-bad-escape.yaml')], /Invalid escape sequence/],
    ['a truncated task definition', ['--task-definition', f('td-truncated.json')], /not valid JSON/],
    ['an env file given as a task definition', ['--task-definition', f('td-not-json.env')], /not valid JSON/],
    ['an unquoted password in a task definition', ['--task-definition', f('td-bare-value.json')], /not valid JSON/],
    ['a bundle fact that is a string', ['--bundle', f('bundle-malformed-fact.json')], /malformed fact "taskDefinition"/],
    ['a --parameter written with a colon', ['--template', f('template.json'), '--parameter', 'BenchlingClientSecret:PLANTED-63-s3cr3t'], /--parameter "BenchlingClientSecret\.\.\." is not KEY=VALUE/],
  ])('%s', async (_, args, message) => {
    const run = await bwops(['doctor', ...args])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(message)
    expectNoLeak(run.stdout + run.stderr)
  })

  it('reads a bundle whose facts have the wrong types without quoting them', async () => {
    const run = await bwops(['doctor', '--bundle', f('bundle-wrong-types.json'), '--json'])
    expectNoLeak(run.stdout + run.stderr)
  })
})

describe('parsers say what is wrong without the value', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('an unknown YAML !tag (a password starting with !) raises no warning that quotes the line', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    const run = await bwops(['doctor', '--template', f('template-unknown-tag.yaml')])
    parseStructured('Parameters:\n  P:\n    Default: !PLANTED-119-s3cr3t\nResources: {}\n', 't.yaml', 'template', true)
    await new Promise((resolve) => setImmediate(resolve))
    expect(warn).not.toHaveBeenCalled()
    expectNoLeak(run.stdout + run.stderr)
  })

  it.each([
    ['BENCHLING_CLIENT_SECRET: PLANTED-64-s3cr3t', '--env "BENCHLING_CLIENT_SECRET..." is not a variable name.'],
    ['client_secret PLANTED-64-s3cr3t', '--env "client_secret..." is not a variable name.'],
    ['1A', '--env "1A" is not a variable name.'],
  ])('--probe-env %j', (flag, message) => {
    expect(() => parseEnvFlag(flag, () => undefined)).toThrow(message)
  })
})
