import {DescribeServicesCommand, DescribeTasksCommand, type ECSClient, ListTasksCommand, type Task} from '@aws-sdk/client-ecs'

import type {ServiceStateFact, TaskFact} from '../../facts/live-types.js'
import type {EcsApi} from '../clients.js'
import {isNamed, isoOf} from './errors.js'

export function ecsApi(client: ECSClient): EcsApi {
  return {
    async describeService(cluster, service) {
      let out
      try {
        out = await client.send(new DescribeServicesCommand({cluster, services: [service]}))
      } catch (error) {
        if (isNamed(error, 'ClusterNotFoundException')) return undefined
        throw error
      }

      const s = out.services?.[0]
      if (!s || s.status === 'INACTIVE') return undefined
      const breaker = s.deploymentConfiguration?.deploymentCircuitBreaker
      const fact: ServiceStateFact = {
        arn: s.serviceArn,
        cluster,
        deployments: (s.deployments ?? []).map((d) => ({
          createdAt: isoOf(d.createdAt),
          desiredCount: d.desiredCount ?? 0,
          failedTasks: d.failedTasks,
          id: d.id ?? '?',
          pendingCount: d.pendingCount ?? 0,
          rolloutState: d.rolloutState,
          rolloutStateReason: d.rolloutStateReason,
          runningCount: d.runningCount ?? 0,
          status: d.status ?? '?',
          taskDefinition: d.taskDefinition ?? '?',
          updatedAt: isoOf(d.updatedAt),
        })),
        desiredCount: s.desiredCount ?? 0,
        events: (s.events ?? []).map((e) => ({createdAt: isoOf(e.createdAt) ?? '', id: e.id, message: e.message ?? ''})),
        healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds,
        loadBalancers: (s.loadBalancers ?? []).map((l) => ({containerName: l.containerName, containerPort: l.containerPort, targetGroupArn: l.targetGroupArn})),
        name: s.serviceName ?? service,
        pendingCount: s.pendingCount ?? 0,
        runningCount: s.runningCount ?? 0,
        status: s.status,
        taskDefinition: s.taskDefinition,
        ...(breaker ? {circuitBreaker: {enable: Boolean(breaker.enable), rollback: Boolean(breaker.rollback)}} : {}),
      }
      return fact
    },

    async stoppedTasks(cluster, service, seen) {
      const arns: string[] = []
      let token: string | undefined
      do {
        const out = await client.send(new ListTasksCommand({cluster, desiredStatus: 'STOPPED', nextToken: token, serviceName: service}))
        arns.push(...(out.taskArns ?? []).filter((arn) => !seen.has(arn)))
        token = out.nextToken
      } while (token)
      const tasks: TaskFact[] = []
      // DescribeTasks takes at most 100 tasks a call
      for (let i = 0; i < arns.length; i += 100) {
        const out = await client.send(new DescribeTasksCommand({cluster, tasks: arns.slice(i, i + 100)}))
        // a task whose stop is not decided yet (no reason) is left for the next poll; one still
        // deprovisioning with its reason known is taken now: the reason is what the watch needs
        tasks.push(...(out.tasks ?? []).filter((t) => t.lastStatus === 'STOPPED' || (t.stopCode && t.stoppedReason)).map(taskFact))
      }

      return tasks.sort((a, b) => (b.stoppedAt ?? '').localeCompare(a.stoppedAt ?? ''))
    },
  }
}

export function taskFact(t: Task): TaskFact {
  const arn = t.taskArn ?? '?'
  return {
    containers: (t.containers ?? []).map((c) => ({
      exitCode: c.exitCode,
      healthStatus: c.healthStatus,
      image: c.image,
      lastStatus: c.lastStatus,
      name: c.name ?? '?',
      reason: c.reason,
    })),
    createdAt: isoOf(t.createdAt),
    desiredStatus: t.desiredStatus,
    healthStatus: t.healthStatus,
    lastStatus: t.lastStatus,
    startedAt: isoOf(t.startedAt),
    startedBy: t.startedBy,
    stopCode: t.stopCode,
    stoppedAt: isoOf(t.stoppedAt),
    stoppedReason: t.stoppedReason,
    stoppingAt: isoOf(t.stoppingAt),
    taskArn: arn,
    taskDefinitionArn: t.taskDefinitionArn ?? '?',
    taskId: arn.split('/').pop() ?? arn,
  }
}
