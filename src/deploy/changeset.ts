import {UserError} from '../errors.js'
import type {ChangeSetView, DeployClients, ResourceChangeView} from './clients.js'
import type {Plan} from './plan.js'

export interface Clock {
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export interface ChangeSetOutcome {
  view: ChangeSetView
  /** CloudFormation found nothing to change */
  empty: boolean
  /** the stack did not exist before: a refused change set leaves it in REVIEW_IN_PROGRESS */
  createsStack: boolean
}

const NO_CHANGES = /didn't contain changes|No updates are to be performed/i
const CHANGE_SET_POLL_MS = 2000
const CHANGE_SET_MAX_MS = 10 * 60 * 1000

/** Creates the change set and waits until CloudFormation has worked out what it changes. */
export async function createChangeSet(plan: Plan, clients: DeployClients, clock: Clock): Promise<ChangeSetOutcome> {
  const createsStack = !plan.stack || plan.stack.status === 'REVIEW_IN_PROGRESS'
  const created = await clients.cfn.createChangeSet({
    changeSetName: `bwops-${new Date(clock.now()).toISOString().replace(/[:.]/g, '-')}`,
    description: `bwops deploy: ${plan.mode.mode} mode, image ${plan.image.uri}`.slice(0, 1024),
    parameters: plan.parameters,
    stackName: plan.stackName,
    templateBody: JSON.stringify(plan.template),
    type: createsStack ? 'CREATE' : 'UPDATE',
  })
  const started = clock.now()
  for (;;) {
    const view = await clients.cfn.describeChangeSet(created.id)
    // CloudFormation says "nothing to change" by failing the change set (below); a complete one
    // with no resource change still changes the stack's parameters or outputs, so it runs
    if (view.status === 'CREATE_COMPLETE') return {createsStack, empty: false, view}
    if (view.status === 'FAILED') {
      if (NO_CHANGES.test(view.statusReason ?? '')) return {createsStack, empty: true, view}
      await discardChangeSet({createsStack, empty: false, view}, plan, clients)
      throw new UserError(
        `CloudFormation could not make the change set: ${view.statusReason ?? 'no reason given'}.`,
        'Fix what it names (a parameter, a permission of your credentials) and deploy again.',
      )
    }

    if (clock.now() - started > CHANGE_SET_MAX_MS) {
      throw new UserError(`The change set ${view.id} is still ${view.status} after 10 minutes.`, `Look at it in the console or with aws cloudformation describe-change-set --change-set-name ${view.id}.`)
    }

    await clock.sleep(CHANGE_SET_POLL_MS)
  }
}

/** Deletes a change set that will not run, and the empty stack a refused first one leaves. */
export async function discardChangeSet(outcome: ChangeSetOutcome, plan: Plan, clients: DeployClients): Promise<void> {
  await clients.cfn.deleteChangeSet(outcome.view.id)
  if (outcome.createsStack) await clients.cfn.deleteStack(outcome.view.stackId || plan.stackName)
}

const ACTION_MARK: Record<string, string> = {Add: '+', Dynamic: '?', Import: '>', Modify: '~', Remove: '-'}

/** One line a resource: + add, ~ modify, - remove; replacements said in words, they are what hurts. */
export function describeChanges(changes: ResourceChangeView[]): string[] {
  if (changes.length === 0) return ['  (no resource changes)']
  const order = ['Remove', 'Modify', 'Add']
  const sorted = [...changes].sort((a, b) => order.indexOf(a.action) - order.indexOf(b.action) || a.logicalId.localeCompare(b.logicalId))
  return sorted.map((c) => {
    const replace = c.replacement === 'True' ? '  REPLACED' : c.replacement === 'Conditional' ? '  may be replaced' : ''
    const scope = c.action === 'Modify' && c.scope.length > 0 ? ` (${[...new Set(c.scope)].join(', ')})` : ''
    return `  ${ACTION_MARK[c.action] ?? '?'} ${c.logicalId} ${c.type}${scope}${replace}`
  })
}

export function summarizeChanges(changes: ResourceChangeView[]): string {
  const n = (action: string) => changes.filter((c) => c.action === action).length
  const replaced = changes.filter((c) => c.replacement === 'True').length
  return `${n('Add')} to add, ${n('Modify')} to modify (${replaced} replaced), ${n('Remove')} to remove`
}
