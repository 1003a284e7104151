import {execFile} from 'node:child_process'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {SecretLookup} from '../../src/deploy/clients.js'
import {chooseImage} from '../../src/deploy/image.js'
import {type DeployOptions, SecretValue} from '../../src/deploy/options.js'
import type {Plan} from '../../src/deploy/plan.js'
import {planParameters} from '../../src/deploy/plan-parameters.js'
import {webhookTemplate} from '../../src/deploy/template/template.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {ACCOUNT, QUEUE_ARN, QUILT_STACK_ARN, SECRET_ARN} from './planned.js'

// cfn-lint (the CloudFormation linter, 1.51) on the template deploy generates, with the parameters
// of every combination deploy can produce: each mode, a new or a kept log group, a public or a
// private ECR image, the AWS managed or a customer KMS key on the secret, webhook verification on
// or off, a client secret stored by deploy or referenced, a Quilt stack whose outputs were read or
// not (the '*' fallback --force can deploy), and every log level. No error-level finding may remain.
// Without cfn-lint the test skips with its reason; BWOPS_REQUIRE_CFN_LINT=1 (.ci/run) fails instead.

const run = promisify(execFile)
const REGION = 'us-east-1'
const KMS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789`
const ECR_IMAGE = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/benchling:0.5.6`
const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL']

async function cfnLintForTests(): Promise<{ok: boolean; reason?: string}> {
  try {
    const {stdout} = await run('cfn-lint', ['--version'], {timeout: 60_000})
    return {ok: /cfn-lint 1\./.test(stdout), reason: `found ${stdout.trim()}, want cfn-lint 1.x`}
  } catch (error) {
    const reason = `cfn-lint is not on PATH (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); run scripts/ci-python.sh`
    if (process.env.BWOPS_REQUIRE_CFN_LINT === '1') throw new Error(`BWOPS_REQUIRE_CFN_LINT=1 but ${reason}`)
    console.warn(`[test/deploy/cfn-lint] skipping: ${reason}`)
    return {ok: false, reason}
  }
}

interface Combination {
  mode: 'legacy' | 'secrets-only'
  createLogGroup: boolean
  privateImage: boolean
  kmsKey: boolean
  verification: boolean
  /** legacy: the client secret stored by deploy (else referenced); secrets-only: the Quilt stack's outputs read (else '*') */
  variant: boolean
}

function combinations(): Combination[] {
  const all: Combination[] = []
  for (const mode of ['legacy', 'secrets-only'] as const)
    for (const createLogGroup of [true, false])
      for (const privateImage of [true, false])
        for (const kmsKey of [true, false])
          for (const verification of [true, false])
            for (const variant of [true, false]) all.push({createLogGroup, kmsKey, mode, privateImage, variant, verification})
  return all
}

