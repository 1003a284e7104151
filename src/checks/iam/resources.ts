import type {QuiltStackFact} from '../../facts/live-types.js'
import type {ContainerDefinition, DeploymentContext, Mode, SecretFact, TaskDefinition} from '../../facts/types.js'
import type {PermissionNeed, Profile, ValueKind} from '../../profile/types.js'
import {isWholeDeployTimeValue as isWholeToken} from '../../facts/deploy-time.js'
import {arnFields, parseEcrImage, partitionOf, queueUrlToArn, secretArnPart} from '../lib/arn.js'
import {servedContainer} from '../lib/served-container.js'
import {slug} from './placeholders.js'

// Maps a profile need's ResourceRef to the concrete resources of this deployment. Values may hold
// deploy-time tokens; placeholders.ts turns them into stand-ins when the simulator runs.

/** One way to read a resource whose identity waits on a deploy-time value. */
export interface Reading {
  /** the ARN the simulator is asked about (tokens intact) */
  request: string
  /** tokens that stand for a whole ARN, with the ARN shape they take */
  whole?: Record<string, string>
  /** in words, what this reading assumes: "BenchlingSecret is a secret name" */
  assumption?: string
}

export type Target =
  | {kind: 'arn'; display: string; actions: string[]; readings: Reading[]}
  | {kind: 'unknown'; display?: string; actions: string[]; reason: string}

export interface ResourceContext {
  taskDefinition: TaskDefinition
  mode: Mode
  deployment?: DeploymentContext
  benchlingSecret?: SecretFact
  /** the Quilt stack QuiltStackARN names, when read: in secrets-only mode its outputs name the resources */
  quiltStack?: QuiltStackFact
  profile: Profile
}

// Where secrets-only mode finds what legacy mode has in variables: the Quilt stack's outputs
// (v0.6.0:docker/src/config_resolver.py:505-506,539; v0.7.10 config_resolver.py:507-523 reads
// PackagerQueueUrl instead of PackagerQueueArn). The bucket is not among them: the app takes it
// from the secret's user_bucket (v0.6.0 config_resolver.py:514), whose value bwops never reads.
const STACK_OUTPUTS: Partial<Record<ValueKind, string[]>> = {
  'glue-database': ['UserAthenaDatabaseName'],
  'sqs-arn': ['PackagerQueueArn', 'PackagerQueueUrl'],
}

/** A queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>) as the queue's ARN. */
function queueArnOf(value: string): string {
  return queueUrlToArn(value) ?? value
}

/** The partition of the deployment's region, for the ARNs built here. */
function partition(ctx: ResourceContext): string {
  return partitionOf(ctx.deployment?.region)
}

/** The value the app would read from the Quilt stack's outputs, with the output's name. */
function fromStack(ctx: ResourceContext, kind: ValueKind): {value: string; output: string} | undefined {
  const stack = ctx.quiltStack
  const modeReadsStack = ctx.profile.env[ctx.mode].some((s) => s.kind === 'cloudformation-stack-arn')
  if (!stack || stack.missing || !modeReadsStack) return undefined
  for (const output of STACK_OUTPUTS[kind] ?? []) {
    const value = stack.outputs[output]?.trim()
    if (value) return {output, value: kind === 'sqs-arn' ? queueArnOf(value) : value}
  }

  return undefined
}

const SECRET_SUFFIX = 'a1b2c3' // Secrets Manager appends six random characters to a secret's ARN

function regionOf(ctx: ResourceContext): string {
  return ctx.deployment?.region ?? '{{Ref:AWS::Region}}'
}

function accountOf(ctx: ResourceContext): string {
  return ctx.deployment?.account ?? '{{Ref:AWS::AccountId}}'
}

/** The container the app runs in: the profile's, else the first essential one. */
export function appContainer(ctx: ResourceContext): ContainerDefinition | undefined {
  return servedContainer(ctx.taskDefinition, ctx.profile)?.container
}

