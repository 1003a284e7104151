import {describe, expect, it} from 'vitest'
import {parseEcrImage, secretArnPart} from '../../../src/checks/lib/arn.js'
import {Substitution} from '../../../src/checks/iam/placeholders.js'
import {type ResourceContext, targetsFor} from '../../../src/checks/iam/resources.js'
import {benchlingWebhookProfile as profile} from '../../../src/profile/benchling-webhook.js'
import type {PermissionNeed, ResourceRef} from '../../../src/profile/types.js'
import * as b from './build.js'

const ctx = (env: Record<string, string>, extra: Partial<ResourceContext> = {}): ResourceContext => ({
  deployment: {account: b.ACCOUNT, region: b.REGION},
  mode: 'secrets-only',
  profile,
  taskDefinition: b.taskDefinition(b.container(env)),
  ...extra,
})
const needOn = (resource: ResourceRef, actions = ['x:Y']): PermissionNeed => ({actions, cite: 'test', resource, why: 'test'})
const arn = (name: string) => `arn:aws:secretsmanager:${b.REGION}:${b.ACCOUNT}:secret:${name}`

describe('secretArnPart', () => {
  it.each([
    [`${b.SECRET_ARN}:client_id::`, b.SECRET_ARN],
    [`${b.SECRET_ARN}:client_id:AWSCURRENT:`, b.SECRET_ARN],
    [b.SECRET_ARN, b.SECRET_ARN],
    ['arn:aws:secretsmanager:{{Ref:AWS::Region}}:{{Ref:AWS::AccountId}}:secret:x-AbC123:client_id::', 'arn:aws:secretsmanager:{{Ref:AWS::Region}}:{{Ref:AWS::AccountId}}:secret:x-AbC123'],
  ])('%s -> %s', (valueFrom, expected) => expect(secretArnPart(valueFrom)).toBe(expected))
})

describe('parseEcrImage', () => {
  it.each([
    [b.IMAGE, {account: b.ACCOUNT, region: b.REGION, repository: 'quiltdata/benchling'}],
    [`${b.ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:abc`, {account: b.ACCOUNT, region: 'eu-west-1', repository: 'app'}],
    ['{{Ref:AWS::AccountId}}.dkr.ecr.{{Ref:AWS::Region}}.{{Ref:AWS::URLSuffix}}/quiltdata/benchling:{{Ref:ImageTag}}', {account: '{{Ref:AWS::AccountId}}', region: '{{Ref:AWS::Region}}', repository: 'quiltdata/benchling'}],
    ['public.ecr.aws/quiltdata/benchling:0.5.3', undefined],
    ['quiltdata/benchling:latest', undefined],
  ])('%s', (image, expected) => expect(parseEcrImage(image)).toEqual(expected))
})

