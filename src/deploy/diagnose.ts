import {classifyStop, type StopClassification} from '../catalogue/stop-reasons.js'
import {runChecks} from '../checks/engine.js'
import type {AnyCheck, Finding} from '../checks/types.js'
import {Facts, type FactSource, known} from '../facts/facts.js'
import type {LogStreamFact, StackEventFact, TaskFact} from '../facts/live-types.js'
import type {Profile} from '../profile/types.js'
import {diagnose as diagnoseFindings} from '../diagnosis/diagnose.js'
import type {DeployClients} from './clients.js'
import type {Plan} from './plan.js'
import {plannedSources} from './planned-facts.js'
import type {Outcome} from './watch-state.js'

export interface Diagnosis {
  headline: string
  detail?: string
  stop?: StopClassification
  rootEvent?: StackEventFact
  logs?: LogStreamFact
  /** the doctor's error findings on the failed deployment's facts, most likely cause first */
  findings: Finding[]
  lookAgain: string[]
}

export type Failed = Extract<Outcome, {kind: 'failed'}>

const LOG_LINES = 20

/** Why the rollout failed: the stopped task's classified cause and last log lines, then the doctor. */
export async function diagnose(outcome: Failed, plan: Plan, clients: DeployClients, profile: Profile, checks: AnyCheck[], preflightErrors: Finding[] = []): Promise<Diagnosis> {
  const task = outcome.task
  const stop = outcome.reason === 'task-stopped' ? outcome.stop : task ? classifyStop(task) : undefined
  const logs = task ? await lastLogLines(task, plan, clients, profile, stop) : undefined
  const findings = [...(await doctorOnFailure(plan, profile, checks, task, logs)), ...preflightErrors]
  const lookAgain = [`bwops doctor --stack-name ${plan.stackName}`, `aws logs tail ${plan.parameters.LogGroupName ?? profile.names.logGroup} --since 1h`]
  const base = {findings, lookAgain, ...(stop ? {stop} : {}), ...(logs ? {logs} : {})}
  switch (outcome.reason) {
    case 'task-stopped': {
      return {...base, headline: `A task of the new deployment stopped: ${outcome.stop.title}`}
    }

    case 'circuit-breaker': {
      return {...base, detail: outcome.deployment.rolloutStateReason, headline: `The deployment circuit breaker stopped the rollout of ${outcome.deployment.id}`}
    }

    case 'stack-rollback': {
      const root = outcome.rootEvent
      const where = root ? `${root.logicalResourceId} (${root.resourceType}) ${root.resourceStatus}: ${root.resourceStatusReason ?? 'no reason given'}` : outcome.statusReason
      return {...base, ...(root ? {rootEvent: root} : {}), ...(where ? {detail: where} : {}), headline: `The stack is rolling back (${outcome.stackStatus})`}
    }
  }
}

async function lastLogLines(task: TaskFact, plan: Plan, clients: DeployClients, profile: Profile, stop?: StopClassification): Promise<LogStreamFact> {
  const container = stop?.container ?? profile.names.container
  const group = plan.parameters.LogGroupName ?? profile.names.logGroup
  const stream = `${profile.names.logStreamPrefix}/${container}/${task.taskId}`
  const read = await clients.logs.lastLines(group, stream, LOG_LINES)
  // the app may log the client secret this deploy stored, in no shape redaction knows: mask the value
  const secret = plan.secretWrite?.value.reveal().trim() ?? ''
  const lines = secret.length < 4 ? read.lines : read.lines.map((l) => ({...l, message: l.message.split(secret).join('***')}))
  return {container, group, stream, taskId: task.taskId, ...read, lines}
}

// Facts only the failure shows. Checks that judge just the planned template already ran in
// preflight (their errors are passed in, when --force went past them), so only checks that read
// one of these run again: that keeps the diagnosis to milliseconds after the stop is seen.
const LIVE_FACTS = new Set<string>(['tasks', 'containerLogs', 'serviceState', 'stack', 'targetHealth', 'secretAccess', 'quiltStack'])

/** The doctor's checks on what the failure showed, beside the planned template's facts. */
async function doctorOnFailure(plan: Plan, profile: Profile, all: AnyCheck[], task?: TaskFact, logs?: LogStreamFact): Promise<Finding[]> {
  const checks = all.filter((c) => [...c.needs, ...(c.uses ?? [])].some((name) => LIVE_FACTS.has(name)))
  const live: FactSource = {
    describe: 'the failed deployment',
    loaders: {
      ...(task ? {tasks: async () => known({running: [], stopped: [task]}, 'the failed deployment')} : {}),
      ...(logs ? {containerLogs: async () => known({streams: [logs]}, 'the failed deployment')} : {}),
    },
  }
  const sources = plannedSources({account: plan.account, mode: plan.mode.mode, parameters: plan.parameters, region: plan.region, template: plan.template}, profile, [live])
  const results = await runChecks(checks, new Facts(sources), profile)
  // the diagnosis puts the cause first and raises what the failure confirms
  return diagnoseFindings(results).findings.filter((f) => f.severity === 'error')
}