/** The value of the variable the profile gives this kind of value in, with its name. */
function envOf(ctx: ResourceContext, kind: ValueKind): {name: string; value?: string} | undefined {
  const specs = [...ctx.profile.env[ctx.mode], ...ctx.profile.env[ctx.mode === 'legacy' ? 'secrets-only' : 'legacy']]
  const spec = specs.find((s) => s.kind === kind)
  if (!spec) return undefined
  const env = appContainer(ctx)?.environment ?? []
  const names = [spec.name, ...(spec.aliases ?? [])]
  const value = env.find((e) => names.includes(e.name) && e.value.trim() !== '')?.value.trim()
  return {name: spec.name, value}
}

function fromStackOutputs(ctx: ResourceContext, what: string, variable: string, kind: ValueKind): string {
  const stack = envOf(ctx, 'cloudformation-stack-arn')
  const modeReadsStack = ctx.profile.env[ctx.mode].some((s) => s.kind === 'cloudformation-stack-arn')
  if (!modeReadsStack || !stack) return `${what} is not in the container's environment (${variable} is unset), so bwops cannot tell which resource to judge`
  if (!STACK_OUTPUTS[kind]) return `${what} is not in the container's environment (${variable} is unset): in ${ctx.mode} mode the app takes it from the Benchling secret's user_bucket, a value bwops never reads`
  if (ctx.quiltStack?.missing) return `${what} comes from the outputs of the Quilt stack ${stack.name} names, and that stack does not exist where its ARN says (see quilt-stack-outputs)`
  if (ctx.quiltStack) return `${what} comes from the outputs of the Quilt stack, and ${ctx.quiltStack.name} has none that names it (see quilt-stack-outputs)`
  const lookup = stack.value ? ` (aws cloudformation describe-stacks --stack-name ${stack.value} --query "Stacks[0].Outputs" shows it)` : ''
  return `${what} is not in the container's environment (${variable} is unset): in ${ctx.mode} mode the app reads it from the outputs of the stack ${stack.name} names, which bwops does not read offline${lookup}`
}

/** A Secrets Manager secret given by name, ARN or deploy-time token. */
function secretTarget(ctx: ResourceContext, id: string, actions: string[], variable: string): Target {
  const base = `arn:${partition(ctx)}:secretsmanager:${regionOf(ctx)}:${accountOf(ctx)}:secret:`
  if (isWholeToken(id)) {
    const asName = `${base}${slug(id)}-${SECRET_SUFFIX}`
    return {
      actions,
      display: id,
      kind: 'arn',
      readings: [
        {assumption: `${variable} is a secret name`, request: `${base}${id}-${SECRET_SUFFIX}`},
        {assumption: `${variable} is a secret ARN`, request: id, whole: {[id]: asName}},
      ],
    }
  }

  if (id.startsWith('arn:')) {
    // A partial ARN (no random suffix) works in ECS and the SDK, but IAM judges the full ARN.
    const arn = secretArnPart(id)
    if (/-[A-Za-z0-9]{6}$/.test(arn)) return {actions, display: arn, kind: 'arn', readings: [{request: arn}]}
    return {actions, display: `${arn}-??????`, kind: 'arn', readings: [{request: `${arn}-${SECRET_SUFFIX}`}]}
  }

  const fact = ctx.benchlingSecret
  if (fact?.arn && (fact.name === id || fact.id === id)) return {actions, display: fact.arn, kind: 'arn', readings: [{request: fact.arn}]}
  return {actions, display: `${base}${id}-??????`, kind: 'arn', readings: [{request: `${base}${id}-${SECRET_SUFFIX}`}]}
}

