import {Facts, type FactResult} from '../../../src/facts/facts.js'
import {Resolver, type ResolveOptions} from '../../../src/facts/cfn/resolve.js'
import {parseTemplate} from '../../../src/facts/cfn/template.js'
import {templateFactSource} from '../../../src/facts/sources/template.js'
import type {FactMap, FactName} from '../../../src/facts/types.js'
import {benchlingWebhookProfile} from '../../../src/profile/benchling-webhook.js'

export const profile = benchlingWebhookProfile

export function resolver(template: Record<string, unknown>, options: ResolveOptions = {}): Resolver {
  return new Resolver(parseTemplate({Resources: {}, ...template}, 'test template'), options)
}

export async function factOf<K extends FactName>(template: unknown, name: K, parameters?: Record<string, string>): Promise<FactResult<FactMap[K]>> {
  return new Facts([templateFactSource(template, 'template t.json', profile, {parameters})]).get(name)
}

export async function valueOf<K extends FactName>(template: unknown, name: K, parameters?: Record<string, string>): Promise<FactMap[K]> {
  const result = await factOf(template, name, parameters)
  if (!result.ok) throw new Error(`expected ${name} to be known, got: ${result.reason}`)
  return result.value
}

/** A task definition resource with one container, the profile's, plus what the test adds. */
export function taskDefinition(container: Record<string, unknown> = {}, props: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Properties: {ContainerDefinitions: [{Image: 'img', Name: profile.names.container, ...container}], Family: 'benchling-webhook-task', ...props},
    Type: 'AWS::ECS::TaskDefinition',
  }
}

export const trust = {Statement: [{Action: 'sts:AssumeRole', Effect: 'Allow', Principal: {Service: 'ecs-tasks.amazonaws.com'}}], Version: '2012-10-17'}
