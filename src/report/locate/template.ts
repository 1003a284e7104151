import type {Profile} from '../../profile/types.js'
import {containersOf, lineInTaskDefinition} from './task-definition.js'
import {child, entry, type SourceNode, textOf} from './tree.js'

// Where in a CloudFormation template a finding's subject is written: a role, log group or target
// group is its own resource; what the container says is in the task definition's Properties.

interface Resource {
  id: string
  keyLine: number
  node: SourceNode
}

function resources(template: SourceNode | undefined): Resource[] {
  const list = child(template, 'Resources')?.entries ?? new Map()
  return [...list].map(([id, {keyLine, value}]) => ({id, keyLine, node: value}))
}

const ofType = (all: Resource[], type: string) => all.filter((r) => textOf(r.node, 'Type') === type)

/** The resource a property points at: `{Ref: X}`, `{Fn::GetAtt: [X, Arn]}` or `!GetAtt X.Arn`. */
function referenced(all: Resource[], value: SourceNode | undefined): Resource | undefined {
  const ref = textOf(value, 'Ref') ?? child(value, 'Fn::GetAtt')?.items?.[0]?.text ?? textOf(value, 'Fn::GetAtt')?.split('.')[0] ?? value?.text
  return ref === undefined ? undefined : all.find((r) => r.id === ref)
}

export function lineInTemplate(template: SourceNode | undefined, finding: {subject?: string; title: string}, profile: Profile): number | undefined {
  const all = resources(template)
  const taskDefinitions = ofType(all, 'AWS::ECS::TaskDefinition')
  const td = taskDefinitions.find((r) => containersOf(child(r.node, 'Properties')).some((c) => c.name === profile.names.container)) ?? taskDefinitions[0]
  const properties = child(td?.node, 'Properties')
  const [kind, value = ''] = (finding.subject ?? '').split(/:(.*)/s)
  if (kind === 'role') {
    const property = entry(properties, value === 'execution' ? 'ExecutionRoleArn' : 'TaskRoleArn')
    const role = referenced(all, property?.value)
    if (role ?? property) return role?.keyLine ?? property!.keyLine
  }

  if (kind === 'log-group') {
    const group = ofType(all, 'AWS::Logs::LogGroup')[0]
    if (group) return group.keyLine
  }

  if (kind === 'health-check' && !properties) return ofType(all, 'AWS::ElasticLoadBalancingV2::TargetGroup')[0]?.keyLine
  if (kind === 'quilt-stack') {
    const parameter = entry(child(template, 'Parameters'), 'QuiltStackARN')
    if (parameter) return parameter.keyLine
  }

  return (properties ? lineInTaskDefinition(properties, finding, profile) : undefined) ?? td?.keyLine
}