describe('targetsFor', () => {
  it.each([
    ['an ARN', b.SECRET_ARN, b.SECRET_ARN, [b.SECRET_ARN]],
    ['a partial ARN (no suffix): IAM judges the full one', arn('benchling'), `${arn('benchling')}-??????`, [`${arn('benchling')}-a1b2c3`]],
    ['a name', 'benchling', `${arn('benchling')}-??????`, [`${arn('benchling')}-a1b2c3`]],
    ['a deploy-time value: read both as a name and as an ARN', '{{Ref:BenchlingSecret}}', '{{Ref:BenchlingSecret}}', [`${arn('{{Ref:BenchlingSecret}}')}-a1b2c3`, '{{Ref:BenchlingSecret}}']],
  ])('the Benchling secret given as %s', (_n, id, display, requests) => {
    const [target] = targetsFor(needOn('benchling-secret'), ctx({...b.SECRETS_ONLY_ENV, BenchlingSecret: id}))
    expect(target?.kind === 'arn' && [target.display, target.readings.map((r) => r.request)]).toEqual([display, requests])
  })

  it('the secret by name uses the ARN the secret fact knows', () => {
    const [target] = targetsFor(needOn('benchling-secret'), ctx({...b.SECRETS_ONLY_ENV, BenchlingSecret: 'benchling-webhook'}, {benchlingSecret: {arn: b.SECRET_ARN, content: {kind: 'binary'}, name: 'benchling-webhook'}}))
    expect(target?.display).toBe(b.SECRET_ARN)
  })

  it('the log group of the awslogs driver, asked about a stream of this container', () => {
    const [target] = targetsFor(needOn('log-group'), ctx(b.SECRETS_ONLY_ENV))
    expect(target).toMatchObject({
      display: `arn:aws:logs:${b.REGION}:${b.ACCOUNT}:log-group:/ecs/benchling-webhook:*`,
      readings: [{request: `arn:aws:logs:${b.REGION}:${b.ACCOUNT}:log-group:/ecs/benchling-webhook:log-stream:benchling-webhook/BenchlingWebhookContainer/task-id`}],
    })
  })

  it('no log group need without the awslogs driver', () => {
    const td = b.taskDefinition(b.container(b.SECRETS_ONLY_ENV, {logConfiguration: {logDriver: 'json-file', options: {}}}))
    expect(targetsFor(needOn('log-group'), ctx(b.SECRETS_ONLY_ENV, {taskDefinition: td}))).toEqual([])
  })

  it('athena uses the deployment\'s region and account, or deploy-time pseudo parameters', () => {
    expect(targetsFor(needOn('athena-workgroup'), ctx(b.LEGACY_ENV, {mode: 'legacy'}))[0]?.display).toBe(`arn:aws:athena:${b.REGION}:${b.ACCOUNT}:workgroup/primary`)
    expect(targetsFor(needOn('athena-workgroup'), ctx(b.LEGACY_ENV, {deployment: {}, mode: 'legacy'}))[0]?.display).toBe('arn:aws:athena:{{Ref:AWS::Region}}:{{Ref:AWS::AccountId}}:workgroup/primary')
  })

  it('glue: the catalog, the database and one of its tables, each asked about on its own', () => {
    const glue = ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions']
    const targets = targetsFor(needOn('glue-database', glue), ctx(b.LEGACY_ENV, {mode: 'legacy'}))
    const base = `arn:aws:glue:${b.REGION}:${b.ACCOUNT}`
    expect(targets.map((t) => t.kind === 'arn' && [t.display, t.actions, t.readings.map((r) => r.request)])).toEqual([
      [`${base}:catalog`, glue, [`${base}:catalog`]],
      [`${base}:database/quilt_db`, glue, [`${base}:database/quilt_db`]],
      // GetDatabase does not act on tables
      [`${base}:table/quilt_db/*`, ['glue:GetTable', 'glue:GetPartitions'], [`${base}:table/quilt_db/any-table`]],
    ])
  })

  it('glue: a deploy-time database keeps its token', () => {
    const targets = targetsFor(needOn('glue-database', ['glue:GetTable']), ctx({...b.LEGACY_ENV, QUILT_DATABASE: '{{Ref:QuiltDatabase}}'}, {mode: 'legacy'}))
    expect(targets.map((t) => t.display)).toEqual([
      `arn:aws:glue:${b.REGION}:${b.ACCOUNT}:catalog`,
      `arn:aws:glue:${b.REGION}:${b.ACCOUNT}:database/{{Ref:QuiltDatabase}}`,
      `arn:aws:glue:${b.REGION}:${b.ACCOUNT}:table/{{Ref:QuiltDatabase}}/*`,
    ])
  })

  it('glue, secrets-only: the database comes from the stack outputs, so only the catalog is known', () => {
    const [catalog, database, ...rest] = targetsFor(needOn('glue-database', ['glue:GetTable']), ctx(b.SECRETS_ONLY_ENV))
    expect(catalog?.kind).toBe('arn')
    expect(database?.kind === 'unknown' && database.reason).toMatch(/QUILT_DATABASE is unset.*outputs of the stack QuiltStackARN names/)
    expect(rest).toEqual([])
  })

  it('legacy: the queue is unknown when QUEUE_ARN is unset, without blaming a stack', () => {
    const [target] = targetsFor(needOn('queue'), ctx({}, {mode: 'legacy'}))
    expect(target?.kind).toBe('unknown')
    expect(target?.kind === 'unknown' && target.reason).toContain('QUEUE_ARN is unset')
    expect(target?.kind === 'unknown' && target.reason).not.toContain('stack')
  })
})

