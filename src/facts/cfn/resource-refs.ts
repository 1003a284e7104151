import {deployTimeToken} from '../deploy-time.js'
import type {CfnResource} from './template.js'

// What Ref and Fn::GetAtt return for a resource of the same template. Where the template gives
// the resource an explicit name, the name (and an ARN built from it, with region and account as
// they resolve) is known before deploy; otherwise CloudFormation generates it and it is a token.

export interface ArnParts {
  partition: string
  region: string
  account: string
}

interface Rule {
  /** the property holding the resource's physical name */
  nameProp: string
  /** what Ref returns */
  ref: 'name' | 'arn' | 'url'
  arn(name: string, p: ArnParts, path: string): string
}

const RULES: Record<string, Rule> = {
  'AWS::ECR::Repository': {arn: (n, p) => `arn:${p.partition}:ecr:${p.region}:${p.account}:repository/${n}`, nameProp: 'RepositoryName', ref: 'name'},
  'AWS::ECS::Cluster': {arn: (n, p) => `arn:${p.partition}:ecs:${p.region}:${p.account}:cluster/${n}`, nameProp: 'ClusterName', ref: 'name'},
  'AWS::IAM::ManagedPolicy': {arn: (n, p, path) => `arn:${p.partition}:iam::${p.account}:policy${path}${n}`, nameProp: 'ManagedPolicyName', ref: 'arn'},
  'AWS::IAM::Role': {arn: (n, p, path) => `arn:${p.partition}:iam::${p.account}:role${path}${n}`, nameProp: 'RoleName', ref: 'name'},
  'AWS::Logs::LogGroup': {arn: (n, p) => `arn:${p.partition}:logs:${p.region}:${p.account}:log-group:${n}:*`, nameProp: 'LogGroupName', ref: 'name'},
  'AWS::S3::Bucket': {arn: (n, p) => `arn:${p.partition}:s3:::${n}`, nameProp: 'BucketName', ref: 'name'},
  'AWS::SQS::Queue': {arn: (n, p) => `arn:${p.partition}:sqs:${p.region}:${p.account}:${n}`, nameProp: 'QueueName', ref: 'url'},
}

/** Attributes that return the physical name, per type (ECS services and clusters are named by Name, ClusterName). */
const NAME_ATTRS: Record<string, string[]> = {
  'AWS::ECS::Service': ['Name'],
  'AWS::SQS::Queue': ['QueueName'],
}

export interface RefContext {
  /** the resolved, literal-or-tokenized value of a property, or undefined */
  str(value: unknown): string | undefined
  parts(): ArnParts
}

function physicalName(resource: CfnResource, ctx: RefContext): string | undefined {
  const prop = RULES[resource.type]?.nameProp ?? (resource.type === 'AWS::ECS::Service' ? 'ServiceName' : undefined)
  return prop ? ctx.str(resource.properties[prop]) : undefined
}

function pathOf(resource: CfnResource, ctx: RefContext): string {
  const path = ctx.str(resource.properties.Path) ?? '/'
  return path.endsWith('/') ? path : `${path}/`
}

export function refOfResource(resource: CfnResource, ctx: RefContext): string {
  const rule = RULES[resource.type]
  const name = physicalName(resource, ctx)
  if (!rule || name === undefined) return deployTimeToken('Ref', resource.id)
  if (rule.ref === 'name') return name
  const p = ctx.parts()
  if (rule.ref === 'url') return `https://sqs.${p.region}.amazonaws.com/${p.account}/${name}`
  return rule.arn(name, p, pathOf(resource, ctx))
}

export function getAttOfResource(resource: CfnResource, attribute: string, ctx: RefContext): string {
  const rule = RULES[resource.type]
  const name = physicalName(resource, ctx)
  if (name !== undefined) {
    if (attribute === 'Arn' && rule) return rule.arn(name, ctx.parts(), pathOf(resource, ctx))
    if (attribute === rule?.nameProp || NAME_ATTRS[resource.type]?.includes(attribute)) return name
  }

  return deployTimeToken('GetAtt', `${resource.id}.${attribute}`)
}
