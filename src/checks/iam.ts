import {accessFinding, maxImpact, resourceLabel} from './iam/findings.js'
import {createRoleFix, describeRef, roleName, statementJson, trustFix} from './iam/fixes.js'
import {AWS_SIMULATE, type IamEvaluation, type NeedVerdict, type RoleKind} from './iam/types.js'
import {defineCheck, type FindingInput} from './types.js'

export {iamEvaluationSource} from './iam/source.js'

// Judges the `iamEvaluation` fact (see iam/source.ts): the simulator's verdicts on what the
// profile says each role needs in this mode, plus whether ECS may assume each role.

const ROLES: RoleKind[] = ['task', 'execution']

/** Who decided, for the evidence: said when AWS did, and when a live run fell back to local. */
function methodEvidence(evaluation: IamEvaluation): string | undefined {
  const note = evaluation.methodNote
  if (evaluation.method === AWS_SIMULATE) return `decided by AWS (iam:SimulatePrincipalPolicy on the role)${note ? `; ${note}` : ''}`
  // a bundle recorded before bwops said the method has none: it was local
  return note ? `decided locally (bwops evaluator) from the fetched policies: ${note}` : undefined
}

function missingRole(kind: RoleKind, verdicts: NeedVerdict[], mode: string): FindingInput {
  const needs = verdicts.map((v) => `${v.actions.map((a) => a.action).join(', ')} on ${resourceLabel(v)} (${v.why})`)
  const impact = maxImpact(verdicts)
  const when = kind === 'execution' ? 'ECS uses it before the container starts' : impact === 'start' ? `in ${mode} mode the app makes these calls at start-up` : 'the app makes these calls at work'
  return {
    detail: `Without a ${kind} role these calls have no credentials and fail; ${when}.`,
    evidence: needs,
    fix: createRoleFix(kind, verdicts.map((v) => statementJson(v.actions.map((a) => a.action), resourceLabel(v)))),
    impact,
    severity: 'error',
    title: `The task definition has no ${kind} role, and ${mode} mode needs one`,
  }
}

export default defineCheck({
  description:
    'Simulates every permission the profile says each role needs in this mode, on this deployment\'s real resources: the task role on the secret (by its full ARN), the Quilt stack, the queue, the bucket and its objects, and Athena; the execution role on the ECR repository, the awslogs group and every secret the task definition references. Live, AWS answers (iam:SimulatePrincipalPolicy) when the caller may ask it, else the local IAM policy simulator judges the fetched policies, and the evidence says which; offline, always the local simulator. Also checks that each role\'s trust policy lets ecs-tasks.amazonaws.com assume it. Names the policy and statement that decided, and gives the statement to add.',
  id: 'iam',
  subject: 'role',
  needs: ['iamEvaluation', 'roles'],
  run({iamEvaluation, mode, roles}) {
    const modeName = mode?.value ?? iamEvaluation.mode
    const findings: FindingInput[] = []
    for (const trust of iamEvaluation.trust) {
      if (trust.decision !== 'implicitly-denied' && trust.decision !== 'explicitly-denied' && trust.decision !== 'invalid') continue
      const by = trust.deniedBy?.length && trust.decision === 'explicitly-denied' ? `: ${trust.deniedBy.map(describeRef).join(', ')} denies it` : ''
      findings.push({
        detail: `ECS assumes the ${trust.role} role for every task; when the trust policy does not let ecs-tasks.amazonaws.com do so, the task fails to start ("ECS was unable to assume the role").`,
        evidence: [`${trust.role} role ${trust.roleLabel}: sts:AssumeRole by ecs-tasks.amazonaws.com ${trust.decision.replace('-', ' ')}${trust.reason ? ` (${trust.reason})` : ''}`],
        fix: trustFix(trust.role, roleName(roles[trust.role], trust.roleLabel)),
        impact: 'start',
        severity: trust.decision === 'invalid' ? 'warning' : 'error',
        title: `ECS cannot assume the ${trust.role} role ${trust.roleLabel}${by || ': its trust policy does not allow ecs-tasks.amazonaws.com'}`,
      })
    }

    for (const kind of ROLES) {
      const verdicts = iamEvaluation.needs.filter((v) => v.role === kind)
      const absent = verdicts.filter((v) => v.decision === 'no-role')
      if (absent.length > 0) findings.push(missingRole(kind, absent, modeName))
      const skipped = verdicts.filter((v) => v.decision === 'skipped')
      if (skipped.length > 0) {
        findings.push({
          detail: `${skipped[0]?.reason ?? 'The role\'s policies are not known'}, so bwops did not judge ${skipped.length} permission need(s) of the ${kind} role.`,
          evidence: skipped.map((v) => `${v.actions.map((a) => a.action).join(', ')} on ${resourceLabel(v)}`),
          fix: `Give bwops the role's policies: run bwops doctor against the live account (it reads the role with iam:GetRole, iam:ListRolePolicies, iam:GetRolePolicy, iam:ListAttachedRolePolicies), or pass --template/--bundle holding the role.`,
          impact: maxImpact(skipped),
          severity: 'info',
          title: `The ${kind} role ${iamEvaluation.named[kind] ?? ''} is named but its policies are not known: its permissions were not checked`.replace('  ', ' '),
        })
      }

      const judged = verdicts.filter((v) => v.decision !== 'no-role' && v.decision !== 'skipped')
      const groups = new Map<string, NeedVerdict[]>()
      for (const v of judged) {
        const key = resourceLabel(v)
        groups.set(key, [...(groups.get(key) ?? []), v])
      }

      const method = methodEvidence(iamEvaluation)
      for (const group of groups.values()) {
        const finding = accessFinding(kind, group, roles)
        if (finding) findings.push(method ? {...finding, evidence: [...(finding.evidence ?? []), method]} : finding)
      }
    }

    return findings
  },
  title: 'The task and execution roles allow what the mode needs',
  uses: ['mode'],
})
