import {describe, expect, it} from 'vitest'

import type {DeployResult} from '../../src/deploy/deploy.js'
import {deployVerdict, verdictLine} from '../../src/deploy/verdict.js'

// Every deploy ends with one verdict line and the same verdict in --json.

const base = {exitCode: 0, image: 'public.ecr.aws/quiltdata/benchling:0.7.10', mode: 'secrets-only', stackName: 'BenchlingWebhookStack'}
const verified = {endpoint: 'https://abc.execute-api.us-east-1.amazonaws.com/prod', ok: true} as DeployResult['verification']

describe('the deploy verdict', () => {
  it.each<[string, Omit<DeployResult, 'verdict'> & {note?: string}, string]>([
    ['deployed and verified', {...base, outcome: {kind: 'succeeded', stackStatus: 'UPDATE_COMPLETE'}, status: 'deployed', verification: verified}, '✔ Deploy succeeded: stack BenchlingWebhookStack is UPDATE_COMPLETE; secrets-only mode, image public.ecr.aws/quiltdata/benchling:0.7.10, answering at https://abc.execute-api.us-east-1.amazonaws.com/prod.'],
    ['deployed, nothing to verify', {...base, note: 'the stack has no WebhookEndpoint output', outcome: {kind: 'succeeded', stackStatus: 'CREATE_COMPLETE'}, status: 'deployed'}, '✔ Deploy succeeded: stack BenchlingWebhookStack is CREATE_COMPLETE; secrets-only mode, image public.ecr.aws/quiltdata/benchling:0.7.10 (not verified: the stack has no WebhookEndpoint output).'],
    ['no changes', {...base, status: 'unchanged', verification: verified}, '✔ Unchanged: stack BenchlingWebhookStack already matches this deployment, answering at https://abc.execute-api.us-east-1.amazonaws.com/prod.'],
    ['deployed, but not answering', {...base, exitCode: 1, outcome: {kind: 'succeeded', stackStatus: 'UPDATE_COMPLETE'}, status: 'unverified', verification: {endpoint: 'https://abc', ok: false} as DeployResult['verification']}, '✖ Deploy failed: stack BenchlingWebhookStack is UPDATE_COMPLETE, but https://abc/health does not answer 200.'],
    ['the rollout failed', {...base, diagnosis: {findings: [], headline: 'Tasks stopped: the secret has no JSON key app_definition_id', lookAgain: []}, exitCode: 1, status: 'failed'}, '✖ Deploy failed: Tasks stopped: the secret has no JSON key app_definition_id.'],
    ['timed out', {...base, exitCode: 1, outcome: {kind: 'timed-out'}, status: 'timed-out'}, '… Watching stopped: the rollout did not finish in time; it goes on in AWS (bwops status --stack-name BenchlingWebhookStack).'],
    ['Ctrl-C', {...base, exitCode: 130, outcome: {kind: 'interrupted'}, status: 'interrupted'}, '… Watching stopped: stopped watching (Ctrl-C); the deployment goes on in AWS (bwops status --stack-name BenchlingWebhookStack).'],
    ['declined', {...base, status: 'declined'}, '- Declined: the change set was declined and deleted; nothing changed.'],
    ['dry run', {...base, status: 'dry-run'}, '- Dry run: nothing changed (--dry-run).'],
  ])('%s', (_name, result, line) => {
    expect(verdictLine(deployVerdict(result))).toBe(line)
  })
})
