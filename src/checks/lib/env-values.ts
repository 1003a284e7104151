import type {Profile, ValueKind} from '../../profile/types.js'
import type {Impact, Severity} from '../types.js'
import {parseSecretArn, parseSqsArn, parseStackArn, queueUrlToArn, SECRET_NAME} from './arn.js'

// Whether a variable's value has the shape its kind asks for. Messages name the shape, and
// suggest a corrected value only where that value is derived from a non-secret one (a host from
// a URL, a bucket name from an S3 URL); callers never pass credentials here.

export interface ValueProblem {
  severity: Severity
  impact: Impact
  /** what is wrong with it, e.g. "is a URL, not a host" */
  what: string
  /** the value to use instead, when it can be derived */
  use?: string
  /** what a good value looks like, when no value can be derived */
  expected?: string
}

const URL = /^[a-z][a-z0-9+.-]*:\/\//i
const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

/** The host of a URL, without the user:password@ a URL may carry: the suggestion is shown. */
function hostOf(value: string): string {
  return value.replace(URL, '').split(/[/?#]/)[0]!.replace(/^.*@/, '').replace(/:\d+$/, '')
}

function checkHost(value: string): ValueProblem | undefined {
  if (URL.test(value) || /\//.test(value)) {
    return {impact: 'runtime', severity: 'error', use: hostOf(value), what: 'is a URL, not a host'}
  }

  if (!HOST.test(value)) return {expected: 'a host name such as nightly.quilttest.com', impact: 'runtime', severity: 'error', what: 'is not a host name'}
  return undefined
}

function checkBucket(value: string): ValueProblem | undefined {
  const s3 = /^s3:\/\/([^/]+)/i.exec(value)
  if (s3) return {impact: 'runtime', severity: 'error', use: s3[1]!.replace(/^.*@/, ''), what: 'is an s3:// URL, not a bucket name'}
  const arn = /^arn:aws[a-z-]*:s3:::([^/]+)/.exec(value)
  if (arn) return {impact: 'runtime', severity: 'error', use: arn[1], what: 'is a bucket ARN, not a bucket name'}
  if (!BUCKET.test(value) || /\.\.|^\d+\.\d+\.\d+\.\d+$/.test(value)) {
    return {expected: '3-63 lower-case letters, digits, dots and hyphens', impact: 'runtime', severity: 'error', what: 'is not a valid bucket name'}
  }

  return undefined
}

function checkQueue(value: string): ValueProblem | undefined {
  if (parseSqsArn(value)) return undefined
  const arn = queueUrlToArn(value)
  if (arn) return {impact: 'runtime', severity: 'error', use: arn, what: 'is a queue URL, not a queue ARN'}
  return {expected: 'arn:aws:sqs:<region>:<account>:<queue-name>', impact: 'runtime', severity: 'error', what: 'is not an SQS queue ARN'}
}

function checkQueueUrl(value: string): ValueProblem | undefined {
  if (queueUrlToArn(value)) return undefined
  if (parseSqsArn(value)) return {impact: 'runtime', severity: 'error', what: 'is a queue ARN, not a queue URL'}
  return {expected: 'https://sqs.<region>.amazonaws.com/<account>/<queue-name>', impact: 'runtime', severity: 'error', what: 'is not an SQS queue URL'}
}

function checkStack(value: string): ValueProblem | undefined {
  if (parseStackArn(value)) return undefined
  // the app refuses anything but a full stack ARN and exits at start-up
  const what = /^[A-Za-z][A-Za-z0-9-]*$/.test(value) ? 'is a stack name, not a stack ARN' : 'is not a CloudFormation stack ARN'
  return {expected: 'arn:aws:cloudformation:<region>:<account>:stack/<name>/<id>', impact: 'start', severity: 'error', what}
}

function checkSecretId(value: string): ValueProblem | undefined {
  if (value.startsWith('arn:')) {
    const arn = parseSecretArn(value)
    if (!arn) return {expected: 'arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>', impact: 'start', severity: 'error', what: 'is not a Secrets Manager secret ARN'}
    if (arn.extra.length > 0) {
      return {impact: 'start', severity: 'error', use: arn.base, what: 'carries a JSON key or version after the secret; the app reads the whole secret'}
    }

    return undefined
  }

  return SECRET_NAME.test(value)
    ? undefined
    : {expected: 'a secret name (letters, digits, /_+=.@-) or a secret ARN', impact: 'start', severity: 'error', what: 'is neither a secret name nor a secret ARN'}
}

function checkTenant(value: string): ValueProblem | undefined {
  if (/^[a-z0-9-]+$/i.test(value)) return undefined
  const host = hostOf(value)
  const name = /\.benchling\.com$/i.test(host) ? host.split('.')[0]?.toLowerCase() : undefined
  const what = URL.test(value) ? 'is a URL, not a tenant name' : host.includes('.') ? 'is a domain, not a tenant name' : 'is not a tenant name'
  return {expected: 'the first label of your Benchling domain: quilt-dtt for quilt-dtt.benchling.com', impact: 'runtime', severity: 'error', use: name, what}
}

function checkLogLevel(value: string, profile: Profile): ValueProblem | undefined {
  const levels = profile.logLevels
  if (levels.includes(value)) return undefined
  if (levels.includes(value.toUpperCase())) {
    return {impact: 'hygiene', severity: 'warning', use: value.toUpperCase(), what: 'is in lower case; the level names are upper case'}
  }

  return {expected: levels.join(', '), impact: 'start', severity: 'error', what: 'is not a log level'}
}

function checkBoolean(value: string): ValueProblem | undefined {
  if (/^(true|false)$/i.test(value)) return undefined
  if (/^[01]$/.test(value)) return {impact: 'hygiene', severity: 'warning', use: value === '1' ? 'true' : 'false', what: 'is 1 or 0; some versions of the app read only true or false'}
  return {expected: 'true or false', impact: 'runtime', severity: 'error', what: 'is not true or false'}
}

function checkPort(value: string): ValueProblem | undefined {
  const port = Number(value)
  if (/^\d+$/.test(value) && port >= 1 && port <= 65_535) return undefined
  return {expected: 'a port number, 1-65535', impact: 'start', severity: 'error', what: 'is not a port number'}
}

function checkAppDefinition(value: string): ValueProblem | undefined {
  if (/^appdef_[A-Za-z0-9]+$/.test(value)) return undefined
  return {expected: 'appdef_ followed by letters and digits', impact: 'runtime', severity: 'warning', what: 'does not look like an app definition id'}
}

const CHECKERS: Partial<Record<ValueKind, (value: string, profile: Profile) => ValueProblem | undefined>> = {
  'app-definition-id': checkAppDefinition,
  boolean: checkBoolean,
  bucket: checkBucket,
  'cloudformation-stack-arn': checkStack,
  host: checkHost,
  'log-level': checkLogLevel,
  port: checkPort,
  'secret-id': checkSecretId,
  'sqs-arn': checkQueue,
  'sqs-url': checkQueueUrl,
  tenant: checkTenant,
}

/** A problem with a value's shape for its kind; none for kinds without a shape (text). */
export function checkValueShape(kind: ValueKind, value: string, profile: Profile): ValueProblem | undefined {
  const trimmed = value.trim()
  const problem = CHECKERS[kind]?.(trimmed, profile)
  if (problem || trimmed === value || kind === 'text') return problem
  return {impact: 'runtime', severity: 'warning', use: trimmed, what: 'has white space around it'}
}
