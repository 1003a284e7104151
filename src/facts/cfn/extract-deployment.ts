import type {Profile} from '../../profile/types.js'
import {hasDeployTimeValue} from '../deploy-time.js'
import type {DeploymentContext} from '../types.js'
import {mainContainer} from './extract-task-definition.js'
import type {Resolver} from './resolve.js'
import {type CfnResource, isObject} from './template.js'

// Where the stack will be deployed, when the template itself fixes it: an AWS::Region or
// AWS::AccountId given as a parameter override, or a literal awslogs-region (CDK writes one for
// an environment-bound stack). An environment-agnostic template fixes neither.

function literal(value: string | undefined): string | undefined {
  return value && !hasDeployTimeValue(value) ? value : undefined
}

export function extractDeployment(r: Resolver, td: CfnResource | undefined, profile: Profile): DeploymentContext | undefined {
  const container = td ? mainContainer(r, td, profile) : undefined
  const config = isObject(container?.LogConfiguration) ? container.LogConfiguration : undefined
  const options = config && isObject(config.Options) ? config.Options : undefined
  const region = literal(r.str({Ref: 'AWS::Region'})) ?? literal(options ? r.str(options['awslogs-region']) : undefined)
  const account = literal(r.str({Ref: 'AWS::AccountId'}))
  if (!region && !account) return undefined
  return {...(region ? {region} : {}), ...(account ? {account} : {})}
}
