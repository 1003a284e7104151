// DescribeTargetHealth's reason codes (TargetHealth.Reason), said in plain words with what to do.
// Codes and meanings as the Elastic Load Balancing API reference documents them.

const HINTS: Record<string, string> = {
  'Elb.InitialHealthChecking': 'the load balancer is still running its first health checks; wait a few intervals',
  'Elb.InternalError': 'the load balancer failed internally; wait and run again, and contact AWS support if it persists',
  'Elb.RegistrationInProgress': 'the target is being registered; wait a few seconds',
  'Target.DeregistrationInProgress': 'the target is draining: ECS is replacing or stopping its task',
  'Target.FailedHealthChecks': 'the health checks failed (connection refused or reset): is the container listening on the target port? Run `bwops logs --errors`',
  'Target.HealthCheckDisabled': 'health checks are turned off on the target group',
  'Target.InvalidState': 'the target is stopped or terminated; run `bwops logs --previous` to see why its task stopped',
  'Target.IpUnusable': 'the target\'s IP address cannot be used (it belongs to the load balancer); check the service\'s subnets',
  'Target.NotInUse': 'the target group serves no load balancer listener, or the target is in an Availability Zone the load balancer does not use',
  'Target.NotRegistered': 'the target is not registered with the target group; ECS registers it when the task starts',
  'Target.ResponseCodeMismatch': 'the health check path answered with a status the matcher does not accept; run `bwops logs --errors` and check the path',
  'Target.Timeout': 'the health check timed out: the app is slow to answer, or a security group blocks the load balancer; check the task\'s security group allows the load balancer on the container port',
}

export function targetReasonHint(reason: string | undefined): string | undefined {
  return reason ? HINTS[reason] : undefined
}

export const knownTargetReasons = Object.keys(HINTS)
