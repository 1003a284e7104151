import {describeStack} from '../../aws/cloudformation.js'
import {parseStackArn} from '../../checks/lib/arn.js'
import {servedContainer} from '../../checks/lib/served-container.js'
import type {Profile} from '../../profile/types.js'
import {type FactResult, known, unknown} from '../facts.js'
import type {QuiltStackFact} from '../live-types.js'
import type {TaskDefinition} from '../types.js'
import {quiltStackFrom} from './live-convert.js'
import type {LiveReads} from './live-run.js'

/** The Quilt stack's ARN the webhook container is given (secrets-only mode's QuiltStackARN), if any. */
export function quiltStackArnOf(td: TaskDefinition, profile: Profile): string | undefined {
  const container = servedContainer(td, profile)?.container
  const spec = profile.env['secrets-only'].find((s) => s.kind === 'cloudformation-stack-arn')
  return container?.environment.find((e) => e.name === spec?.name)?.value.trim() || undefined
}

/**
 * The Quilt stack as the app finds it: asked for in the region its ARN names (the app makes its
 * CloudFormation client for that region, v0.7.10:docker/src/config_resolver.py:487-492). When it
 * is not there, the fact says so (the app fails at start-up), and whether a stack of that name is
 * where the service runs: the usual slip is an ARN with the wrong region.
 */
export async function quiltStackFact(run: LiveReads, arn: string): Promise<FactResult<QuiltStackFact>> {
  const {ctx} = run
  const parsed = parseStackArn(arn)
  const region = parsed?.region ?? ctx.region
  const there = run.cloudformation(region)
  if (!there) return unknown(`the Quilt stack ${arn} is in ${region}, and no CloudFormation client for ${region} could be made`)
  const source = `AWS ${region} cloudformation:DescribeStacks ${arn}`
  const stack = await run.once(`cloudformation:DescribeStacks ${region} ${arn}`, () => describeStack(there, arn))
  if (stack) return known({...quiltStackFrom(stack, arn), region}, source)
  const name = parsed?.stackName ?? arn
  const here = region === ctx.region ? undefined : await run.once(`cloudformation:DescribeStacks ${ctx.region} ${name}`, () => describeStack(ctx, name))
  const elsewhere = here?.StackId ? {elsewhere: {arn: here.StackId, region: ctx.region}} : {}
  return known({arn, missing: true, name, outputs: {}, region, ...elsewhere}, `${source}${here ? `; ${ctx.region} cloudformation:DescribeStacks ${name}` : ''}`)
}
