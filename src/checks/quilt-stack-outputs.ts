import {defineCheck, type FindingInput} from './types.js'

export default defineCheck({
  description:
    "In secrets-only mode the webhook reads the Quilt stack's outputs at start-up (the profile's quiltStackOutputs: the Athena database, the packager queue, the bucket, and the catalog from one of several outputs). Names each output group the stack QuiltStackARN points at lacks. In legacy mode the stack is not read, and the check passes.",
  id: 'quilt-stack-outputs',
  subject: 'quilt-stack',
  needs: ['quiltStack', 'mode'],
  run({mode, quiltStack}, profile) {
    if (mode.value !== 'secrets-only') return []
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
