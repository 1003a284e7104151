import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'

import {bwops, fixture} from '../helpers.js'

// Templates of each upstream release line, written by us in the shape upstream's own CDK app
// synthesizes (test/fixtures/templates/v*.template.json say which release and file they model),
// judged end to end by `bwops doctor --template`: a sound one passes (the log group going with a
// rollback is the one true warning upstream's stacks earn), and each defect is an error naming the
// thing to change.

type Template = {Parameters: Record<string, {Default?: unknown}>; Resources: Record<string, {Type: string; Properties: Record<string, unknown>}>; Outputs?: Record<string, {Value: unknown}>}

const load = (name: string): Template => JSON.parse(readFileSync(fixture(`templates/${name}.template.json`), 'utf8'))
const dir = mkdtempSync(join(tmpdir(), 'bwops-release-'))

function write(name: string, template: Template): string {
  const file = join(dir, `${name}.template.json`)
  writeFileSync(file, JSON.stringify(template))
  return file
}

type Container = {Name: string; Environment: Array<{Name: string; Value: unknown}>; Image: unknown}
const containers = (t: Template): Container[] => t.Resources.TaskDefinition!.Properties.ContainerDefinitions as Container[]
const webhook = (t: Template): Container => containers(t).find((c) => c.Name === 'BenchlingWebhookContainer')!

async function doctor(file: string, ...extra: string[]) {
  const run = await bwops(['doctor', '--template', file, '--json', ...extra])
  const report = JSON.parse(run.stdout)
  const titles = (severity: string) => report.findings.filter((f: {severity: string}) => f.severity === severity).map((f: {title: string}) => f.title)
  return {errors: titles('error'), exitCode: run.exitCode, report, stdout: run.stdout, warnings: titles('warning')}
}

describe('a sound template of each release line passes', () => {
  test.each([
    ['v0.5.4-fixed', 'v0.5', '0.5.4', 'legacy', ['The log group does not survive a rollback', 'The template writes client_secret of secret BenchlingCredentials in plain text']],
    ['v0.6.0', 'v0.6-v0.7', '0.6.0', 'secrets-only', ['The log group does not survive a rollback']],
    ['v0.7.10', 'v0.6-v0.7', '0.7.10', 'secrets-only', ['The log group does not survive a rollback']],
    ['v0.18.0', 'v0.8.9+', '0.18.0', 'secrets-only', ['The log group does not survive a rollback']],
  ])('%s: rules of %s, exit 0', async (name, line, version, mode, warnings) => {
    const run = await doctor(fixture(`templates/${name}.template.json`))
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.warnings.sort()).toEqual([...warnings].sort())
    expect(run.report.target.release).toMatchObject({from: 'image tag', inferred: true, line, version})
    expect(run.report.target.mode).toMatchObject({value: mode})
  })

  test('the text header says which rules judged it and why', async () => {
    const run = await bwops(['doctor', '--template', fixture('templates/v0.18.0.template.json')])
    expect(run.stdout.split('\n')[0]).toBe('bwops doctor · benchling-webhook 0.18.0 · v0.8.9+ rules (image tag) · secrets-only')
    const verbose = await bwops(['doctor', '--template', fixture('templates/v0.18.0.template.json'), '--verbose'])
    expect(verbose.stdout).toContain('release: v0.8.9 and later')
    expect(verbose.stdout).toMatch(/the image .*quiltdata\/benchling:0\.18\.0 says 0\.18\.0/)
  })
})

