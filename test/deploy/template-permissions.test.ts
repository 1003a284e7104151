import {describe, expect, it} from 'vitest'

import {targetsFor} from '../../src/checks/iam/resources.js'
import type {RoleKind} from '../../src/checks/iam/types.js'
import {plannedSources} from '../../src/deploy/planned-facts.js'
import {sidOf} from '../../src/deploy/template/iam-statements.js'
import {webhookTemplate} from '../../src/deploy/template/template.js'
import {Facts} from '../../src/facts/facts.js'
import type {FactMap, Mode} from '../../src/facts/types.js'
import {benchlingWebhookProfile} from '../../src/profile/benchling-webhook.js'
import type {PermissionNeed, Profile} from '../../src/profile/types.js'
import {ACCOUNT, legacyParameters, secretsOnlyParameters} from './planned.js'

// The template's roles are built from the profile's permission needs; these tests hold them to it
// through the planned facts (the template as CloudFormation would deploy it), so a need the
// template drops, or grants in the wrong mode, fails here.

const params: Record<Mode, Record<string, string>> = {legacy: legacyParameters, 'secrets-only': secretsOnlyParameters}
// a private image, so the ECR needs apply too
const privateImage = {
  ImageRepositoryArn: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/quiltdata/benchling`,
  ImageUri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/quiltdata/benchling:0.5.6`,
}

async function planned<K extends keyof FactMap>(mode: Mode, name: K, profile: Profile = benchlingWebhookProfile): Promise<FactMap[K]> {
  const template = webhookTemplate(profile)
  const facts = new Facts(plannedSources({account: ACCOUNT, mode, parameters: {...params[mode], ...privateImage}, region: 'us-east-1', template}, profile))
  const result = await facts.get(name)
  if (!result.ok) throw new Error(result.reason)
  return result.value
}

type Statement = {Sid?: string; Action: string | string[]}
async function statements(mode: Mode, kind: RoleKind, profile?: Profile): Promise<Statement[]> {
  const roles = await planned(mode, 'roles', profile)
  return (roles[kind]?.inlinePolicies[0]?.document?.Statement as Statement[] | undefined) ?? []
}

const actionsOf = (s: Statement | undefined) => (s ? [s.Action].flat() : [])

/** Needs of this mode that apply to the planned deployment, as the `iam` check sees them. */
async function applicable(mode: Mode, kind: RoleKind): Promise<{applies: PermissionNeed[]; otherMode: PermissionNeed[]}> {
  const taskDefinition = await planned(mode, 'taskDefinition')
  const ctx = {deployment: {account: ACCOUNT, region: 'us-east-1'}, mode, profile: benchlingWebhookProfile, taskDefinition}
  const needs = benchlingWebhookProfile.permissions[kind]
  return {
    applies: needs.filter((n) => (!n.mode || n.mode === mode) && targetsFor(n, ctx).length > 0),
    otherMode: needs.filter((n) => n.mode && n.mode !== mode),
  }
}

const cases: [Mode, RoleKind][] = [
  ['legacy', 'task'],
  ['legacy', 'execution'],
  ['secrets-only', 'task'],
  ['secrets-only', 'execution'],
]

describe('the template grants the profile\'s permission needs', () => {
  it.each(cases)('%s %s role: every need of the mode has its statement, no need of the other mode does', async (mode, kind) => {
    const granted = await statements(mode, kind)
    const {applies, otherMode} = await applicable(mode, kind)
    expect(applies.length).toBeGreaterThan(0)
    for (const need of applies) {
      expect(actionsOf(granted.find((s) => s.Sid === sidOf(need))), `${need.sid ?? need.resource}: ${need.why}`).toEqual(expect.arrayContaining(need.actions))
    }

    // least privilege: the other mode's actions are nowhere, unless a need of this mode shares them
    const mine = new Set(applies.flatMap((n) => n.actions))
    const all = granted.flatMap(actionsOf)
    for (const action of otherMode.flatMap((n) => n.actions).filter((a) => !mine.has(a))) expect(all, `${mode} ${kind} role`).not.toContain(action)
  })

  it.each<Mode>(['legacy', 'secrets-only'])('the iam check finds every need of the %s mode allowed on its resource', async (mode) => {
    const evaluation = await planned(mode, 'iamEvaluation')
    for (const kind of ['task', 'execution'] as const) {
      const {applies} = await applicable(mode, kind)
      const judged = evaluation.needs.filter((v) => v.role === kind)
      expect(new Set(judged.map((v) => v.ref))).toEqual(new Set(applies.map((n) => n.resource)))
    }

    // secrets-only: the container reads the database and queue from the Quilt stack's outputs (not
    // read offline) and the bucket from the secret's user_bucket, so the check cannot tell those;
    // nothing may be denied
    const notAllowed = evaluation.needs.filter((v) => v.decision !== 'allowed' && !(mode === 'secrets-only' && v.decision === 'unknown' && /outputs of the stack|secret's user_bucket/.test(v.reason ?? '')))
    expect(notAllowed.map((v) => `${v.role} ${v.ref} ${v.decision}: ${v.reason ?? ''}`)).toEqual([])
    if (mode === 'legacy') expect(evaluation.needs.every((v) => v.decision === 'allowed')).toBe(true)
  })

  it('gives every statement a unique Sid of letters and digits', async () => {
    for (const [mode, kind] of cases) {
      const sids = (await statements(mode, kind)).map((s) => s.Sid ?? '')
      expect(sids.every((sid) => /^[A-Za-z0-9]+$/.test(sid)), sids.join(',')).toBe(true)
      expect(new Set(sids).size).toBe(sids.length)
    }
  })

  it('grants a need added to the profile, in its mode only (the template follows the profile)', async () => {
    const need: PermissionNeed = {actions: ['sqs:ChangeMessageVisibility'], cite: 'test', mode: 'secrets-only', resource: 'queue', sid: 'TouchQueue', why: 'test'}
    const profile: Profile = {...benchlingWebhookProfile, permissions: {...benchlingWebhookProfile.permissions, task: [...benchlingWebhookProfile.permissions.task, need]}}
    expect((await statements('secrets-only', 'task', profile)).find((s) => s.Sid === 'TouchQueue')?.Action).toEqual(['sqs:ChangeMessageVisibility'])
    expect((await statements('legacy', 'task', profile)).map((s) => s.Sid)).not.toContain('TouchQueue')
  })
})
