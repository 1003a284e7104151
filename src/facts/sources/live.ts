import {describeStack} from '../../aws/cloudformation.js'
import {describeTargetGroup, describeTargetHealth} from '../../aws/elbv2.js'
import {getCallerIdentity} from '../../aws/sts.js'
import {servedContainer} from '../../checks/lib/served-container.js'
import {failureOf, type FactLoaders, type FactSource, known, unknown} from '../facts.js'
import type {ServiceStateFact} from '../live-types.js'
import {normalizeTaskDefinition} from '../normalize-task-definition.js'
import {containerLogsFact} from './live-logs.js'
import {quiltStackArnOf, quiltStackFact} from './live-quilt-stack.js'
import {quiltStackFrom, serviceFactFrom, serviceStateFrom, stackFrom, targetGroupFrom, targetHealthFrom} from './live-convert.js'
import {ROLES_SOURCE, rolesFact} from './live-iam.js'
import {guard, type LiveRun} from './live-run.js'
import {benchlingSecretId, secretAccess, secretFactFrom, secretShape} from './live-secret.js'

// The facts of a live deployment, each loaded only when a check asks (the Facts container is lazy
// and memoizes), each AWS call made once (LiveRun.once, a cache the reads begun ahead by
// live-prefetch.ts share), at most a few calls of a service in flight (the limiter in every call).
// A failed call makes only the facts built on it unknown.

const STACK_TAG = 'aws:cloudformation:stack-name'

/** The task definition to judge: a failed deployment's when there is one (a rollback makes the old one PRIMARY again). */
export function chosenTaskDefinition(state: ServiceStateFact): {arn: string; why: string} | undefined {
  const failed = state.deployments.filter((d) => d.rolloutState === 'FAILED').sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))[0]
  if (failed?.taskDefinition) return {arn: failed.taskDefinition, why: `of the failed deployment ${failed.id}`}
  const primary = state.deployments.find((d) => d.status === 'PRIMARY')
  if (primary?.taskDefinition) return {arn: primary.taskDefinition, why: `of the primary deployment ${primary.id}`}
  return state.taskDefinition ? {arn: state.taskDefinition, why: 'of the service'} : undefined
}