/** A `secrets[].valueFrom`: a Secrets Manager ARN (with an optional json-key suffix) or an SSM parameter. */
function referencedSecret(ctx: ResourceContext, valueFrom: string, need: PermissionNeed, variable: string): Target {
  const fields = arnFields(valueFrom)
  const ssmActions = ['ssm:GetParameters']
  if (fields[0] === 'arn' && fields[2] === 'ssm') return {actions: ssmActions, display: valueFrom, kind: 'arn', readings: [{request: valueFrom}]}
  if (fields[0] === 'arn') return secretTarget(ctx, valueFrom, need.actions, variable)
  const leading = /^\{\{[A-Za-z]+:[^}]+\}\}/.exec(valueFrom)?.[0]
  if (leading) {
    // a template builds the reference from a secret's ARN: `<arn>:<json-key>::`
    const synthetic = `arn:${partition(ctx)}:secretsmanager:${regionOf(ctx)}:${accountOf(ctx)}:secret:${slug(leading)}-${SECRET_SUFFIX}`
    return {actions: need.actions, display: leading, kind: 'arn', readings: [{request: leading, whole: {[leading]: synthetic}}]}
  }

  // not a parameter name either (a value pasted by mistake, maybe a secret one): not shown, not judged
  if (!/^[\w./-]+$/.test(valueFrom)) return {actions: ssmActions, kind: 'unknown', reason: `${variable}: valueFrom is neither an ARN nor a parameter name (see the secret-references check)`}
  const arn = `arn:${partition(ctx)}:ssm:${regionOf(ctx)}:${accountOf(ctx)}:parameter/${valueFrom.replace(/^\//, '')}`
  return {actions: ssmActions, display: arn, kind: 'arn', readings: [{request: arn}]}
}

function simple(actions: string[], arn: string): Target {
  return {actions, display: arn, kind: 'arn', readings: [{request: arn}]}
}

/** `placeholder`: the ARN with the missing part in <angle brackets>, for the fix to fill in. */
function envResource(ctx: ResourceContext, need: PermissionNeed, kind: ValueKind, what: string, toArn: (v: string) => string, placeholder: string): Target[] {
  const env = envOf(ctx, kind)
  if (env?.value && isWholeToken(env.value) && toArn(env.value) === env.value) {
    // The variable is a deploy-time value standing for the whole ARN: it takes the ARN's shape.
    const shape = placeholder.replace(/<[^>]+>/g, slug(env.value)).replace(/\*$/, slug(env.value))
    return [{actions: need.actions, display: env.value, kind: 'arn', readings: [{request: env.value, whole: {[env.value]: shape}}]}]
  }

  if (env?.value) return [simple(need.actions, toArn(env.value))]
  const stacked = fromStack(ctx, kind)
  if (stacked) {
    const arn = toArn(stacked.value)
    return [{actions: need.actions, display: arn, kind: 'arn', readings: [{assumption: `${what} from the Quilt stack's output ${stacked.output}`, request: arn}]}]
  }

  return [{actions: need.actions, display: toArn(placeholder), kind: 'unknown', reason: fromStackOutputs(ctx, what, env?.name ?? kind, kind)}]
}

function ecrImages(ctx: ResourceContext): {image: string; repo?: ReturnType<typeof parseEcrImage>}[] {
  return ctx.taskDefinition.containers.filter((c) => c.image).map((c) => ({image: c.image ?? '', repo: parseEcrImage(c.image ?? '')}))
}

