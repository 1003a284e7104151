import type {LogMatch} from '../../catalogue/log-signatures.js'

// What a known log line is about, for the diagnosis to join it with the configuration it
// confirms (src/diagnosis/subjects.ts). A crash with no more specific subject explains its
// container's exit (`exit:<container>`).

const BY_ID: Record<string, string> = {
  'address-in-use': 'port',
  'aws-access-denied': 'role:task',
  'aws-credentials-expired': 'role:task',
  'aws-no-credentials': 'role:task',
  'aws-signature-expired': 'role:task',
  'python-memory-error': 'memory',
  'webhook-catalog-url': 'quilt-stack',
  'webhook-invalid-secret-structure': 'secret',
  'webhook-invalid-stack-arn': 'quilt-stack',
  'webhook-missing-stack-outputs': 'quilt-stack',
  'webhook-no-benchling-secrets': 'secret',
  'webhook-secret-access-denied': 'role:task',
  'webhook-secret-invalid-json': 'secret',
  'webhook-secret-not-found': 'secret',
  'webhook-secret-not-string': 'secret',
  'webhook-stack-does-not-exist': 'quilt-stack',
  'webhook-stack-not-found': 'quilt-stack',
}

/** Variable names as a log line lists them ("QUILT_DATABASE, QUEUE_ARN"). */
function names(text: string | undefined): string[] {
  return (text ?? '').split(/[,\s]+/).map((n) => n.replace(/[^\w]/g, '')).filter((n) => /^[A-Za-z_]\w*$/.test(n))
}

export function logSubject(match: LogMatch, container: string): string {
  if (match.id === 'webhook-missing-configuration' || match.id === 'webhook-missing-parameters') {
    const listed = names(match.values.names)
    if (listed.length > 0) return `env:${listed.join(',')}`
  }

  return BY_ID[match.id] ?? `exit:${container}`
}