/** `iam` says how the IAM questions are answered; the description is read after the run, when it is known. */
export function liveSource(run: LiveRun, iam?: {describe(): string}): FactSource {
  const {ctx, profile, target} = run
  const where = `AWS ${ctx.region}`
  const state = () => serviceStateFrom(target.seen.service, target.cluster)
  const stackName = () => target.stackName ?? target.seen.service.tags?.find((t) => t.key === STACK_TAG)?.value

  const targetGroupArn = () => state().loadBalancers.find((lb) => lb.targetGroupArn)?.targetGroupArn

  const loaders: FactLoaders = {
    // what the stack records of its release, from the stack target resolution read (no call)
    async declaredVersion() {
      const stack = target.seen.stack
      const output = stack?.Outputs?.find((o) => o.OutputKey === 'StackVersion')?.OutputValue
      const tag = stack?.Parameters?.find((p) => p.ParameterKey === 'ImageTag')?.ParameterValue
      if (output) return known({value: output, where: `StackVersion output of stack ${stack?.StackName ?? ''}`}, `${where} cloudformation:DescribeStacks`)
      if (tag) return known({value: tag, where: `ImageTag parameter of stack ${stack?.StackName ?? ''}`}, `${where} cloudformation:DescribeStacks`)
      return unknown('the stack records no release (no StackVersion output or ImageTag parameter)')
    },

    callerIdentity: () =>
      guard(async () => known(target.seen.caller ?? (await run.once('sts', () => getCallerIdentity(ctx))), `${where} sts:GetCallerIdentity`)),

    async containerLogs(facts) {
      const [t, td] = await Promise.all([facts.get('tasks'), facts.get('taskDefinition')])
      if (!t.ok) return unknown(`no tasks to read logs of: ${t.reason}`, failureOf(t))
      // an app may log its own credentials: the secret it reads is masked in its lines by value
      const ref = td.ok ? benchlingSecretId(td.value, profile) : undefined
      const identity = (text: string) => text
      const mask = ref ? secretShape(run, ref.id).then((shape) => shape.mask ?? identity, () => identity) : identity
      return guard(async () => known(await containerLogsFact(run, t.value, mask), `${where} CloudWatch Logs`))
    },

    async deployment() {
      const account = target.seen.service.serviceArn?.split(':')[4] ?? target.seen.caller?.account
      return known({region: ctx.region, ...(account ? {account} : {})}, `${where} ECS service ARN`)
    },

    async logGroup(facts) {
      const td = await facts.get('taskDefinition')
      const container = td.ok ? servedContainer(td.value, profile)?.container : undefined
      const name = container?.logConfiguration?.options['awslogs-group'] ?? target.logGroup
      if (!name) return unknown('no log group is known: the container has no awslogs configuration and the stack no EcsLogGroup output')
      return guard(async () => {
        const group = await run.logGroup(name)
        const retention = group?.retentionInDays === undefined ? {} : {retentionInDays: group.retentionInDays}
        return known({name, presence: group ? 'account' : 'missing', ...retention}, `${where} logs:DescribeLogGroups`)
      })
    },

    async quiltStack(facts) {
      const [mode, td] = await Promise.all([facts.get('mode'), facts.get('taskDefinition')])
      if (mode.ok && mode.value.value !== 'secrets-only') return unknown('legacy mode reads no Quilt stack')
      const arn = td.ok ? quiltStackArnOf(td.value, profile) : undefined
      if (!arn) {
        const spec = profile.env['secrets-only'].find((s) => s.kind === 'cloudformation-stack-arn')
        return unknown(`the container sets no ${spec?.name ?? 'Quilt stack ARN'}, so the Quilt stack is not known`)
      }

      return guard(() => quiltStackFact(run, arn))
    },

    async roles(facts) {
      const td = await facts.get('taskDefinition')
      if (!td.ok) return unknown(`no task definition to find the roles in: ${td.reason}`, failureOf(td))
      return guard(async () => known(await rolesFact(run, td.value), `${where} ${ROLES_SOURCE}`))
    },

    serviceState: async () => known(state(), `${where} ecs:DescribeServices ${target.cluster}/${target.service}`),

    service: async () => known(serviceFactFrom(state()), `${where} ecs:DescribeServices ${target.cluster}/${target.service}`),

    async stack() {
      const name = stackName()
      if (!name) return unknown('no CloudFormation stack is known for this service (give --stack-name)')
      return guard(async () => {
        const stack = target.seen.stack ?? (await run.once(`cloudformation:DescribeStacks ${name}`, () => describeStack(ctx, name)))
        if (!stack) return unknown(`the stack ${name} does not exist in ${ctx.region}`)
        const events = await run.stackEvents(name, stack.StackId)
        return known(stackFrom(stack, events), `${where} CloudFormation stack ${name}`)
      })
    },

    async benchlingSecret(facts) {
      const td = await facts.get('taskDefinition')
      const ref = td.ok ? benchlingSecretId(td.value, profile) : undefined
      if (!ref) return unknown('the task definition names no Benchling secret in Secrets Manager')
      return guard(async () => {
        const shape = await secretShape(run, ref.id)
        const fact = secretFactFrom(ref.id, shape)
        return fact
          ? known(fact, `${where} secretsmanager:GetSecretValue (shape only) of ${ref.via}`)
          : unknown(`the secret ${ref.id} (${ref.via}) could not be read: ${shape.status}${shape.error ? ` (${shape.error})` : ''}`)
      })
    },

    async secretAccess(facts) {
      const td = await facts.get('taskDefinition')
      const ref = td.ok ? benchlingSecretId(td.value, profile) : undefined
      if (!ref) return unknown('the task definition names no Benchling secret in Secrets Manager')
      return guard(async () => known(await secretAccess(run, ref.id), `${where} Secrets Manager ${ref.via}`))
    },

    async targetGroup() {
      const arn = targetGroupArn()
      if (!arn) return unknown('the service has no load balancer target group')
      return guard(async () => {
        const tg = await describeTargetGroup(ctx, arn)
        return tg ? known(targetGroupFrom(tg), `${where} ${arn}`) : unknown(`the target group ${arn} does not exist`)
      })
    },

    async targetHealth() {
      const arn = targetGroupArn()
      if (!arn) return unknown('the service has no load balancer target group')
      return guard(async () => {
        const health = await describeTargetHealth(ctx, arn)
        return health ? known(targetHealthFrom(arn, health), `${where} ${arn}`) : unknown(`the target group ${arn} does not exist`)
      })
    },

    taskDefinition: () =>
      guard(async () => {
        const chosen = chosenTaskDefinition(state())
        if (!chosen) return unknown('the service names no task definition')
        const raw = await run.taskDefinition(chosen.arn)
        if (!raw) return unknown(`ECS does not know the task definition ${chosen.arn} ${chosen.why}`)
        return known(normalizeTaskDefinition(raw, `The task definition ${chosen.arn}`), `${where} task definition ${chosen.arn} (${chosen.why})`)
      }),

    tasks: () => guard(async () => known(await run.tasks(target.cluster, target.service), `${where} ecs:ListTasks/DescribeTasks ${target.cluster}/${target.service}`)),
  }

  const account = target.seen.service.serviceArn?.split(':')[4] ?? ''
  return {
    get describe() {
      return `AWS account ${account} in ${ctx.region}, service ${target.cluster}/${target.service} (${iam?.describe() ?? 'IAM: fetched policies, evaluated locally'})`
    },
    loaders,
  }
}