/** The concrete resources a need applies to here; none when it does not apply to this deployment. */
export function targetsFor(need: PermissionNeed, ctx: ResourceContext): Target[] {
  const {actions} = need
  switch (need.resource) {
    case '*': {
      // Logging in to ECR matters only when an image comes from ECR.
      const ecrOnly = actions.every((a) => a.startsWith('ecr:'))
      const needsEcr = ecrImages(ctx).some((i) => i.repo || isWholeToken(i.image))
      return ecrOnly && !needsEcr ? [] : [simple(actions, '*')]
    }

    case 'image-repository':
      return ecrImages(ctx).flatMap(({image, repo}): Target[] => {
        if (repo) return [simple(actions, `arn:${partition(ctx)}:ecr:${repo.region}:${repo.account}:repository/${repo.repository}`)]
        if (isWholeToken(image)) return [{actions, display: image, kind: 'unknown', reason: `the image (${image}) is known only at deploy time`}]
        return [] // another registry: no ECR permission involved
      })

    case 'log-group':
      return ctx.taskDefinition.containers.flatMap((c): Target[] => {
        const options = c.logConfiguration?.logDriver === 'awslogs' ? c.logConfiguration.options : undefined
        const group = options?.['awslogs-group']
        if (!options || !group) return []
        const prefix = options['awslogs-stream-prefix']
        const region = options['awslogs-region'] ?? regionOf(ctx)
        const arn = `arn:${partition(ctx)}:logs:${region}:${accountOf(ctx)}:log-group:${group}`
        const stream = prefix ? `${prefix}/${c.name}/task-id` : 'task-id'
        return [{actions, display: `${arn}:*`, kind: 'arn', readings: [{request: `${arn}:log-stream:${stream}`}]}]
      })

    case 'referenced-secrets':
      return ctx.taskDefinition.containers.flatMap((c) => c.secrets.map((s) => referencedSecret(ctx, s.valueFrom, need, `secret ${s.name}`)))

    case 'benchling-secret': {
      const env = envOf(ctx, 'secret-id')
      if (!env?.value) return [{actions, kind: 'unknown', reason: `${env?.name ?? 'the secret variable'} is not set in the container's environment`}]
      return [secretTarget(ctx, env.value, actions, env.name)]
    }

    case 'quilt-stack':
      return envResource(ctx, need, 'cloudformation-stack-arn', 'the stack ARN', (v) => v, `arn:${partition(ctx)}:cloudformation:${regionOf(ctx)}:${accountOf(ctx)}:stack/<stack name>/*`)

    case 'queue':
      // from v0.8 the app gets the queue's URL (PACKAGER_SQS_URL); before, its ARN
      if (envOf(ctx, 'sqs-url')) return envResource(ctx, need, 'sqs-url', 'the queue', queueArnOf, `arn:${partition(ctx)}:sqs:${regionOf(ctx)}:${accountOf(ctx)}:<queue name>`)
      return envResource(ctx, need, 'sqs-arn', 'the queue ARN', (v) => v, `arn:${partition(ctx)}:sqs:${regionOf(ctx)}:${accountOf(ctx)}:<queue name>`)

    case 'bucket':
      return envResource(ctx, need, 'bucket', 'the bucket', (v) => `arn:${partition(ctx)}:s3:::${v}`, '<bucket>')

    case 'bucket-objects':
      // Asked about one object, not a pattern: the simulator answers a pattern with "some object",
      // and the app writes across the bucket (package prefix and .quilt/).
      return envResource(ctx, need, 'bucket', 'the bucket', (v) => `arn:${partition(ctx)}:s3:::${v}/*`, '<bucket>').map((t) =>
        t.kind === 'arn' ? {...t, readings: [{request: t.display.replace(/\*$/, 'any-object-key')}]} : t,
      )

    case 'athena-workgroup': {
      // ATHENA_USER_WORKGROUP from v0.8 (default primary: v0.18.0:docker/src/config.py:104)
      const named = appContainer(ctx)?.environment.find((e) => e.name === 'ATHENA_USER_WORKGROUP')?.value.trim()
      const workgroup = named && !isWholeToken(named) ? named : 'primary'
      return [simple(actions, `arn:${partition(ctx)}:athena:${regionOf(ctx)}:${accountOf(ctx)}:workgroup/${workgroup}`)]
    }

    case 'glue-database':
      return glueTargets(ctx, need)
  }
}

/**
 * Glue authorizes a read on the catalog, the database and, for table and partition reads, the
 * table, each on its own: all must be allowed. Tables are asked about as one table, like objects.
 */
function glueTargets(ctx: ResourceContext, need: PermissionNeed): Target[] {
  const base = `arn:${partition(ctx)}:glue:${regionOf(ctx)}:${accountOf(ctx)}`
  const catalog = simple(need.actions, `${base}:catalog`)
  const [database] = envResource(ctx, need, 'glue-database', 'the database', (v) => `${base}:database/${v}`, '<database>')
  if (database?.kind !== 'arn') return database ? [catalog, database] : [catalog]
  const tableActions = need.actions.filter((a) => /Table|Partition/.test(a))
  if (tableActions.length === 0) return [catalog, database]
  const tables = envResource(ctx, {...need, actions: tableActions}, 'glue-database', 'the database', (v) => `${base}:table/${v}/*`, '<database>')
  return [catalog, database, ...tables.map((t) => (t.kind === 'arn' ? {...t, readings: [{request: t.display.replace(/\*$/, 'any-table')}]} : t))]
}
