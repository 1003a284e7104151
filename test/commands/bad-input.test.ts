import {mkdir, mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {bwops, example} from '../helpers.js'

// An operator's worst inputs, through the CLI: each gets a clear message and exit 2 (or, where
// the input describes a broken deployment, a finding and exit 1), never a stack trace and never
// "a bug in bwops". No case reaches AWS or Docker: the AWS environment points nowhere.

let dir: string
const at = (name: string) => join(dir, name)
const json = (value: unknown) => JSON.stringify(value)
const bundleExample = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(example('legacy-missing-app-definition-id.bundle.json'), 'utf8'))) as {
  facts: Record<string, {value?: Record<string, unknown>}>
}

/** The example bundle with one change, as a file. */
function bundleWith(change: (facts: Record<string, {value?: Record<string, unknown>}>) => void): string {
  const copy = structuredClone(bundleExample)
  change(copy.facts)
  return json(copy)
}

const td = (container: Record<string, unknown>) => json({containerDefinitions: [{image: 'x', name: 'BenchlingWebhookContainer', ...container}]})
const files: Record<string, string | Buffer> = {
  'arr.json': '[1, 2]',
  'binary.bin': Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x01]),
  'bomb.yaml': ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`), 'Resources: {}'].join('\n'),
  'bundle-containers-missing.json': bundleWith((f) => delete f.taskDefinition!.value!.containers),
  'bundle-containers-string.json': bundleWith((f) => (f.taskDefinition!.value!.containers = 'x')),
  'bundle-env-object.json': bundleWith((f) => ((f.taskDefinition!.value!.containers as Record<string, unknown>[])[0]!.environment = {A: 'b'})),
  'bundle-events-null.json': bundleWith((f) => (f.serviceState!.value!.events = null)),
  'bundle-mode-bad.json': bundleWith((f) => (f.mode = {value: {inferred: false, value: 'sideways', why: 'x'}})),
  'bundle-stopped-number.json': bundleWith((f) => (f.tasks!.value!.stopped = 5)),
  'cfg-bad.json': json({bogus: 1, mode: 5}),
  'cfg-severity.json': json({severity: {'no-such-check': 'error'}}),
  'deep.json': `{"Resources": {"T": {"Type": "X", "Properties": ${'['.repeat(5000)}${']'.repeat(5000)}}}}`,
  'empty.json': '',
  'env-binary.env': Buffer.from([0x00, 0x01, 0xff]),
  'env-junk.env': 'this is not an env file\n',
  'loop.json': json({
    Resources: {
      Role: {Properties: {RoleName: {Ref: 'Role'}}, Type: 'AWS::IAM::Role'},
      TD: {Properties: {ContainerDefinitions: [{Environment: [{Name: 'A', Value: {'Fn::Sub': '${Unknown}-${Role.Arn}'}}], Image: 'x', Name: 'c'}], TaskRoleArn: {'Fn::GetAtt': ['Role', 'Arn']}}, Type: 'AWS::ECS::TaskDefinition'},
    },
  }),
  'secret-array.json': '["client_id", "client_secret"]',
  'secret-string.json': '"just a string"',
  'self-alias.yaml': 'Resources:\n  TD:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions: &c\n        - Name: c\n          Image: *c\n',
  'td-command-string.json': td({command: 'python -m app'}),
  'td-env-number-name.json': td({environment: [{name: 5, value: 'x'}]}),
  'td-env-object.json': td({environment: {QUILT_CATALOG: 'a'}}),
  'td-env-string-entry.json': td({environment: ['QUILT_CATALOG=a']}),
  'td-no-containers.json': json({family: 'x'}),
  'td-numbers.json': td({environment: [{name: 'PORT', value: 5000}], memory: '512'}),
  'td-secret-no-valuefrom.json': td({secrets: [{name: 'BENCHLING_CLIENT_SECRET'}]}),
  'tpl-no-containers.yaml': 'Resources:\n  TD: {Type: AWS::ECS::TaskDefinition, Properties: {Family: x}}\n',
  'tpl-no-td.json': json({Resources: {Q: {Type: 'AWS::SQS::Queue'}}}),
}

let saved: NodeJS.ProcessEnv
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bwops-bad-'))
  await mkdir(at('a-directory'))
  await Promise.all(Object.entries(files).map(([name, content]) => writeFile(at(name), content)))
  saved = {...process.env}
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k]
  Object.assign(process.env, {AWS_CONFIG_FILE: '/nonexistent/config', AWS_EC2_METADATA_DISABLED: 'true', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials'})
})
afterAll(() => {
  process.env = saved
})

const STACK = 'arn:aws:cloudformation:us-east-1:123456789012:stack/quilt/abc'
const LEGACY = ['deploy', '--mode', 'legacy', '--catalog', 'c.example.com', '--database', 'd', '--bucket', 'b', '--tenant', 't', '--client-id', 'i', '--app-id', 'appdef_x', '--client-secret-id', 's', '--region', 'us-east-1']

// [what, args (a leading @ names a file made above), exit code, what stderr says]
const cases: [string, string[], number, RegExp][] = [
  // doctor: files that are not what they claim
  ['a directory as the task definition', ['doctor', '--task-definition', '@a-directory'], 2, /is a directory, not a file[\s\S]*Name the task definition file itself/],
  ['a directory as the secret file (no "file file")', ['doctor', '--secret-file', '@a-directory'], 2, /Name the secret file itself/],
  ['an empty template', ['doctor', '--template', '@empty.json'], 2, /The template ".*empty.json" is empty/],
  ['binary garbage as a bundle', ['doctor', '--bundle', '@binary.bin'], 2, /is not text[\s\S]*must be a text file/],
  ['a YAML alias bomb', ['doctor', '--template', '@bomb.yaml'], 2, /Excessive alias count/],
  ['a YAML alias inside its own anchor', ['doctor', '--template', '@self-alias.yaml'], 2, /nests deeper than 100 levels, or a YAML alias refers to the node that holds it/],
  ['JSON nested 5000 deep', ['doctor', '--template', '@deep.json'], 2, /nests deeper than 100 levels: no template is shaped like that/],
  ['a JSON array as a template', ['doctor', '--template', '@arr.json'], 2, /expected an object, found an array/],
  // task definitions of the wrong shape: refused, not read as "no environment"
  ['a task definition without containers', ['doctor', '--task-definition', '@td-no-containers.json'], 2, /has no containerDefinitions/],
  ['environment as an object', ['doctor', '--task-definition', '@td-env-object.json'], 2, /"environment" is an object, not a list[\s\S]*"environment": \[\{"name"/],
  ['an environment entry as a string', ['doctor', '--task-definition', '@td-env-string-entry.json'], 2, /environment entry #1 is a string, not \{"name", "value"\}/],
  ['an environment name that is a number', ['doctor', '--task-definition', '@td-env-number-name.json', '--check', 'env-complete', '--mode', 'legacy'], 1, /^$/],
  ['a secret without valueFrom', ['doctor', '--task-definition', '@td-secret-no-valuefrom.json'], 2, /secrets entry #1 \(BENCHLING_CLIENT_SECRET\) has no "valueFrom"/],
  ['command as one string', ['doctor', '--task-definition', '@td-command-string.json'], 2, /"command" is a string, not a list of strings/],
  // templates
  ['a template whose task definition has no containers', ['doctor', '--template', '@tpl-no-containers.yaml'], 2, /the task definition TD has no ContainerDefinitions[\s\S]*Give TD the webhook container/],
  ['a template without a task definition', ['doctor', '--template', '@tpl-no-td.json', '--check', 'env-complete'], 2, /No check could run/],
  // bundles whose facts are of the wrong shape: refused when read, not crashed checks
  ['a bundle without containers', ['doctor', '--bundle', '@bundle-containers-missing.json'], 2, /fact of the wrong shape: taskDefinition has no "containers"/],
  ['a bundle whose containers is a string', ['doctor', '--bundle', '@bundle-containers-string.json'], 2, /taskDefinition.containers is a string, not a list/],
  ['a bundle whose environment is an object', ['doctor', '--bundle', '@bundle-env-object.json'], 2, /taskDefinition.containers\[0\].environment is an object, not a list/],
  ['a bundle whose stopped tasks is a number', ['doctor', '--bundle', '@bundle-stopped-number.json'], 2, /tasks.stopped is a number, not a list/],
  ['a bundle whose events are null', ['doctor', '--bundle', '@bundle-events-null.json'], 2, /serviceState.events is null, not a list/],
  ['a bundle with an unknown mode', ['doctor', '--bundle', '@bundle-mode-bad.json'], 2, /mode.value is "sideways", not one of legacy, secrets-only/],
  // config
  ['--config naming a directory', ['doctor', '--config', '@a-directory'], 2, /The config file ".*" is a directory/],
  ['--config naming binary data', ['doctor', '--config', '@binary.bin'], 2, /The config file ".*" is not text/],
  ['--config with unknown settings', ['doctor', '--config', '@cfg-bad.json'], 2, /unknown setting "bogus"[\s\S]*mode: must be one of/],
  ['a config severity for an unknown check', ['doctor', '--config', '@cfg-severity.json', '--task-definition', example('sound-secrets-only.task-definition.json')], 2, /"severity" names unknown check "no-such-check"/],
  // probe inputs, refused before Docker is asked
  ['doctor --probe with a binary env file', ['doctor', '--task-definition', example('sound-secrets-only.task-definition.json'), '--probe', '--probe-env-file', '@env-binary.env'], 2, /The env file ".*" is not text/],
  ['--probe-env-file without --probe', ['doctor', '--task-definition', example('sound-secrets-only.task-definition.json'), '--probe-env-file', '@env-junk.env'], 2, /--probe/],
  ['probe with a directory as the task definition', ['probe', '--from-task-definition', '@a-directory'], 2, /The task definition ".*" is a directory/],
  ['probe with environment as an object', ['probe', '--from-task-definition', '@td-env-object.json'], 2, /"environment" is an object, not a list/],
  ['probe with a junk env file', ['probe', '--image', 'x', '--env-file', '@env-junk.env'], 2, /Line 1 of the env file/],
  // deploy: identifiers refused before any AWS call (no region, no credentials needed)
  ['deploy with a stack name for --quilt-stack-arn', ['deploy', '--quilt-stack-arn', 'quilt', '--benchling-secret', 'bw'], 2, /--quilt-stack-arn "quilt" is a stack name, not a stack ARN/],
  ['deploy with an S3 ARN for the stack and the secret', ['deploy', '--quilt-stack-arn', 'arn:aws:s3:::bucket', '--benchling-secret', 'arn:aws:s3:::b'], 2, /is an ARN of s3, not a CloudFormation stack ARN[\s\S]*is an ARN of s3, not a Secrets Manager secret/],
  ['deploy with a JSON key on the secret ARN', ['deploy', '--quilt-stack-arn', STACK, '--benchling-secret', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bw-AbCdEf:client_id::'], 2, /carries a JSON key[\s\S]*use arn:aws:secretsmanager:us-east-1:123456789012:secret:bw-AbCdEf/],
  ['deploy with a queue URL for --queue-arn', [...LEGACY, '--queue-arn', 'https://sqs.us-east-1.amazonaws.com/123456789012/q'], 2, /is a queue URL, not a queue ARN; use arn:aws:sqs:us-east-1:123456789012:q/],
  ['deploy with a bucket ARN for --queue-arn', [...LEGACY, '--queue-arn', 'arn:aws:s3:::bucket'], 2, /--queue-arn "arn:aws:s3:::bucket" is an ARN of s3, not an SQS queue ARN/],
  ['deploy with malformed VPC and subnet ids', ['deploy', '--quilt-stack-arn', STACK, '--benchling-secret', 'bw', '--vpc-id', 'vpc1', '--subnet-ids', 'subnet-0123abcd,foo'], 2, /--vpc-id "vpc1" is not a VPC id[\s\S]*"foo" is not a subnet id/],
  ['deploy with a directory as --client-secret-file', ['deploy', '--mode', 'legacy', '--client-secret-file', '@a-directory'], 2, /The client secret file ".*" is a directory/],
  ['deploy with binary --client-secret-file', ['deploy', '--mode', 'legacy', '--client-secret-file', '@binary.bin'], 2, /The client secret file ".*" is not text/],
  ['deploy with a junk --env-file', ['deploy', '--env-file', '@env-junk.env'], 2, /env-junk.env line 1 is not KEY=VALUE/],
  ['deploy with a binary --env-file', ['deploy', '--env-file', '@env-binary.env'], 2, /The env file ".*" is not text/],
  // live commands: what can be known wrong offline is said before AWS is asked
  ['a region that is not one', ['status', '--region', 'us-east1'], 2, /"us-east1" is not an AWS region name \(from --region\)/],
  ['--since in the future', ['logs', '--since', '2999-01-01', '--region', 'us-east-1'], 2, /--since "2999-01-01" is in the future/],
  ['--since before 1970', ['logs', '--since', '99999d', '--region', 'us-east-1'], 2, /reaches back before 1970/],
  ['bundle --out naming a directory', ['bundle', '--out', '@a-directory', '--region', 'us-east-1'], 2, /--out ".*" is a directory; the bundle is one file/],
  ['bundle --out in a missing directory', ['bundle', '--out', '/nonexistent-dir/b.json', '--region', 'us-east-1'], 2, /the directory "\/nonexistent-dir" does not exist/],
]

describe('bad input: a clear message, the right exit code, never a stack trace', () => {
  it.each(cases)('%s', async (_name, args, exitCode, message) => {
    const run = await bwops(args.map((a) => (a.startsWith('@') ? at(a.slice(1)) : a)))
    expect(run.exitCode).toBe(exitCode)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).not.toMatch(/\n\s+at |bug in bwops|failed unexpectedly/)
  })
})

// Inputs that describe a broken deployment, not a broken input: a finding, exit 1.
describe('broken deployments described by the input: a finding', () => {
  it.each([
    ['a secret that is a JSON array', 'secret-array.json', 'The Benchling secret is an array in JSON, not an object'],
    ['a secret that is a JSON string', 'secret-string.json', 'The Benchling secret is a string in JSON, not an object'],
  ])('%s', async (_name, file, title) => {
    const run = await bwops(['doctor', '--secret-file', at(file), '--check', 'secret-format'])
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(title)
    expect(run.stdout).not.toContain('client_id", "client_secret')
  })

  it('a template whose names refer to themselves resolves what it can, with no stack overflow', async () => {
    const run = await bwops(['doctor', '--template', at('loop.json'), '--json'])
    expect(run.stderr).not.toMatch(/bug in bwops|Maximum call stack/)
    expect(JSON.parse(run.stdout).summary.crashed).toBe(0)
  })

  it('numbers where text is expected are read as the text ECS would get', async () => {
    const run = await bwops(['doctor', '--task-definition', at('td-numbers.json'), '--check', 'env-complete', '--mode', 'legacy', '--json'])
    const report = JSON.parse(run.stdout)
    expect(report.summary.crashed).toBe(0)
    expect(JSON.stringify(report.findings)).not.toContain('PORT')
  })
})
