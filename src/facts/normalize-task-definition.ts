import {UserError} from '../errors.js'
import {hasDeployTimeValue} from './deploy-time.js'
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

/** A template's value known only at deploy time (a token string): read as not known, never as wrong. */
const waits = (value: unknown) => typeof value === 'string' && hasDeployTimeValue(value)

const AS_ECS = 'as `aws ecs register-task-definition` takes it'

/** The key as the input spells it (environment or Environment), for messages. */
function written(obj: Json, key: string): string {
  return key in obj ? key : key[0]!.toUpperCase() + key.slice(1)
}

/** A list field; absent is empty; any other shape is refused, since reading it as empty would hide it. */
function list(obj: Json, key: string, origin: string, example: string): unknown[] {
  const value = field(obj, key)
  if (value === undefined || value === null || waits(value)) return []
  if (!Array.isArray(value)) throw new UserError(`${origin}: "${written(obj, key)}" is ${describeJson(value)}, not a list.`, `Write it as a list, ${AS_ECS}: "${written(obj, key)}": ${example}.`)
  return value.filter((entry) => !waits(entry))
}

function strings(obj: Json, key: string, origin: string): string[] | undefined {
  const value = field(obj, key)
  if (value === undefined || value === null || waits(value)) return undefined
  if (!Array.isArray(value)) throw new UserError(`${origin}: "${written(obj, key)}" is ${describeJson(value)}, not a list of strings.`, `Write it as a list, ${AS_ECS}: "${written(obj, key)}": ["python", "-m", "app"].`)
  return value.map(String)
}

/** name/value (or name/valueFrom) entries, each an object with a text name and a scalar value. */
function pairs(obj: Json, key: string, origin: string, valueKey: string, valueRequired: boolean): {name: string; value: string}[] {
  const example = `[{"name": "X", "${valueKey}": "..."}]`
  return list(obj, key, origin, example).map((entry, i) => {
    const at = `${origin}: ${written(obj, key)} entry #${i + 1}`
    if (!isObject(entry)) throw new UserError(`${at} is ${describeJson(entry)}, not {"name", "${valueKey}"}.`, `Write each entry ${AS_ECS}: ${example.slice(1, -1)}.`)
    const name = str(entry, 'name')
    if (!name) throw new UserError(`${at} has no "name".`, `Give it the variable's name, ${AS_ECS}.`)
    const raw = field(entry, valueKey)
    // a template writes ValueFrom where a task definition writes valueFrom: name it as this input does
    const shown = 'Name' in entry ? valueKey[0]!.toUpperCase() + valueKey.slice(1) : valueKey
    if ((raw === undefined && valueRequired) || (raw !== undefined && raw !== null && typeof raw === 'object')) {
      throw new UserError(`${at} (${name}) has ${raw === undefined ? `no "${shown}"` : `a "${shown}" that is ${describeJson(raw)}, not text`}.`, `Give ${name} a text "${shown}", ${AS_ECS}.`)
    }

    return {name, value: str(entry, valueKey) ?? ''}
  })
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
    requiresCompatibilities: strings(td, 'requiresCompatibilities', origin),
    revision: num(td, 'revision'),
    taskDefinitionArn: str(td, 'taskDefinitionArn'),
    taskRoleArn: str(td, 'taskRoleArn'),
  }
}

function normalizeContainer(input: unknown, origin: string): ContainerDefinition {
  if (!isObject(input)) throw new UserError(`${origin} is not an object.`, 'Each entry of containerDefinitions must be a JSON object.')
  const logConfiguration = field(input, 'logConfiguration')
  const options = isObject(logConfiguration) ? field(logConfiguration, 'options') : undefined
  if (options !== undefined && options !== null && !isObject(options) && !waits(options)) {
    throw new UserError(`${origin}: logConfiguration "options" is ${describeJson(options)}, not an object.`, `Write it ${AS_ECS}: "options": {"awslogs-group": "...", "awslogs-region": "..."}.`)
  }

  const named = str(input, 'name')
  const at = named ? `${origin} (${named})` : origin
  return {
    command: strings(input, 'command', at),
    entryPoint: strings(input, 'entryPoint', at),
    environment: pairs(input, 'environment', at, 'value', false),
    essential: typeof field(input, 'essential') === 'boolean' ? (field(input, 'essential') as boolean) : undefined,
    healthCheck: normalizeHealthCheck(field(input, 'healthCheck'), at),
    image: str(input, 'image'),
    logConfiguration: isObject(logConfiguration)
      ? {
          logDriver: str(logConfiguration, 'logDriver') ?? '',
          options: isObject(options) ? Object.fromEntries(Object.entries(options).map(([k, v]) => [k, String(v)])) : {},
        }
      : undefined,
    memory: num(input, 'memory'),
    memoryReservation: num(input, 'memoryReservation'),
    name: named ?? '',
    portMappings: list(input, 'portMappings', at, '[{"containerPort": 5000}]')
      .filter(isObject)
      .map((p) => ({containerPort: num(p, 'containerPort'), hostPort: num(p, 'hostPort'), protocol: str(p, 'protocol')})),
    secrets: pairs(input, 'secrets', at, 'valueFrom', true).map(({name, value}) => ({name, valueFrom: value})),
    user: str(input, 'user'),
  }
}

function normalizeHealthCheck(input: unknown, origin: string): ContainerHealthCheck | undefined {
  if (!isObject(input)) return undefined
  return {
    command: strings(input, 'command', `${origin}: healthCheck`) ?? [],
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
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}
