import type {DeployResult} from './deploy.js'

// Every deploy ends with one verdict line, as `kubectl rollout status` and `gh run watch` do: what
// happened, and why, in words; the same verdict is in --json's `verdict`.

export type DeployVerdictKind = 'succeeded' | 'failed' | 'unchanged' | 'watching-stopped' | 'declined' | 'dry-run'

export interface DeployVerdict {
  result: DeployVerdictKind
  reason: string
}

type Parts = Omit<DeployResult, 'verdict'> & {note?: string}

export function deployVerdict(r: Parts): DeployVerdict {
  const at = r.verification?.ok ? `, answering at ${r.verification.endpoint}` : ''
  const stack = r.outcome && 'stackStatus' in r.outcome && r.outcome.stackStatus ? ` is ${r.outcome.stackStatus}` : ''
  switch (r.status) {
    case 'deployed':
      return {reason: `stack ${r.stackName}${stack}; ${r.mode} mode, image ${r.image}${at}${r.note ? ` (not verified: ${r.note})` : ''}`, result: 'succeeded'}
    case 'unchanged':
      return {reason: `stack ${r.stackName} already matches this deployment${at}${r.note ? ` (not verified: ${r.note})` : ''}`, result: 'unchanged'}
    case 'unverified':
      return {reason: `stack ${r.stackName}${stack}, but ${r.verification?.endpoint ?? 'the endpoint'}/health does not answer 200`, result: 'failed'}
    case 'failed':
      return {reason: r.diagnosis?.headline ?? `the rollout of stack ${r.stackName} failed`, result: 'failed'}
    case 'timed-out':
      return {reason: `the rollout did not finish in time; it goes on in AWS (bwops status --stack-name ${r.stackName})`, result: 'watching-stopped'}
    case 'interrupted':
      return {reason: `stopped watching (Ctrl-C); the deployment goes on in AWS (bwops status --stack-name ${r.stackName})`, result: 'watching-stopped'}
    case 'declined':
      return {reason: 'the change set was declined and deleted; nothing changed', result: 'declined'}
    case 'dry-run':
      return {reason: 'nothing changed (--dry-run)', result: 'dry-run'}
  }
}

const MARK: Record<DeployVerdictKind, string> = {declined: '-', 'dry-run': '-', failed: '✖', succeeded: '✔', unchanged: '✔', 'watching-stopped': '…'}
const WORD: Record<DeployVerdictKind, string> = {declined: 'Declined', 'dry-run': 'Dry run', failed: 'Deploy failed', succeeded: 'Deploy succeeded', unchanged: 'Unchanged', 'watching-stopped': 'Watching stopped'}

export function verdictLine(v: DeployVerdict): string {
  return `${MARK[v.result]} ${WORD[v.result]}: ${v.reason}.`
}