describe('each defect is an error naming what to change', () => {
  test('v0.5.4 as upstream shipped it: the secret lacks app_definition_id (the seed incident, found offline), and the client secret is in the template', async () => {
    const run = await doctor(fixture('templates/v0.5.4.template.json'))
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual(['BENCHLING_APP_DEFINITION_ID in container BenchlingWebhookContainer references JSON key app_definition_id, which the secret lacks'])
    const finding = run.report.findings.find((f: {severity: string}) => f.severity === 'error')
    expect(finding.fix).toContain('Add "app_definition_id" in the SecretString of BenchlingCredentials (AWS::SecretsManager::Secret) in the template')
    expect(finding.evidence).toContain('secret benchling-webhook/credentials (created by the template as BenchlingCredentials) keys: client_id, client_secret')
    expect(run.warnings).toContain('The template writes client_secret of secret BenchlingCredentials in plain text')
    // the value itself is never shown
    expect(run.stdout).not.toContain('example-NOT-real-client-secret-v054')
    expect(run.stdout).not.toContain('example-client-id-v054')
  })

  test('v0.5.4 legacy: no tenant in the secret is right, BENCHLING_TENANT holds it', async () => {
    const run = await doctor(fixture('templates/v0.5.4-fixed.template.json'), '--secret-file', fixture('secrets/v0.5.4-secret.json'))
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
  })

  test('v0.18.0 without QUILT_WEB_HOST, ATHENA_USER_DATABASE and PACKAGER_SQS_URL: the app exits at start', async () => {
    const t = load('v0.18.0')
    for (const c of containers(t)) c.Environment = c.Environment.filter((e) => !['QUILT_WEB_HOST', 'ATHENA_USER_DATABASE', 'PACKAGER_SQS_URL'].includes(e.Name))
    const run = await doctor(write('v018-no-quilt-values', t))
    expect(run.exitCode).toBe(1)
    expect(run.errors).toContain('container BenchlingWebhookContainer lacks QUILT_WEB_HOST, ATHENA_USER_DATABASE, PACKAGER_SQS_URL, required in secrets-only mode')
    const finding = run.report.findings.find((f: {title: string}) => f.title.includes('lacks QUILT_WEB_HOST'))
    expect(finding.detail).toContain('Missing required configuration: QUILT_WEB_HOST, ATHENA_USER_DATABASE, PACKAGER_SQS_URL')
  })

  test('v0.18.0 asks for no QuiltStackARN (the app stopped reading it in v0.8.0)', async () => {
    const run = await doctor(fixture('templates/v0.18.0.template.json'))
    expect(run.stdout).not.toContain('QuiltStackARN')
  })

  test('v0.6.0 without QuiltStackARN: the app exits at start', async () => {
    const t = load('v0.6.0')
    webhook(t).Environment = webhook(t).Environment.filter((e) => e.Name !== 'QuiltStackARN')
    const run = await doctor(write('v060-no-stack', t))
    expect(run.errors).toContain('container BenchlingWebhookContainer lacks QuiltStackARN, required in secrets-only mode')
    const finding = run.report.findings.find((f: {title: string}) => f.title.includes('lacks QuiltStackARN'))
    expect(finding.detail).toContain('Missing required environment variables: QuiltStackARN and BenchlingSecret')
  })

  test('v0.18.0 behind its NLB: a TCP target group with an HTTP health check on /health is sound; a TCP health check is a warning with a fix an NLB allows', async () => {
    const t = load('v0.18.0')
    const tg = t.Resources.TargetGroup!.Properties
    delete tg.HealthCheckProtocol
    delete tg.HealthCheckPath
    const run = await doctor(write('v018-tcp-check', t))
    expect(run.errors).toEqual([])
    expect(run.warnings).toContain('The target group health check protocol is TCP, not HTTP')
    const finding = run.report.findings.find((f: {title: string}) => f.title.includes('health check protocol is TCP'))
    expect(finding.fix).toContain('--health-check-protocol HTTP --health-check-path /health')
    expect(finding.fix).not.toContain('Protocol: HTTP;')
  })

  test('v0.18.0: the consumer sidecars are judged as what they are, not as the webhook', async () => {
    const run = await doctor(fixture('templates/v0.18.0.template.json'), '--verbose')
    const about = (name: string) => run.report.findings.filter((f: {title: string}) => f.title.includes(name))
    expect(about('BenchlingPackageEventConsumer')).toEqual([])
    expect(about('BenchlingPackagingConsumer')).toEqual([])
  })

  test('v0.7.10 on port 8080 (the v0.8.9 port): the health check asks a port the app does not serve', async () => {
    const t = load('v0.7.10')
    const c = webhook(t) as Container & {HealthCheck: {Command: string[]}}
    c.HealthCheck.Command = ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1']
    const run = await doctor(write('v0710-port-8080', t))
    expect(run.errors).toContain('The health check asks port 8080, the app listens on 5000')
  })

  test('glue:GetTables is not demanded: upstream grants GetDatabase, GetTable, GetPartitions, and that passes', async () => {
    for (const name of ['v0.5.4-fixed', 'v0.6.0', 'v0.7.10', 'v0.18.0']) {
      const run = await doctor(fixture(`templates/${name}.template.json`))
      expect(run.stdout).not.toContain('GetTables')
      expect(run.report.checks.find((c: {id: string}) => c.id === 'iam').status).toBe('passed')
    }
  })

  test('a task role without the Glue statement is an error naming the statement to add', async () => {
    const t = load('v0.7.10')
    const policy = t.Resources.TaskRoleDefaultPolicy!.Properties.PolicyDocument as {Statement: Array<{Action: string | string[]}>}
    policy.Statement = policy.Statement.filter((s) => ![s.Action].flat().includes('glue:GetTable'))
    const run = await doctor(write('v0710-no-glue', t), '--account', '123456789012', '--region', 'us-east-1')
    expect(run.errors).toContain('The task role TaskRole (created by the template) cannot glue:GetDatabase, glue:GetTable, glue:GetPartitions on arn:aws:glue:us-east-1:123456789012:catalog: no policy of the role allows it')
  })
})

