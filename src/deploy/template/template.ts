import type {Profile} from '../../profile/types.js'
import {getAtt, ref, sub, type Template} from './cfn.js'
import {executionRole, taskRole} from './iam.js'
import {clusterAndService, network} from './network.js'
import {conditions, parameters, rules} from './parameters.js'
import {logGroup, taskDefinition} from './task.js'

export type {Template} from './cfn.js'

/**
 * The webhook's whole stack as CloudFormation JSON. One template for both modes: the Mode
 * parameter and the conditions built on it decide at deploy time (see parameters.ts).
 */
export function webhookTemplate(profile: Profile): Template {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Conditions: conditions(),
    Description: `${profile.title}, deployed by bwops (legacy or secrets-only, chosen by the Mode parameter)`,
    Outputs: {
      ClusterName: {Description: 'the ECS cluster', Value: ref('Cluster')},
      DockerImageUri: {Description: 'the image deployed', Value: ref('ImageUri')},
      EcsLogGroup: {Description: 'the containers\' log group (retained when the stack goes)', Value: ref('LogGroupName')},
      LoadBalancerDNS: {Description: 'the load balancer\'s DNS name', Value: getAtt('LoadBalancer', 'DNSName')},
      Mode: {Description: 'the configuration mode deployed', Value: ref('Mode')},
      ServiceName: {Description: 'the ECS service', Value: getAtt('Service', 'Name')},
      WebhookEndpoint: {Description: 'the webhook\'s URL', Value: sub('http://${LoadBalancer.DNSName}')},
    },
    Parameters: parameters(profile),
    Resources: {
      ...clusterAndService(profile),
      ExecutionRole: executionRole(profile),
      LogGroup: logGroup(),
      ...network(profile),
      TaskDefinition: taskDefinition(profile),
      TaskRole: taskRole(profile),
    },
    Rules: rules(),
  }
}
