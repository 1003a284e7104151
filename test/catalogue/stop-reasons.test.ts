import {describe, expect, it} from 'vitest'

import {classifyStop} from '../../src/catalogue/stop-reasons.js'
import type {TaskContainerFact, TaskFact} from '../../src/facts/live-types.js'

function task(stopCode: string | undefined, stoppedReason: string | undefined, containers: Partial<TaskContainerFact>[] = [{}]): TaskFact {
  return {
    containers: containers.map((c) => ({name: 'BenchlingWebhookContainer', ...c})),
    stopCode,
    stoppedAt: '2025-11-03T10:00:00.000Z',
    stoppedReason,
    taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/benchling-webhook-cluster/0a1b2c3d',
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/benchling-webhook-task:7',
    taskId: '0a1b2c3d',
  }
}

const RIE = 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: '
type Row = [string, TaskFact, {id: string; failure: boolean; known?: boolean; title?: RegExp; cause?: RegExp; exitCode?: number}]

const rows: Row[] = [
  ['pull: tag not found', task('TaskFailedToStart', 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-1.amazonaws.com/quiltdata/benchling:0.5.99: 123456789012.dkr.ecr.us-east-1.amazonaws.com/quiltdata/benchling:0.5.99: not found'), {failure: true, id: 'pull-not-found'}],
  ['pull: manifest unknown', task('TaskFailedToStart', 'CannotPullContainerError: Error response from daemon: manifest for quiltdata/benchling:nope not found: manifest unknown: manifest unknown'), {failure: true, id: 'pull-not-found'}],
  ['pull: 403', task('TaskFailedToStart', 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref x: pulling from host 999.dkr.ecr.us-east-1.amazonaws.com failed with status code [manifests 0.5.9]: 403 Forbidden'), {failure: true, id: 'pull-access-denied'}],
  ['pull: i/o timeout', task('TaskFailedToStart', 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref x: failed to do request: Head "https://123.dkr.ecr.us-east-1.amazonaws.com/v2/x/manifests/1": dial tcp 52.1.2.3:443: i/o timeout'), {failure: true, id: 'pull-network'}],
  ['pull: request canceled', task('TaskFailedToStart', 'CannotPullContainerError: Error response from daemon: Get https://123.dkr.ecr.us-east-1.amazonaws.com/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)'), {failure: true, id: 'pull-network'}],
  ['pull: context canceled', task('TaskFailedToStart', 'CannotPullContainerError: context canceled'), {failure: true, id: 'pull-network'}],
  ['pull: platform', task('TaskFailedToStart', "CannotPullContainerError: pull image manifest has been retried 5 time(s): image Manifest does not contain descriptor matching platform 'linux/amd64'"), {failure: true, id: 'pull-platform-mismatch'}],
  ['secret: json key', task('TaskFailedToStart', `${RIE}unable to retrieve secret from asm: service call has been retried 1 time(s): retrieved secret from Secrets Manager did not contain json key app_definition_id`), {failure: true, id: 'secret-json-key-missing', title: /"app_definition_id"/, cause: /:app_definition_id::/}],
  ['secret: access denied', task('TaskFailedToStart', `${RIE}unable to retrieve secret from asm: service call has been retried 5 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-AbC from secrets manager: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/ExecRole/abc is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-AbC because no identity-based policy allows the secretsmanager:GetSecretValue action status code: 400`), {failure: true, id: 'secret-access-denied', title: /secretsmanager:GetSecretValue/}],
  ['secret: kms', task('TaskFailedToStart', `${RIE}unable to retrieve secret from asm: failed to fetch secret x: AccessDeniedException: Access to KMS is not allowed`), {failure: true, id: 'secret-kms-denied'}],
  ['secret: not found', task('TaskFailedToStart', `${RIE}unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-1:1:secret:nope from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret.`), {failure: true, id: 'secret-not-found'}],
  ['log group missing', task('TaskFailedToStart', 'ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1'), {failure: true, id: 'log-group-missing'}],
  ['registry auth denied', task('TaskFailedToStart', `${RIE}unable to retrieve ecr registry auth: service call has been retried 3 time(s): AccessDeniedException: User: arn:aws:sts::1:assumed-role/ExecRole/x is not authorized to perform: ecr:GetAuthorizationToken on resource: *`), {failure: true, id: 'registry-auth-denied'}],
  ['init network', task('TaskFailedToStart', `${RIE}unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.us-east-1.amazonaws.com/": dial tcp 52.46.1.1:443: i/o timeout`), {failure: true, id: 'init-network'}],
  ['essential exit 1', task('EssentialContainerExited', 'Essential container in task exited', [{exitCode: 1}]), {exitCode: 1, failure: true, id: 'essential-container-exited', title: /code 1 \(application error\)/}],
  ['essential exit 2', task('EssentialContainerExited', 'Essential container in task exited', [{exitCode: 2}]), {exitCode: 2, failure: true, id: 'essential-container-exited', title: /bad command line/}],
  ['essential exit 126', task('EssentialContainerExited', 'Essential container in task exited', [{exitCode: 126}]), {exitCode: 126, failure: true, id: 'essential-container-exited', title: /not executable/}],
  ['essential exit 127', task('EssentialContainerExited', 'Essential container in task exited', [{exitCode: 127}]), {exitCode: 127, failure: true, id: 'essential-container-exited', title: /command not found/}],
  ['essential exit 137', task('EssentialContainerExited', 'Essential container in task exited', [{exitCode: 137}]), {exitCode: 137, failure: true, id: 'essential-container-exited', title: /killed/}],
  ['essential exit 139', task('EssentialContainerExited', 'Essential container in task exited', [{exitCode: 139}]), {exitCode: 139, failure: true, id: 'essential-container-exited', title: /segmentation fault/}],
  ['essential exit 143', task('EssentialContainerExited', 'Essential container in task exited', [{exitCode: 143}]), {exitCode: 143, failure: true, id: 'essential-container-exited', title: /SIGTERM/}],
  ['the failing container, not the one stopped after it', task('EssentialContainerExited', 'Essential container in task exited', [{exitCode: 143, name: 'sidecar'}, {exitCode: 1}]), {exitCode: 1, failure: true, id: 'essential-container-exited', title: /BenchlingWebhookContainer/}],
  ['out of memory (container reason)', task('EssentialContainerExited', 'Essential container in task exited', [{exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage'}]), {exitCode: 137, failure: true, id: 'out-of-memory'}],
  ['ELB health checks', task('ServiceSchedulerInitiated', 'Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/bw/abc)'), {cause: /targetgroup\/bw\/abc/, failure: true, id: 'elb-health-check'}],
  ['container health checks', task('ServiceSchedulerInitiated', 'Task failed container health checks'), {failure: true, id: 'container-health-check'}],
  ['runtime timeout', task('TaskFailedToStart', 'ContainerRuntimeTimeoutError: Could not transition to running; timed out after waiting 1m0s'), {failure: true, id: 'runtime-timeout'}],
  ['docker timeout', task('TaskFailedToStart', 'DockerTimeoutError: Could not transition to started'), {failure: true, id: 'runtime-timeout'}],
  ['exec not found', task('TaskFailedToStart', 'CannotStartContainerError: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "gunicorn": executable file not found in $PATH: unknown'), {failure: true, id: 'start-exec-not-found'}],
  ['deployment replacement', task('ServiceSchedulerInitiated', 'Scaling activity initiated by (deployment ecs-svc/5169280574093855189)', [{exitCode: 143}]), {failure: false, id: 'scaling-activity'}],
  ['user initiated', task('UserInitiated', 'Task stopped by user'), {failure: false, id: 'user-initiated'}],
  ['scheduler, no failure reason', task('ServiceSchedulerInitiated', 'Service benchling-webhook-service: ECS is replacing the task'), {failure: false, id: 'scheduler-initiated'}],
  ['spot interruption', task('SpotInterruption', 'Your Spot Task was interrupted.'), {failure: false, id: 'maintenance'}],
  ['termination notice', task('TerminationNotice', 'Task stopped due to a termination notice'), {failure: false, id: 'maintenance'}],
  ['unknown failure to start', task('TaskFailedToStart', 'SomethingNewError: the agent had a bad day'), {failure: true, id: 'unknown', known: false}],
  ['unknown exit', task('EssentialContainerExited', 'An essential thing happened'), {failure: true, id: 'unknown', known: false}],
  ['unknown, not a failure code', task(undefined, 'Mystery', [{exitCode: 0}]), {failure: false, id: 'unknown', known: false}],
]

describe('classifyStop', () => {
  it.each(rows)('%s', (_name, t, want) => {
    const got = classifyStop(t)
    expect(got.id).toBe(want.id)
    expect(got.failure).toBe(want.failure)
    expect(got.known).toBe(want.known ?? true)
    if (want.title) expect(got.title).toMatch(want.title)
    if (want.cause) expect(got.cause).toMatch(want.cause)
    if (want.exitCode !== undefined) expect(got.exitCode).toBe(want.exitCode)
    expect(got.title).not.toMatch(/<\w+>/)
    expect(got.evidence[0]).toContain(t.taskId)
  })

  it('gives evidence with the reason and exit codes, redacted', () => {
    const got = classifyStop(task('EssentialContainerExited', 'Essential container in task exited', [{exitCode: 1, reason: 'token=abc123secret'}]))
    expect(got.evidence).toEqual([
      'task 0a1b2c3d stopped at 2025-11-03T10:00:00.000Z (EssentialContainerExited)',
      'stoppedReason: Essential container in task exited',
      'container BenchlingWebhookContainer: exit code 1, reason: token=***',
    ])
  })

  it('names the JSON key in details', () => {
    const got = classifyStop(task('TaskFailedToStart', `${RIE}retrieved secret from Secrets Manager did not contain json key tenant`))
    expect(got.details).toEqual({key: 'tenant'})
  })
})