describe('references and partitions', () => {
  const noGlue = () => {
    const t = load('v0.7.10')
    const policy = t.Resources.TaskRoleDefaultPolicy!.Properties.PolicyDocument as {Statement: Array<{Action: string | string[]}>}
    policy.Statement = policy.Statement.filter((s) => ![s.Action].flat().includes('glue:GetTable'))
    return write('v0710-no-glue-refs', t)
  }

  test('without --account and --region, messages say "the stack\'s account", never {{Ref:...}}', async () => {
    const run = await doctor(noGlue())
    expect(run.stdout).not.toContain('{{')
    expect(run.errors).toContain("The task role TaskRole (created by the template) cannot glue:GetDatabase, glue:GetTable, glue:GetPartitions on arn:aws:glue:<the stack's region>:<the stack's account>:catalog: no policy of the role allows it")
    // the statement to add is written as the template writes it
    const finding = run.report.findings.find((f: {severity: string}) => f.severity === 'error')
    expect(finding.fix).toContain('{"Fn::Sub":"arn:aws:glue:${AWS::Region}:${AWS::AccountId}:catalog"}')
  })

  test('a China region: ARNs in the aws-cn partition, on both sides', async () => {
    const run = await doctor(noGlue(), '--account', '123456789012', '--region', 'cn-north-1')
    expect(run.errors).toContain('The task role TaskRole (created by the template) cannot glue:GetDatabase, glue:GetTable, glue:GetPartitions on arn:aws-cn:glue:cn-north-1:123456789012:catalog: no policy of the role allows it')
    // and a sound template there passes: the policies' ${AWS::Partition} is aws-cn too
    expect((await doctor(fixture('templates/v0.7.10.template.json'), '--account', '123456789012', '--region', 'cn-north-1')).errors).toEqual([])
  })
})

describe('choosing the contract', () => {
  test('--app-version overrides the image, and the report says so', async () => {
    const run = await doctor(fixture('templates/v0.7.10.template.json'), '--app-version', '0.18.0')
    expect(run.report.target.release).toMatchObject({from: '--app-version', inferred: false, line: 'v0.8.9+', version: '0.18.0'})
    // v0.18's app reads QUILT_WEB_HOST and friends, which a v0.7 template does not set
    expect(run.errors).toContain('container BenchlingWebhookContainer lacks QUILT_WEB_HOST, ATHENA_USER_DATABASE, PACKAGER_SQS_URL, required in secrets-only mode')
  })

  test('a bad --app-version is a usage error, exit 2', async () => {
    const run = await bwops(['doctor', '--template', fixture('templates/v0.7.10.template.json'), '--app-version', 'latest'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('--app-version "latest" is not a release number.')
  })

  test('the StackVersion output tells the release when the image tag does not', async () => {
    const t = load('v0.18.0')
    t.Parameters.ImageTag!.Default = 'latest'
    const run = await doctor(write('v018-latest', t))
    expect(run.report.target.release).toMatchObject({from: 'StackVersion output', line: 'v0.8.9+', version: '0.18.0'})
  })

  test('a release newer than any bwops knows: only the rules every line shares, no version-specific error', async () => {
    const t = load('v0.18.0')
    t.Parameters.ImageTag!.Default = '0.19.0'
    t.Outputs!.StackVersion!.Value = '0.19.0'
    // a change v0.19 might make: the container no longer sets AWS_REGION, and the port moves
    for (const c of containers(t)) c.Environment = c.Environment.filter((e) => e.Name !== 'AWS_REGION')
    const run = await doctor(write('v019', t))
    expect(run.report.target.release).toMatchObject({line: 'any', version: '0.19.0'})
    expect(run.report.target.release.why).toContain('newer than 0.18.0, the newest release bwops knows')
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
  })

  test('no image tag and no recorded version: the variables leave lines open, and only their shared rules apply', async () => {
    const t = load('v0.18.0')
    t.Parameters.ImageTag!.Default = 'latest'
    delete t.Outputs
    const run = await doctor(write('v018-unknown', t))
    expect(run.report.target.release).toMatchObject({candidates: ['v0.8.0-v0.8.8', 'v0.8.9+'], from: 'variables'})
    expect(run.report.target.release.version).toBeUndefined()
    // port 8080 is right for v0.8.9+, and 5000 for v0.8.0-v0.8.8: neither is an error when the release is not known
    expect(run.errors).toEqual([])
  })
})

describe('the port, when the release is not known', () => {
  test('a v0.8-style template on 8080 without PORT and without a release: no port error (5000 before v0.8.9, 8080 after)', async () => {
    const t = load('v0.18.0')
    t.Parameters.ImageTag!.Default = 'latest'
    delete t.Outputs
    for (const c of containers(t)) c.Environment = c.Environment.filter((e) => e.Name !== 'PORT')
    const run = await doctor(write('v018-no-port', t))
    expect(run.errors).toEqual([])
    // with the release known, the same template is judged by v0.18's default: 8080, sound
    t.Parameters.ImageTag!.Default = '0.18.0'
    expect((await doctor(write('v018-no-port-known', t))).errors).toEqual([])
    // and by v0.8.5's: 5000, so a check on 8080 misses the app
    t.Parameters.ImageTag!.Default = '0.8.5'
    expect((await doctor(write('v085-no-port', t))).errors).toContain('The health check asks port 8080, the app listens on 5000')
  })
})
