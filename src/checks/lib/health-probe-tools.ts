import type {Profile} from '../../profile/types.js'
import type {FindingInput} from '../types.js'
import type {HealthProbe} from './health-command.js'

// What the probe needs from the image, and whether it can fail at all.

const CURL_FAIL = /(?:^|\s)(?:-[A-Za-z]*f[A-Za-z]*|--fail(?:-with-body)?)(?=\s|$)/

export function toolFindings(probe: HealthProbe, shown: string, port: number, profile: Profile): FindingInput[] {
  const findings: FindingInput[] = []
  const needs = probe.tools.filter((t) => t === 'curl' || t === 'wget')
  if (needs.length > 0) {
    findings.push({
      detail: `The health check runs ${needs.join(' and ')} inside the container. Slim Python images do not ship ${needs.join(' or ')}, and then every check fails with "not found": a common cause of "Task failed container health checks".`,
      evidence: [shown],
      fix: `Make sure the image has ${needs.join(' and ')} (docker run --rm --entrypoint sh <image> -c 'command -v ${needs[0]}'), or use a probe that needs only Python: ["CMD-SHELL", "python -c \\"import urllib.request; urllib.request.urlopen('http://localhost:${port}${profile.health.paths[0] ?? '/'}', timeout=4)\\""].`,
      impact: 'health',
      severity: 'info',
      title: `The health check needs ${needs.join(' and ')} in the image`,
    })
  }

  if (probe.tools.includes('curl') && probe.scheme !== 'tcp' && !CURL_FAIL.test(probe.text) && !/\bgrep\b/.test(probe.text)) {
    findings.push({
      detail: 'Without -f (--fail), curl exits 0 whatever the HTTP status, so a 503 "not ready" or a 500 counts as healthy and a broken app is never replaced.',
      evidence: [shown],
      fix: `Add -f to the curl command: curl -f http://localhost:${port}${probe.path ?? '/'} || exit 1.`,
      impact: 'health',
      severity: 'warning',
      title: 'The curl health check passes on HTTP errors (no -f)',
    })
  }

  return findings
}
