import {awsErrorName} from '../aws/errors.js'
import type {DeployClients} from './clients.js'
import type {Plan} from './plan.js'

// The one thing deploy creates before CloudFormation changes the stack: the secret holding a legacy
// client secret read from a file or stdin (the change set must name its ARN). When no change set
// comes of it, nothing references the secret, so it is removed; when it cannot be, the user is
// told its ARN and the command that removes it, so no secret is left behind unnamed.

export const removeSecretCommand = (arn: string, region: string) =>
  `aws secretsmanager delete-secret --secret-id ${arn} --force-delete-without-recovery --region ${region}`

/** Removes the secret a change set that never ran would have used; returns the line that says what happened. */
export async function removeCreatedSecret(arn: string, plan: Plan, clients: DeployClients): Promise<string> {
  try {
    await clients.secrets.remove(arn)
    return `The client secret deploy stored for this change (${arn}) was removed; nothing is left behind.`
  } catch (error) {
    return `The client secret deploy stored for this change could not be removed (${awsErrorName(error)}). Remove it with: ${removeSecretCommand(arn, plan.region)}`
  }
}

/**
 * After a rollout that failed, the stack may still be rolling back onto the secret, so it is not
 * removed; it is named, with the command for when the stack is given up. The next deploy of the
 * stack finds it by name and stores a new version in it, so it is not lost either way.
 */
export function failedRolloutSecretLine(arn: string, plan: Plan): string {
  return `The client secret deploy stored for this stack is ${arn}; the next deploy reuses it. If you give the stack up, remove it with: ${removeSecretCommand(arn, plan.region)}`
}
