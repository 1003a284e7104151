import type {Profile} from '../../profile/types.js'
import type {Resource} from './cfn.js'
import {getAtt, ref, sub} from './cfn.js'

export const TARGET_HEALTH_PATH = '/health'

export function network(profile: Profile): Record<string, Resource> {
  const {port} = profile.names
  return {
    LoadBalancer: {
      Properties: {
        Scheme: 'internet-facing',
        SecurityGroups: [getAtt('LoadBalancerSecurityGroup', 'GroupId')],
        Subnets: ref('SubnetIds'),
        Type: 'application',
      },
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    },
    LoadBalancerSecurityGroup: {
      Properties: {
        GroupDescription: sub('${AWS::StackName}: HTTP from the internet to the webhook load balancer'),
        SecurityGroupIngress: [{CidrIp: '0.0.0.0/0', FromPort: 80, IpProtocol: 'tcp', ToPort: 80}],
        VpcId: ref('VpcId'),
      },
      Type: 'AWS::EC2::SecurityGroup',
    },
    Listener: {
      Properties: {
        DefaultActions: [{TargetGroupArn: ref('TargetGroup'), Type: 'forward'}],
        LoadBalancerArn: ref('LoadBalancer'),
        Port: 80,
        Protocol: 'HTTP',
      },
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
    },
    ServiceSecurityGroup: {
      Properties: {
        GroupDescription: sub(`\${AWS::StackName}: port ${port} from the load balancer only`),
        SecurityGroupIngress: [{FromPort: port, IpProtocol: 'tcp', SourceSecurityGroupId: getAtt('LoadBalancerSecurityGroup', 'GroupId'), ToPort: port}],
        VpcId: ref('VpcId'),
      },
      Type: 'AWS::EC2::SecurityGroup',
    },
    TargetGroup: {
      Properties: {
        HealthCheckIntervalSeconds: 15,
        HealthCheckPath: TARGET_HEALTH_PATH,
        HealthCheckPort: 'traffic-port',
        HealthCheckProtocol: 'HTTP',
        HealthCheckTimeoutSeconds: 5,
        HealthyThresholdCount: 2,
        Matcher: {HttpCode: '200'},
        Port: port,
        Protocol: 'HTTP',
        TargetGroupAttributes: [{Key: 'deregistration_delay.timeout_seconds', Value: '30'}],
        TargetType: 'ip',
        UnhealthyThresholdCount: 3,
        VpcId: ref('VpcId'),
      },
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    },
  }
}

export function clusterAndService(profile: Profile): Record<string, Resource> {
  const {cluster, container, port, service} = profile.names
  return {
    Cluster: {Properties: {ClusterName: cluster}, Type: 'AWS::ECS::Cluster'},
    Service: {
      // the target group must be attached to a listener before a service can register in it
      DependsOn: ['Listener'],
      Properties: {
        Cluster: ref('Cluster'),
        DeploymentConfiguration: {DeploymentCircuitBreaker: {Enable: true, Rollback: true}, MaximumPercent: 200, MinimumHealthyPercent: 50},
        DesiredCount: ref('DesiredCount'),
        HealthCheckGracePeriodSeconds: 60,
        LaunchType: 'FARGATE',
        LoadBalancers: [{ContainerName: container, ContainerPort: port, TargetGroupArn: ref('TargetGroup')}],
        NetworkConfiguration: {
          // the default VPC has no NAT gateway: a public IP is the tasks' way to ECR, logs and Secrets Manager
          AwsvpcConfiguration: {AssignPublicIp: 'ENABLED', SecurityGroups: [getAtt('ServiceSecurityGroup', 'GroupId')], Subnets: ref('SubnetIds')},
        },
        ServiceName: service,
        TaskDefinition: ref('TaskDefinition'),
      },
      Type: 'AWS::ECS::Service',
    },
  }
}