/** The parameters planParameters gives a plan of this combination: what deploy would send. */
function parametersOf(c: Combination, i: number): Record<string, string> {
  const secret: SecretLookup = {arn: SECRET_ARN, deleted: false, found: true, name: 'benchling-webhook', ...(c.kmsKey ? {kmsKeyId: KMS_KEY} : {})}
  const outputs: Record<string, string> = c.variant ? {CatalogDomain: 'quilt.example.com', PackagerQueueArn: QUEUE_ARN, UserAthenaDatabaseName: 'quilt_db', UserBucket: 'quilt-user-bucket'} : {}
  const lookups: Plan['lookups'] =
    c.mode === 'secrets-only'
      ? {benchlingSecret: secret, quiltStack: {found: true, stack: {id: QUILT_STACK_ARN, name: 'quilt', outputs, parameters: {}, status: 'UPDATE_COMPLETE'}}}
      : c.variant
        ? {}
        : {clientSecret: {...secret, arn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:benchling-client-secret-XyZ123`}}
  const options: DeployOptions = {
    dryRun: false,
    enableWebhookVerification: c.verification,
    force: false,
    legacy: {appId: 'appdef_abc123', bucket: 'quilt-user-bucket', catalog: 'quilt.example.com', clientId: 'client-id-1', database: 'quilt_db', queueArn: QUEUE_ARN, tenant: 'quilt-dtt'},
    logLevel: LOG_LEVELS[i % LOG_LEVELS.length],
    desiredCount: 1 + (i % 3),
    pollSeconds: 5,
    stackName: 'BenchlingWebhookStack',
    timeoutSeconds: 600,
    yes: true,
    ...(c.privateImage ? {image: ECR_IMAGE} : {imageTag: '0.5.6'}),
    ...(c.mode === 'secrets-only' ? {benchlingSecret: 'benchling-webhook', quiltStackArn: QUILT_STACK_ARN} : {}),
  }
  const plan: Omit<Plan, 'parameters'> = {
    account: ACCOUNT,
    image: chooseImage(options, profile),
    lookups,
    mode: {mode: c.mode, why: 'test'},
    network: {discovered: true, subnetIds: ['subnet-aaaa1111', 'subnet-bbbb2222'], vpcId: 'vpc-0123abcd'},
    notes: [],
    region: REGION,
    stackName: options.stackName,
    template: webhookTemplate(profile),
    ...(c.mode === 'legacy' && c.variant ? {secretWrite: {name: 'BenchlingWebhookStack/benchling-client-secret', value: new SecretValue('x', 'test')}} : {}),
  }
  return planParameters(plan, options, profile, String(c.createLogGroup))
}

interface LintFinding {
  Level: string
  Message: string
  Filename: string
  Rule: {Id: string}
}

const lint = await cfnLintForTests()

describe.skipIf(!lint.ok)(`cfn-lint on deploy's template${lint.ok ? '' : ` (skipped: ${lint.reason})`}`, () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bwops-cfn-lint-'))
  })
  afterAll(async () => {
    await rm(dir, {force: true, recursive: true})
  })

  /** cfn-lint over deployment files (template + parameters), one per parameter set; its JSON findings. */
  async function lintWith(template: unknown, parameterSets: Record<string, string>[]): Promise<LintFinding[]> {
    await writeFile(join(dir, 'template.json'), JSON.stringify(template, null, 1))
    const files: string[] = []
    for (const [i, parameters] of parameterSets.entries()) {
      const file = join(dir, `deployment-${i}.json`)
      // a deployment file writes a List<> parameter as a list; CloudFormation's API takes it comma-separated
      const values = Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, k === 'SubnetIds' ? v.split(',') : v]))
      await writeFile(file, JSON.stringify({parameters: values, 'template-file-path': './template.json'}))
      files.push(file)
    }

    // exit status is a bit set (2 errors, 4 warnings, 8 informational): the JSON says which
    const out = await run('cfn-lint', ['--format', 'json', '--deployment-files', ...files], {cwd: dir, maxBuffer: 64 * 1024 * 1024, timeout: 600_000}).catch((error: {stdout?: string; stderr?: string; code?: number}) => {
      if (error.code !== undefined && error.code & 1) throw new Error(`cfn-lint failed: ${error.stderr ?? ''}`)
      return {stdout: error.stdout ?? ''}
    })
    return JSON.parse(out.stdout || '[]') as LintFinding[]
  }

  it('finds no error in any combination of both modes deploy can produce', async () => {
    const sets = combinations().map(parametersOf)
    expect(sets).toHaveLength(64)
    expect(new Set(sets.map((s) => s.Mode))).toEqual(new Set(['legacy', 'secrets-only']))
    const findings = await lintWith(webhookTemplate(profile), sets)
    const errors = findings.filter((f) => f.Level === 'Error').map((f) => `${f.Rule.Id} ${f.Message} (${f.Filename})`)
    expect(errors).toEqual([])
  }, 600_000)

  it('really lints: a template with a broken resource fails with an error finding', async () => {
    const broken = webhookTemplate(profile) as unknown as {Resources: Record<string, {Properties: Record<string, unknown>}>}
    broken.Resources.TaskDefinition!.Properties.Cpu = 'a lot'
    broken.Resources.Service!.Properties.LaunchType = 'ON_A_BOAT'
    const findings = await lintWith(broken, [parametersOf(combinations()[0]!, 0), {...parametersOf(combinations()[1]!, 1), LogLevel: 'VERBOSE'}])
    const errors = findings.filter((f) => f.Level === 'Error')
    expect(errors.map((f) => f.Message).join('\n')).toMatch(/ON_A_BOAT/)
    // and each deployment file's parameters are checked: a value the template does not allow
    expect(errors.filter((f) => f.Filename.endsWith('deployment-1.json')).map((f) => f.Message).join('\n')).toMatch(/VERBOSE/)
  }, 600_000)
})
