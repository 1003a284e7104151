import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {FACT_SHAPES, factShapeProblem} from '../../src/facts/sources/bundle-shapes.js'
import {example} from '../helpers.js'

const container = {environment: [{name: 'A', value: 'b'}], name: 'c', portMappings: [{containerPort: 5000}], secrets: [{name: 'S', valueFrom: 'arn:x'}]}
const task = {containers: [{name: 'c'}], taskArn: 'arn:t', taskDefinitionArn: 'arn:td', taskId: 't'}
const counts = {desiredCount: 1, pendingCount: 0, runningCount: 1}

describe('bundle fact shapes', () => {
  it.each([
    ['taskDefinition', {containers: [container], family: 'f'}],
    ['taskDefinition', {containers: [{...container, healthCheck: {command: ['CMD', 'true']}, logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': 'g'}}}]}],
    ['benchlingSecret', {content: {keys: {client_id: {empty: false, length: 4, padded: false, type: 'string'}}, kind: 'json-object'}}],
    ['benchlingSecret', {content: {jsonType: 'array', kind: 'json-other'}}],
    ['mode', {inferred: true, value: 'legacy', why: 'x'}],
    ['roles', {task: {inlinePolicies: [{document: {Statement: []}, name: 'p'}], kind: 'task', managedPolicies: []}}],
    ['roles', {}],
    ['logGroup', {name: '/ecs/x', presence: 'missing'}],
    ['tasks', {running: [], stopped: [task]}],
    ['serviceState', {...counts, cluster: 'c', deployments: [{...counts, id: 'd', status: 'PRIMARY', taskDefinition: 'td'}], events: [{createdAt: 't', message: 'm'}], loadBalancers: [], name: 's'}],
    ['containerLogs', {streams: [{container: 'c', group: 'g', lines: [{message: 'm'}], stream: 's', taskId: 't'}]}],
    ['stack', {events: [], name: 'S', outputs: {A: 'b'}, parameters: {}, status: 'UPDATE_COMPLETE'}],
    ['secretAccess', {id: 's', status: 'readable'}],
    ['targetHealth', {targetGroupArn: 'arn', targets: [{id: 'i', state: 'healthy'}]}],
    ['a-plugin-fact', 'anything at all'],
  ])('accepts a well-shaped %s', (name, value) => {
    expect(factShapeProblem(name, value)).toBeUndefined()
  })

  it.each([
    ['taskDefinition', {}, 'taskDefinition has no "containers"'],
    ['taskDefinition', {containers: []}, 'taskDefinition.containers is an empty list; it needs at least 1'],
    ['taskDefinition', {containers: 'x'}, 'taskDefinition.containers is a string, not a list'],
    ['taskDefinition', {containers: [{...container, environment: {A: 'b'}}]}, 'taskDefinition.containers[0].environment is an object, not a list'],
    ['taskDefinition', {containers: [{...container, secrets: [{name: 1, valueFrom: 'x'}]}]}, 'taskDefinition.containers[0].secrets[0].name is a number, not a string'],
    ['taskDefinition', {containers: [{...container, command: 'python app.py'}]}, 'taskDefinition.containers[0].command is a string, not a list'],
    ['taskDefinition', {containers: [{...container, logConfiguration: {logDriver: 'awslogs', options: [1]}}]}, 'taskDefinition.containers[0].logConfiguration.options is a list, not an object'],
    ['benchlingSecret', {content: 7}, 'benchlingSecret.content is a number, not an object'],
    ['benchlingSecret', {content: {kind: 'json-object'}}, 'benchlingSecret.content has no "keys"'],
    ['benchlingSecret', {content: {kind: 'plaintext'}}, 'benchlingSecret.content.kind is "plaintext", not one of json-object, json-other, not-json, binary'],
    ['mode', {inferred: false, value: 'sideways', why: 'x'}, 'mode.value is "sideways", not one of legacy, secrets-only'],
    ['mode', {inferred: false, value: 'has spaces: s3cr3t!', why: 'x'}, 'mode.value is a string, not one of legacy, secrets-only'],
    ['roles', {task: 'x'}, 'roles.task is a string, not an object'],
    ['tasks', {running: [], stopped: 5}, 'tasks.stopped is a number, not a list'],
    ['tasks', {running: [], stopped: [{...task, containers: null}]}, 'tasks.stopped[0].containers is null, not a list'],
    ['serviceState', {...counts, cluster: 'c', deployments: [], events: null, loadBalancers: [], name: 's'}, 'serviceState.events is null, not a list'],
    ['containerLogs', {streams: [{container: 'c', lines: 5, taskId: 't'}]}, 'containerLogs.streams[0].lines is a number, not a list'],
    ['stack', {events: [], name: 'S', outputs: {A: 1}, parameters: {}, status: 'X'}, 'stack.outputs.A is a number, not a string'],
    ['secretAccess', {}, 'secretAccess has no "id"'],
    ['logGroup', [], 'logGroup is a list, not an object'],
  ])('refuses %s shaped %j', (name, value, problem) => {
    expect(factShapeProblem(name, value)).toBe(problem)
  })

  it.each(['legacy-missing-app-definition-id', 'sound-secrets-only', 'wrong-health-check-port'])('the example bundle %s fits', (name) => {
    const bundle = JSON.parse(readFileSync(example(`${name}.bundle.json`), 'utf8')) as {facts: Record<string, {value?: unknown}>}
    for (const [fact, recorded] of Object.entries(bundle.facts)) if (recorded.value !== undefined) expect(factShapeProblem(fact, recorded.value)).toBeUndefined()
  })

  it('knows every fact docs/bundle.md lists', () => {
    const documented = readFileSync(new URL('../../docs/bundle.md', import.meta.url), 'utf8')
    for (const name of Object.keys(FACT_SHAPES)) expect(documented).toContain(`\`${name}\``)
  })
})
