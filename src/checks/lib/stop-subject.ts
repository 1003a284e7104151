import type {StopClassification} from '../../catalogue/stop-reasons.js'

// What a stop's cause is about, for the diagnosis to join it with the configuration that explains
// it (src/diagnosis/subjects.ts). An exit with no more to say than its code is a symptom
// (`exit:<container>`): the app's log or the configuration says why.

const BY_ID: Record<string, string> = {
  'container-health-check': 'health-check',
  'elb-health-check': 'health-check',
  'init-network': 'network',
  'log-group-missing': 'log-group',
  'out-of-memory': 'memory',
  'pull-access-denied': 'role:execution',
  'pull-network': 'network',
  'pull-not-found': 'image',
  'pull-platform-mismatch': 'image',
  'pull-rate-limited': 'image',
  'registry-auth-denied': 'role:execution',
  'runtime-timeout': 'network',
  'secret-access-denied': 'role:execution',
  'secret-kms-denied': 'role:execution',
  'secret-not-found': 'secret',
  'start-exec-not-found': 'image',
}

export function stopSubject(cls: StopClassification): string {
  if (cls.id === 'secret-json-key-missing' && cls.details?.key) return `secret-key:${cls.details.key}`
  const known = BY_ID[cls.id]
  if (known) return known
  if (!cls.failure) return 'deployment'
  return `exit:${cls.container ?? 'task'}`
}
