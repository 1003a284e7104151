import {UserError} from '../errors.js'
import type {ContainerDefinition, ContainerHealthCheck, TaskDefinition} from './types.js'

// Reads a task definition in any of the shapes people have at hand: `aws ecs
// describe-task-definition` output (with or without its `taskDefinition` wrapper), a
// register-task-definition input, or a CloudFormation AWS::ECS::TaskDefinition's Properties
// (PascalCase). Key case is folded on the first letter so one reader serves all three.

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Reads `key` as written in the API (camelCase) or in CloudFormation (PascalCase). */
function field(obj: Json, key: string): unknown {
  if (key in obj) return obj[key]
  const pascal = key[0]!.toUpperCase() + key.slice(1)
  return obj[pascal]
}

function str(obj: Json, key: string): string | undefined {
  const value = field(obj, key)
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
}

function num(obj: Json, key: string): number | undefined {
  const value = field(obj, key)
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return undefined
}

function list(obj: Json, key: string): unknown[] {
  const value = field(obj, key)
  return Array.isArray(value) ? value : []
}

function strings(obj: Json, key: string): string[] | undefined {
  const value = field(obj, key)
  return Array.isArray(value) ? value.map(String) : undefined
}

export function normalizeTaskDefinition(input: unknown, origin: string): TaskDefinition {
  if (!isObject(input)) {
    throw new UserError(`${origin} is not a task definition: expected a JSON object, found ${describeJson(input)}.`, 'Give the output of `aws ecs describe-task-definition` or a register-task-definition input.')
  }

  const td = isObject(input.taskDefinition) ? input.taskDefinition : input
  const rawContainers = field(td, 'containerDefinitions')
  if (!Array.isArray(rawContainers)) {
    throw new UserError(`${origin} has no containerDefinitions: it is not a task definition.`, 'Give the output of `aws ecs describe-task-definition` or a register-task-definition input.')
  }

  if (rawContainers.length === 0) {
    throw new UserError(`${origin} has an empty containerDefinitions list: a task definition needs at least one container.`, 'Add the webhook container to containerDefinitions.')
  }

  return {
    containers: rawContainers.map((c, i) => normalizeContainer(c, `${origin} container #${i + 1}`)),
    cpu: str(td, 'cpu'),
    executionRoleArn: str(td, 'executionRoleArn'),
    family: str(td, 'family'),
    memory: str(td, 'memory'),
    networkMode: str(td, 'networkMode'),
    requiresCompatibilities: strings(td, 'requiresCompatibilities'),
    revision: num(td, 'revision'),
    taskDefinitionArn: str(td, 'taskDefinitionArn'),
    taskRoleArn: str(td, 'taskRoleArn'),
  }
}

function normalizeContainer(input: unknown, origin: string): ContainerDefinition {
  if (!isObject(input)) throw new UserError(`${origin} is not an object.`, 'Each entry of containerDefinitions must be a JSON object.')
  const pairs = (key: string, a: string, b: string) =>
    list(input, key)
      .filter(isObject)
      .map((e) => ({[a]: str(e, a) ?? '', [b]: str(e, b) ?? ''}))
  const logConfiguration = field(input, 'logConfiguration')
  const options = isObject(logConfiguration) ? field(logConfiguration, 'options') : undefined
  return {
    command: strings(input, 'command'),
    entryPoint: strings(input, 'entryPoint'),
    environment: pairs('environment', 'name', 'value') as unknown as ContainerDefinition['environment'],
    essential: typeof field(input, 'essential') === 'boolean' ? (field(input, 'essential') as boolean) : undefined,
    healthCheck: normalizeHealthCheck(field(input, 'healthCheck')),
    image: str(input, 'image'),
    logConfiguration: isObject(logConfiguration)
      ? {
          logDriver: str(logConfiguration, 'logDriver') ?? '',
          options: isObject(options) ? Object.fromEntries(Object.entries(options).map(([k, v]) => [k, String(v)])) : {},
        }
      : undefined,
    memory: num(input, 'memory'),
    memoryReservation: num(input, 'memoryReservation'),
    name: str(input, 'name') ?? '',
    portMappings: list(input, 'portMappings')
      .filter(isObject)
      .map((p) => ({containerPort: num(p, 'containerPort'), hostPort: num(p, 'hostPort'), protocol: str(p, 'protocol')})),
    secrets: pairs('secrets', 'name', 'valueFrom') as unknown as ContainerDefinition['secrets'],
    user: str(input, 'user'),
  }
}

function normalizeHealthCheck(input: unknown): ContainerHealthCheck | undefined {
  if (!isObject(input)) return undefined
  return {
    command: strings(input, 'command') ?? [],
    interval: num(input, 'interval'),
    retries: num(input, 'retries'),
    startPeriod: num(input, 'startPeriod'),
    timeout: num(input, 'timeout'),
  }
}

export function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'an array'
  if (value === null) return 'null'
  if (typeof value === 'string') return 'a string'
  return `a ${typeof value}`
}