describe('Substitution', () => {
  it('replaces a token by the same stand-in everywhere and puts it back for messages', () => {
    const s = new Substitution({account: b.ACCOUNT, region: b.REGION})
    const a = s.apply('arn:aws:s3:::{{Ref:Bucket}}/*')
    expect(a).toBe('arn:aws:s3:::deploytime-ref-bucket/*')
    expect(s.apply('arn:aws:athena:{{Ref:AWS::Region}}:{{Ref:AWS::AccountId}}:workgroup/primary')).toBe(`arn:aws:athena:${b.REGION}:${b.ACCOUNT}:workgroup/primary`)
    expect(s.tokensBehind(a)).toEqual(['{{Ref:Bucket}}'])
    expect(s.restore(a)).toBe('arn:aws:s3:::{{Ref:Bucket}}/*')
  })
})

describe('tokensIn', () => {
  it('finds every token, even right after hasDeployTimeValue ran', async () => {
    const {hasDeployTimeValue} = await import('../../../src/facts/deploy-time.js')
    const {deployTimeTokens: tokensIn} = await import('../../../src/facts/deploy-time.js')
    const value = 'arn:aws:secretsmanager:{{Ref:AWS::Region}}:1:secret:{{Ref:Name}}'
    expect(hasDeployTimeValue(value)).toBe(true)
    expect(tokensIn(value)).toEqual(['{{Ref:AWS::Region}}', '{{Ref:Name}}'])
  })
})

describe('targetsFor: secrets-only resources from the Quilt stack\'s outputs', () => {
  const stack = (outputs: Record<string, string>, extra: object = {}) => ({quiltStack: {arn: b.STACK_ARN, name: 'quilt-prod', outputs, ...extra}})
  const display = (resource: ResourceRef, extra: Partial<ResourceContext>, mode: 'legacy' | 'secrets-only' = 'secrets-only') =>
    targetsFor(needOn(resource), ctx(mode === 'legacy' ? {} : b.SECRETS_ONLY_ENV, {...extra, mode})).map((t) => `${t.kind} ${t.display ?? ''}${t.kind === 'unknown' ? ` (${t.reason})` : ''}`)

  it.each<{name: string; resource: ResourceRef; outputs: Record<string, string>; expected: string}>([
    {expected: `arn ${b.QUEUE_ARN}`, name: 'the queue from PackagerQueueArn', outputs: {PackagerQueueArn: b.QUEUE_ARN}, resource: 'queue'},
    {expected: `arn ${b.QUEUE_ARN}`, name: 'the queue from PackagerQueueUrl (v0.7.10)', outputs: {PackagerQueueUrl: `https://sqs.${b.REGION}.amazonaws.com/${b.ACCOUNT}/quilt-prod-PackagerQueue`}, resource: 'queue'},
    {expected: "unknown arn:aws:s3:::<bucket> (the bucket is not in the container's environment (QUILT_USER_BUCKET is unset): in secrets-only mode the app takes it from the Benchling secret's user_bucket, a value bwops never reads)", name: 'not the bucket: the app takes it from the secret', outputs: {BucketName: 'quilt-bucket', UserBucket: 'quilt-user-bucket'}, resource: 'bucket'},
  ])('$name', ({expected, outputs, resource}) => {
    expect(display(resource, stack(outputs))).toEqual([expected])
  })

  it('the database and its tables from UserAthenaDatabaseName', () => {
    const targets = targetsFor(needOn('glue-database', ['glue:GetDatabase', 'glue:GetTable']), ctx(b.SECRETS_ONLY_ENV, stack({UserAthenaDatabaseName: 'userdb'})))
    expect(targets.map((t) => `${t.kind} ${t.display ?? ''}`)).toEqual([
      `arn arn:aws:glue:${b.REGION}:${b.ACCOUNT}:catalog`,
      `arn arn:aws:glue:${b.REGION}:${b.ACCOUNT}:database/userdb`,
      `arn arn:aws:glue:${b.REGION}:${b.ACCOUNT}:table/userdb/*`,
    ])
  })

  it('a stack that does not exist where its ARN says: unknown, and why', () => {
    expect(display('queue', stack({}, {missing: true}))[0]).toMatch(/^unknown .* \(the queue ARN comes from the outputs of the Quilt stack QuiltStackARN names, and that stack does not exist/)
  })

  it('legacy mode reads no stack: the variables decide', () => {
    expect(display('queue', {...stack({PackagerQueueArn: b.QUEUE_ARN}), mode: 'legacy'}, 'legacy')[0]).toMatch(/^unknown /)
  })
})
