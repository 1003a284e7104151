import type {QuiltStackFact} from '../facts/live-types.js'
import type {Profile} from '../profile/types.js'
import {defineCheck, type FindingInput} from './types.js'

/** The stack QuiltStackARN names is not where it says: the app, which looks there, exits at start-up. */
function missingStack(stack: QuiltStackFact, profile: Profile): FindingInput {
  const variable = profile.env['secrets-only'].find((s) => s.kind === 'cloudformation-stack-arn')?.name ?? 'QuiltStackARN'
  const where = stack.region ?? 'its region'
  const {elsewhere} = stack
  return {
    detail: `The webhook asks CloudFormation for the stack in the region ${variable} names (${where}) at start-up; there is no stack ${stack.name} there, so it exits ("Invalid stack name" / "Stack with id ${stack.name} does not exist") and every task stops.${elsewhere ? ` A stack of that name exists in ${elsewhere.region}, where the service runs: ${variable} names the wrong region.` : ''}`,
    evidence: [`${variable}: ${stack.arn}`, `cloudformation:DescribeStacks in ${where}: no such stack`, ...(elsewhere ? [`found in ${elsewhere.region}: ${elsewhere.arn}`] : [])],
    fix: elsewhere
      ? `Set ${variable} to ${elsewhere.arn} (the stack in ${elsewhere.region}); then register a new task definition revision and redeploy.`
      : `Set ${variable} to the Quilt stack's real ARN (\`aws cloudformation describe-stacks --stack-name <name> --region <region> --query 'Stacks[0].StackId'\`); then register a new task definition revision and redeploy.`,
    impact: 'start',
    severity: 'error',
    title: `The Quilt stack ${stack.name} does not exist in ${where}, the region ${variable} names${elsewhere ? `; it is in ${elsewhere.region}` : ''}`,
  }
}

export default defineCheck({
  description:
    "In secrets-only mode the webhook reads the Quilt stack's outputs at start-up (the profile's quiltStackOutputs: the Athena database, the packager queue, the bucket, and the catalog from one of several outputs). Names each output group the stack QuiltStackARN points at lacks. A stack that does not exist where its ARN says (the app looks it up in the ARN's region) is an error, with the stack of that name where the service runs when there is one. In legacy mode the stack is not read, and the check passes.",
  id: 'quilt-stack-outputs',
  subject: 'quilt-stack',
  needs: ['quiltStack', 'mode'],
  run({mode, quiltStack}, profile) {
    if (mode.value !== 'secrets-only') return []
    if (quiltStack.missing) return [missingStack(quiltStack, profile)]
    const has = (name: string) => (quiltStack.outputs[name] ?? '').trim() !== ''
    const spec = profile.quiltStackOutputs
    const missing = spec.required.filter((group) => !group.some(has)).map((group) => group.join(' or '))
    const present = Object.keys(quiltStack.outputs).sort()
    const evidence = [`stack ${quiltStack.arn}${quiltStack.status ? ` (${quiltStack.status})` : ''}`, `outputs present: ${present.length > 0 ? present.join(', ') : 'none'}`]
    const findings: FindingInput[] = []
    if (missing.length > 0) {
      findings.push({
        detail: `The webhook reads these outputs of the Quilt stack at start-up and exits ("Missing required CloudFormation outputs") without them. Either QuiltStackARN points at another stack, or the Quilt stack is too old to export them.`,
        evidence,
        fix: `Point QuiltStackARN at the Quilt catalog stack that exports ${missing.join(', ')} (\`aws cloudformation describe-stacks --stack-name <arn> --query "Stacks[0].Outputs"\`), or upgrade the Quilt stack.`,
        impact: 'start',
        severity: 'error',
        title: `Quilt stack ${quiltStack.name} lacks output${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`,
      })
    }

    if (spec.catalog.length > 0 && !spec.catalog.some(has)) {
      findings.push({
        detail: `The webhook takes the catalog URL from ${spec.catalog.join(', then ')}; with none of them it cannot tell the catalog ("Cannot determine catalog URL").`,
        evidence,
        fix: `Point QuiltStackARN at the Quilt catalog stack, or upgrade it so it exports ${spec.catalog[0]}.`,
        impact: 'start',
        severity: 'error',
        title: `Quilt stack ${quiltStack.name} has no catalog output (${spec.catalog.join(', ')})`,
      })
    }

    return findings
  },
  title: 'The Quilt stack has the outputs secrets-only mode reads',
})
