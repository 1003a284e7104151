import type {Mode} from '../../facts/types.js'
import type {PermissionNeed, ResourceRef} from '../../profile/types.js'
import {type Intrinsic, ifElse, ref, statement, sub} from './cfn.js'
import {MODE_CONDITIONS} from './parameters.js'

// The roles' statements are built from the profile's permission needs: the same list the `iam`
// check judges every deployment against, so what `bwops deploy` grants and what `bwops doctor`
// demands cannot drift apart. Least privilege per mode stays a deploy-time decision: a need (or a
// resource) of one mode becomes a statement wrapped in that mode's condition.

/** Where a need's resource is in this template. */
export interface Placement {
  resource: unknown
  /** the modes in which the template has this resource; both when absent */
  modes?: Mode[]
  /** a deploy-time condition, other than the mode, under which the resource exists */
  condition?: string
}

const arn = (rest: string) => sub('arn:${AWS::Partition}:' + rest)
const regional = (service: string, rest: string) => arn(`${service}:\${AWS::Region}:\${AWS::AccountId}:${rest}`)

export const PLACEMENTS: Record<ResourceRef, Placement> = {
  '*': {resource: '*'},
  'athena-workgroup': {resource: regional('athena', 'workgroup/*')},
  'benchling-secret': {modes: ['secrets-only'], resource: ref('BenchlingSecret')},
  bucket: {resource: arn('s3:::${QuiltUserBucket}')},
  'bucket-objects': {resource: arn('s3:::${QuiltUserBucket}/*')},
  // Glue authorizes a read on the catalog, the database and its tables together
  'glue-database': {resource: [regional('glue', 'catalog'), regional('glue', 'database/${QuiltDatabase}'), regional('glue', 'table/${QuiltDatabase}/*')]},
  'image-repository': {condition: 'HasImageRepository', resource: ref('ImageRepositoryArn')},
  'log-group': {resource: regional('logs', 'log-group:${LogGroupName}:*')},
  queue: {resource: ref('QueueArn')},
  'quilt-stack': {modes: ['secrets-only'], resource: ref('QuiltStackARN')},
  // the one secret this task definition references: legacy's client secret, injected as `secrets`
  'referenced-secrets': {modes: ['legacy'], resource: ref('BenchlingClientSecretArn')},
}

export const MODE_CONDITION: Record<Mode, string> = {legacy: MODE_CONDITIONS.legacy, 'secrets-only': MODE_CONDITIONS.secretsOnly}
const MODES: Mode[] = ['legacy', 'secrets-only']

/** The statement's Sid: the need's own, else one from its resource (needs on one resource then share it). */
export function sidOf(need: PermissionNeed): string {
  if (need.sid) return need.sid
  const words = need.resource === '*' ? ['any', 'resource'] : need.resource.split('-')
  return `Allow${words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`
}

/** The non-mode condition of a need's statement, if any. */
export function conditionOf(need: PermissionNeed): string | undefined {
  const placement = PLACEMENTS[need.resource]
  if (placement.condition) return placement.condition
  // ECR's login is granted on '*' but matters only for an image in a private repository (the
  // `iam` check reads it the same way: resources.ts asks for it only for an ECR image).
  const ecrOnly = need.actions.length > 0 && need.actions.every((a) => a.startsWith('ecr:'))
  return ecrOnly ? PLACEMENTS['image-repository'].condition : undefined
}

function both(condition: string | undefined, mode: Mode, sid: string): string {
  if (!condition) return MODE_CONDITION[mode]
  // Two conditions need a third combining them (Fn::And) in parameters.ts: none is needed yet.
  throw new Error(`statement ${sid} needs both ${condition} and ${MODE_CONDITION[mode]}: add a condition combining them to conditions() in parameters.ts`)
}

const unique = (list: string[]) => [...new Set(list)]
const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i])

/** One statement for the needs that share a Sid; their actions may differ by mode. */
function statementOf(sid: string, needs: [PermissionNeed, ...PermissionNeed[]]): unknown {
  const [first] = needs
  const placement = PLACEMENTS[first.resource]
  const condition = conditionOf(first)
  if (needs.some((n) => n.resource !== first.resource || conditionOf(n) !== condition)) {
    throw new Error(`the permission needs with Sid ${sid} are on different resources: give them different sids in the profile`)
  }

  const actionsIn = (mode: Mode) =>
    (placement.modes ?? MODES).includes(mode) ? unique(needs.filter((n) => !n.mode || n.mode === mode).flatMap((n) => n.actions)) : []
  const [legacy = [], secretsOnly = []] = MODES.map(actionsIn)
  if (legacy.length === 0 && secretsOnly.length === 0) {
    throw new Error(`statement ${sid}: this template has ${first.resource} only in ${placement.modes?.join(', ')} mode, where no need with this Sid applies`)
  }

  if (same(legacy, secretsOnly)) return statement(sid, legacy, placement.resource, condition)
  if (secretsOnly.length === 0) return statement(sid, legacy, placement.resource, both(condition, 'legacy', sid))
  if (legacy.length === 0) return statement(sid, secretsOnly, placement.resource, both(condition, 'secrets-only', sid))
  // one statement, whose actions the mode picks
  const actions = ifElse(MODE_CONDITION['secrets-only'], secretsOnly, legacy) as Intrinsic
  return statement(sid, actions, placement.resource, condition)
}

/** A role's policy statements, in the order of the needs (needs sharing a Sid share a statement). */
export function statementsFor(needs: PermissionNeed[]): unknown[] {
  const groups = new Map<string, [PermissionNeed, ...PermissionNeed[]]>()
  for (const need of needs) {
    const sid = sidOf(need)
    const group = groups.get(sid)
    if (group) group.push(need)
    else groups.set(sid, [need])
  }

  return [...groups].map(([sid, group]) => statementOf(sid, group))
}
