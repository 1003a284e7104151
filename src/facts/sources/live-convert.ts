import type {Stack, StackEvent} from '@aws-sdk/client-cloudformation'
import type {Service, Task} from '@aws-sdk/client-ecs'
import type {TargetGroup, TargetHealthDescription} from '@aws-sdk/client-elastic-load-balancing-v2'

import {redactText} from '../../catalogue/redact.js'
import type {QuiltStackFact, ServiceStateFact, StackEventFact, StackFact, TargetHealthFact, TaskFact} from '../live-types.js'
import type {ServiceFact, TargetGroupFact} from '../types.js'

// AWS's answers turned into fact shapes: times as ISO strings, free text (events, reasons) redacted,
// so a live run and a bundle recorded from it hold the same text.

const iso = (d: Date | undefined) => (d ? d.toISOString() : undefined)
const redact = (text: string | undefined) => (text === undefined ? undefined : redactText(text))

/** Drops undefined fields, so a fact and its JSON recording compare equal. */
function defined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T
}

export function serviceStateFrom(s: Service, cluster: string): ServiceStateFact {
  const breaker = s.deploymentConfiguration?.deploymentCircuitBreaker
  const alarms = s.deploymentConfiguration?.alarms
  return defined<ServiceStateFact>({
    alarms: alarms ? {enable: alarms.enable ?? false, names: alarms.alarmNames ?? [], rollback: alarms.rollback ?? false} : undefined,
    arn: s.serviceArn,
    circuitBreaker: breaker ? {enable: breaker.enable ?? false, rollback: breaker.rollback ?? false} : undefined,
    cluster: s.clusterArn?.split('/').pop() ?? cluster,
    deployments: (s.deployments ?? []).map((d) =>
      defined({
        createdAt: iso(d.createdAt),
        desiredCount: d.desiredCount ?? 0,
        failedTasks: d.failedTasks,
        id: d.id ?? '',
        pendingCount: d.pendingCount ?? 0,
        rolloutState: d.rolloutState,
        rolloutStateReason: redact(d.rolloutStateReason),
        runningCount: d.runningCount ?? 0,
        status: d.status ?? '',
        taskDefinition: d.taskDefinition ?? '',
        updatedAt: iso(d.updatedAt),
      }),
    ),
    desiredCount: s.desiredCount ?? 0,
    events: (s.events ?? []).map((e) => defined({createdAt: iso(e.createdAt) ?? '', id: e.id, message: redactText(e.message ?? '')})),
    healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds,
    loadBalancers: (s.loadBalancers ?? []).map((lb) =>
      defined({containerName: lb.containerName, containerPort: lb.containerPort, targetGroupArn: lb.targetGroupArn}),
    ),
    name: s.serviceName ?? '',
    pendingCount: s.pendingCount ?? 0,
    runningCount: s.runningCount ?? 0,
    status: s.status,
    taskDefinition: s.taskDefinition,
  })
}

export function serviceFactFrom(state: ServiceStateFact): ServiceFact {
  return defined<ServiceFact>({
    circuitBreaker: state.circuitBreaker,
    cluster: state.cluster,
    desiredCount: state.desiredCount,
    hasLoadBalancer: state.loadBalancers.length > 0,
    healthCheckGracePeriodSeconds: state.healthCheckGracePeriodSeconds,
    name: state.name,
  })
}

export function taskFrom(t: Task): TaskFact {
  const taskArn = t.taskArn ?? ''
  return defined<TaskFact>({
    containers: (t.containers ?? []).map((c) =>
      defined({
        exitCode: c.exitCode,
        healthStatus: c.healthStatus,
        image: c.image,
        lastStatus: c.lastStatus,
        name: c.name ?? '',
        reason: redact(c.reason),
      }),
    ),
    createdAt: iso(t.createdAt),
    desiredStatus: t.desiredStatus,
    healthStatus: t.healthStatus,
    lastStatus: t.lastStatus,
    startedAt: iso(t.startedAt),
    startedBy: t.startedBy,
    stopCode: t.stopCode,
    stoppedAt: iso(t.stoppedAt),
    stoppedReason: redact(t.stoppedReason),
    stoppingAt: iso(t.stoppingAt),
    taskArn,
    taskDefinitionArn: t.taskDefinitionArn ?? '',
    taskId: taskArn.split('/').pop() ?? taskArn,
  })
}

// outputs and parameters that are not NoEcho come back in clear: a URL with a password, a token
const record = (pairs: {key?: string; value?: string}[]) =>
  Object.fromEntries(pairs.filter((p) => p.key !== undefined).map((p) => [p.key, redactText(p.value ?? '')]))

export function stackFrom(s: Stack, events: StackEvent[]): StackFact {
  return defined<StackFact>({
    events: events.map((e) =>
      defined<StackEventFact>({
        logicalResourceId: e.LogicalResourceId ?? '',
        physicalResourceId: e.PhysicalResourceId,
        resourceStatus: e.ResourceStatus ?? '',
        resourceStatusReason: redact(e.ResourceStatusReason),
        resourceType: e.ResourceType ?? '',
        timestamp: iso(e.Timestamp) ?? '',
      }),
    ),
    id: s.StackId,
    name: s.StackName ?? '',
    outputs: record((s.Outputs ?? []).map((o) => ({key: o.OutputKey, value: o.OutputValue}))),
    parameters: record((s.Parameters ?? []).map((p) => ({key: p.ParameterKey, value: p.ParameterValue}))),
    status: s.StackStatus ?? '',
    statusReason: redact(s.StackStatusReason),
  })
}

export function quiltStackFrom(s: Stack, arn: string): QuiltStackFact {
  return defined<QuiltStackFact>({
    arn: s.StackId ?? arn,
    name: s.StackName ?? '',
    outputs: record((s.Outputs ?? []).map((o) => ({key: o.OutputKey, value: o.OutputValue}))),
    status: s.StackStatus,
  })
}

export function targetGroupFrom(tg: TargetGroup): TargetGroupFact {
  return defined<TargetGroupFact>({
    healthCheckIntervalSeconds: tg.HealthCheckIntervalSeconds,
    healthCheckPath: tg.HealthCheckPath,
    healthCheckPort: tg.HealthCheckPort,
    healthCheckProtocol: tg.HealthCheckProtocol,
    healthCheckTimeoutSeconds: tg.HealthCheckTimeoutSeconds,
    healthyThresholdCount: tg.HealthyThresholdCount,
    matcher: tg.Matcher?.HttpCode ?? tg.Matcher?.GrpcCode,
    name: tg.TargetGroupName,
    port: tg.Port,
    protocol: tg.Protocol,
    unhealthyThresholdCount: tg.UnhealthyThresholdCount,
  })
}

export function targetHealthFrom(arn: string, descriptions: TargetHealthDescription[]): TargetHealthFact {
  return {
    targetGroupArn: arn,
    targets: descriptions.map((d) =>
      defined({
        description: d.TargetHealth?.Description,
        id: d.Target?.Id ?? '',
        port: d.Target?.Port,
        reason: d.TargetHealth?.Reason,
        state: d.TargetHealth?.State ?? 'unknown',
      }),
    ),
  }
}
