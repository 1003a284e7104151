import {classifyStop, type StopClassification} from '../catalogue/stop-reasons.js'
import type {ServiceStateFact, TaskFact} from '../facts/live-types.js'
import type {TaskDefinition} from '../facts/types.js'
import {deploymentLabel, findDeployment, timeOf} from './lib/deployments.js'
import {sizeEvidence, sizeFix} from './lib/task-size.js'
import {stopSubject} from './lib/stop-subject.js'
import {defineCheck, type FindingInput} from './types.js'

interface Group {
  cls: StopClassification
  tasks: TaskFact[]
  deployments: Set<string>
  /** newest createdAt of the deployments its tasks came from (0 when unknown) */
  deployedAt: number
  lastStop: number
}

function groupKey(c: StopClassification): string {
  return [c.id, c.title, c.container ?? '', c.exitCode ?? ''].join('|')
}

/** What the task definition says about a cause: the `secrets` entry that reads a missing key. */
function taskDefinitionHints(cls: StopClassification, td: TaskDefinition | undefined): string[] {
  if (!td) return []
  if (cls.id === 'secret-json-key-missing') {
    const key = cls.details?.key
    return td.containers.flatMap((c) =>
      c.secrets.filter((s) => key && s.valueFrom.endsWith(`:${key}::`)).map((s) => `container ${c.name}: secrets entry ${s.name} reads key ${key} of ${s.valueFrom.slice(0, -(key?.length ?? 0) - 3)}`),
    )
  }

  if (cls.id === 'log-group-missing') {
    return td.containers.flatMap((c) => (c.logConfiguration?.options['awslogs-group'] ? [`container ${c.name} logs to group ${c.logConfiguration.options['awslogs-group']}`] : []))
  }

  return []
}

/** How many tasks stopped this way, and from when to when (tasks come newest stop first). */
function countLine(tasks: TaskFact[]): string {
  const times = tasks.map((t) => t.stoppedAt).filter((t): t is string => t !== undefined).sort()
  const count = `${tasks.length} task${tasks.length === 1 ? '' : 's'} stopped this way`
  const when = times.length === 0 ? '' : times.length === 1 || times[0] === times.at(-1) ? ` at ${times[0]}` : `, first at ${times[0]}, last at ${times.at(-1)}`
  return `${count}${when}: ${tasks.map((t) => t.taskId).join(', ')}`
}

function toFinding(group: Group, service: ServiceStateFact | undefined, td: TaskDefinition | undefined): FindingInput {
  const {cls, tasks} = group
  const latest = tasks[0] as TaskFact
  const count = tasks.length
  const deployments = [...group.deployments].map((id) => deploymentLabel(id || undefined, service, tasks.find((t) => (t.startedBy ?? '') === id)?.taskDefinitionArn))
  const oom = cls.id === 'out-of-memory'
  return {
    detail: `${cls.cause} Seen in ${deployments.join(' and ')}.`,
    evidence: [countLine(tasks), ...cls.evidence, ...taskDefinitionHints(cls, td), ...(oom && td ? sizeEvidence(td, cls.container) : [])],
    fix: oom && td ? `${sizeFix(td, cls.container) ?? ''}${cls.fix}`.trim() : cls.fix,
    impact: cls.impact,
    severity: cls.failure ? 'error' : 'info',
    subject: stopSubject(cls),
    tasks: tasks.map((t) => t.taskId),
    title: `${cls.title}${count > 1 ? ` (${count} tasks)` : ''}`,
  }
}

export default defineCheck({
  description:
    "Explains each stopped task of the service from ECS's stop code, stoppedReason and container exit codes, using the catalogue of known stop reasons (docs/catalogue.md): a cause in plain words and a fix. Identical causes are grouped; failures of the newest deployment come first; stops that are part of normal operation (scale-in, a deployment replacing tasks) are reported only when nothing failed.",
  id: 'stopped-task-causes',
  needs: ['tasks'],
  run({serviceState, taskDefinition, tasks}) {
    const groups = new Map<string, Group>()
    for (const task of tasks.stopped) {
      const cls = classifyStop(task)
      const key = groupKey(cls)
      const group = groups.get(key) ?? {cls, deployedAt: 0, deployments: new Set<string>(), lastStop: 0, tasks: []}
      group.tasks.push(task)
      group.deployments.add(task.startedBy ?? '')
      group.deployedAt = Math.max(group.deployedAt, timeOf(findDeployment(serviceState, task.startedBy)?.createdAt))
      group.lastStop = Math.max(group.lastStop, timeOf(task.stoppedAt))
      groups.set(key, group)
    }

    const all = [...groups.values()]
    const failures = all.filter((g) => g.cls.failure)
    // The newest deployment's failures first: they are what the last deploy ran into.
    const ranked = (failures.length > 0 ? failures : all).sort((a, b) => b.deployedAt - a.deployedAt || b.lastStop - a.lastStop)
    return ranked.map((g) => toFinding(g, serviceState, taskDefinition))
  },
  title: 'Stopped tasks and why they stopped',
  uses: ['serviceState', 'taskDefinition'],
})
