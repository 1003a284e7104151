import type {RolesFact} from '../../facts/types.js'
import type {FindingInput, Impact} from '../types.js'
import {boundaryFix, denyFix, describeRef, grantFix, roleName, statementJson} from './fixes.js'
import type {ActionVerdict, NeedVerdict, RoleKind} from './types.js'

// Turns the verdicts of one role on one resource into one finding.

const DENIED = new Set(['implicitly-denied', 'explicitly-denied'])

/** What ECS shows when the execution role lacks a permission: it acts before the container starts. */
const ECS_CONSEQUENCE: Partial<Record<string, string>> = {
  '*': 'ECS cannot log in to ECR, so the image is not pulled and no task starts (CannotPullContainerError ... AccessDenied).',
  'image-repository': 'ECS cannot pull the image, so no task starts (CannotPullContainerError ... 403 / AccessDenied).',
  'log-group': 'The awslogs driver cannot write the container\'s logs, so ECS stops the task before it starts (ResourceInitializationError: failed to validate logger args ... AccessDeniedException).',
  'referenced-secrets': 'ECS cannot inject the secret, so every task stops before the container starts (ResourceInitializationError: unable to pull secrets or registry auth: ... unable to retrieve secret from asm: ... AccessDeniedException).',
}

export const resourceLabel = (v: NeedVerdict) => v.resource ?? `the ${v.ref.replace(/-/g, ' ')}`

export function maxImpact(verdicts: NeedVerdict[]): Impact {
  return verdicts.some((v) => v.impact === 'start') ? 'start' : 'runtime'
}

function consequence(kind: RoleKind, verdicts: NeedVerdict[], denied: string[]): string {
  const ecs = kind === 'execution' ? ECS_CONSEQUENCE[verdicts[0]?.ref ?? ''] : undefined
  const why = [...new Set(verdicts.map((v) => v.why))].join('; ')
  if (ecs) return `The execution role needs it ${why}. ${ecs}`
  const when = maxImpact(verdicts) === 'start' ? 'at start-up, so the container exits before it becomes healthy' : 'when it does that work, so those requests fail while the service looks healthy'
  return `The app needs it ${why}; without it AWS answers AccessDenied to ${denied.join(', ')} ${when}.`
}

function evidenceOf(action: ActionVerdict): string {
  const by = action.deniedBy?.length ? ` by ${action.deniedBy.map(describeRef).join(', ')}` : ''
  const granted = action.decision === 'allowed' && action.grantedBy?.length ? ` by ${action.grantedBy.map(describeRef).join(', ')}` : ''
  return `${action.action}: ${action.decision.replace('-', ' ')}${by}${granted}${action.reason ? ` (${action.reason})` : ''}`
}

/** One finding for one role on one resource, or none when everything it needs is allowed. */
export function accessFinding(kind: RoleKind, verdicts: NeedVerdict[], roles: RolesFact): FindingInput | undefined {
  const actions = verdicts.flatMap((v) => v.actions)
  const problems = actions.filter((a) => a.decision !== 'allowed')
  const first = verdicts[0]
  if (!first || problems.length === 0) return undefined
  const label = first.roleLabel ?? 'the role'
  const resource = resourceLabel(first)
  const name = roleName(roles[kind], first.roleLabel)
  const names = (list: ActionVerdict[]) => [...new Set(list.map((a) => a.action))]
  const evidence = [`${kind} role ${label}, resource ${resource}`, ...problems.map(evidenceOf)]
  const denied = problems.filter((a) => DENIED.has(a.decision))
  const explicit = denied.filter((a) => a.decision === 'explicitly-denied')
  const blocked = denied.filter((a) => a.deniedBy?.some((d) => d.kind === 'permissions-boundary'))
  const impact = maxImpact(verdicts)
  if (denied.length > 0) {
    const implicit = denied.filter((a) => !explicit.includes(a) && !blocked.includes(a))
    const fixes = [
      ...(explicit.length > 0 ? [denyFix(explicit.flatMap((a) => a.deniedBy ?? []), names(explicit), resource)] : []),
      ...(blocked.length > 0 ? [boundaryFix(blocked.flatMap((a) => a.deniedBy ?? []), names(blocked), resource)] : []),
      ...(implicit.length > 0 ? [grantFix(kind, name, names(implicit), resource)] : []),
    ]
    const why = explicit.length > 0
      ? `an explicit Deny in ${[...new Set(explicit.flatMap((a) => a.deniedBy ?? []).map(describeRef))].join(', ')} blocks it`
      : blocked.length > 0 && implicit.length === 0
        ? `its permissions boundary does not allow it`
        : 'no policy of the role allows it'
    return {
      detail: consequence(kind, verdicts, names(denied)),
      evidence,
      fix: fixes.join(' '),
      impact,
      severity: 'error',
      subject: `role:${kind}`,
      title: `The ${kind} role ${label} cannot ${names(denied).join(', ')} on ${resource}: ${why}`,
    }
  }

  const split = problems.find((a) => a.readings?.some((r) => DENIED.has(r.decision)))
  if (split) {
    const allowedWhen = split.readings?.filter((r) => r.decision === 'allowed').map((r) => r.assumption) ?? []
    return {
      detail: `Whether IAM allows it depends on a value given at deploy time: ${split.reason ?? ''}. Upstream granted secret:<name>*, which misses when the secret is passed by ARN.`,
      evidence,
      fix: `Grant on the secret's full ARN built from its name, arn:aws:secretsmanager:<region>:<account>:secret:<name>-??????, so either form matches${allowedWhen.length > 0 ? `, or make sure ${allowedWhen.join(' or ')}` : ''}. ${grantFix(kind, name, names(problems), resource)}`,
      impact,
      severity: 'warning',
      subject: `role:${kind}`,
      title: `The ${kind} role ${label} may be denied ${names(problems).join(', ')} on ${resource}, depending on how the value is given`,
    }
  }

  const invalid = problems.filter((a) => a.decision === 'invalid')
  if (invalid.length > 0) {
    return {
      detail: 'The IAM simulator refused the question, so bwops cannot say whether the role may do this. A policy AWS would reject never takes effect.',
      evidence,
      fix: `Fix what the simulator names: ${[...new Set(invalid.map((a) => a.reason))].join('; ')}. The statement the role needs is ${statementJson(names(invalid), resource)}.`,
      impact,
      severity: 'warning',
      subject: `role:${kind}`,
      title: `bwops could not judge ${names(invalid).join(', ')} on ${resource} for the ${kind} role ${label}`,
    }
  }

  const reasons = [...new Set(problems.map((a) => a.reason ?? first.reason).filter(Boolean))]
  return {
    detail: `bwops cannot tell offline: ${reasons.join('; ')}.`,
    evidence,
    fix: `Run bwops doctor against the live deployment (so policies and deploy-time values are known), or check that the ${kind} role allows ${statementJson(names(problems), resource)}.`,
    impact,
    severity: 'info',
    subject: `role:${kind}`,
    title: `bwops cannot tell whether the ${kind} role ${label} may ${names(problems).join(', ')} on ${resource}`,
  }
}
