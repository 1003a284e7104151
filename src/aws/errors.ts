import {UserError} from '../errors.js'

// What can go wrong calling AWS, sorted into the kinds bwops acts on. Adapters turn "not found"
// into values themselves; everything else reaches callers as an AwsCallError, whose message names
// the AWS error and, when access was denied, the IAM permission to grant. A command that cannot go
// on without the call says it as a UserError (awsUserError).

export type AwsErrorKind = 'denied' | 'throttled' | 'credentials' | 'not-found' | 'other'

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AuthorizationError',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'AuthorizationErrorException',
])
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
])
const CREDENTIALS = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'TokenRefreshRequired',
  'InvalidGrantException',
])
const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'NoSuchEntity',
  'NoSuchEntityException',
  'ClusterNotFoundException',
  'ServiceNotFoundException',
  'TargetGroupNotFoundException',
  'NotFoundException',
  // CloudFormation change sets (the SDK's name, and the API's error code)
  'ChangeSetNotFoundException',
  'ChangeSetNotFound',
  // ECR
  'ImageNotFoundException',
  'RepositoryNotFoundException',
])

/** The AWS error's name (AccessDeniedException, ValidationError...), also of an AwsCallError; never its message. */
export function awsErrorName(error: unknown): string {
  if (error instanceof AwsCallError) return error.awsName
  if (error && typeof error === 'object') {
    const e = error as {name?: unknown; Code?: unknown; code?: unknown}
    for (const candidate of [e.name, e.Code, e.code]) if (typeof candidate === 'string' && candidate !== 'Error') return candidate
  }

  return 'Error'
}

export function awsErrorKind(name: string, message = ''): AwsErrorKind {
  if (DENIED.has(name) || /is not authorized to perform|not authorized to access/i.test(message)) return 'denied'
  if (THROTTLED.has(name) || /rate exceeded/i.test(message)) return 'throttled'
  if (CREDENTIALS.has(name) || /could not load credentials|security token included in the request is (expired|invalid)/i.test(message)) {
    return 'credentials'
  }

  if (NOT_FOUND.has(name) || (name === 'ValidationError' && /does not exist/i.test(message))) return 'not-found'
  return 'other'
}

/** A failed AWS call: which action, which AWS error, and what to do about it. */
export class AwsCallError extends Error {
  readonly kind: AwsErrorKind

  constructor(
    /** the IAM action of the call, e.g. ecs:DescribeTasks */
    readonly action: string,
    /** the AWS error name, e.g. AccessDeniedException */
    readonly awsName: string,
    readonly awsMessage: string,
    readonly attempts?: number,
    /** the HTTP status AWS answered with, when there was an answer */
    readonly httpStatus?: number,
  ) {
    const kind = awsErrorKind(awsName, awsMessage)
    super(describe(kind, action, awsName, awsMessage, attempts))
    this.name = 'AwsCallError'
    this.kind = kind
  }
}

function describe(kind: AwsErrorKind, action: string, name: string, message: string, attempts?: number): string {
  const head = `${name} calling ${action}`
  switch (kind) {
    case 'denied': {
      // AWS names the caller in most denials ("User: arn:... is not authorized to perform: ...")
      const who = /\b(?:User|Principal): (arn:[^\s]+)/.exec(message)?.[1]
      return `${head}: grant ${action} to ${who ?? 'the identity bwops runs as'}`
    }
    case 'throttled':
      return `${head}: AWS throttled the call${attempts ? ` ${attempts} times` : ''}; run again in a minute, or raise AWS_MAX_ATTEMPTS`
    case 'credentials':
      return `${head}: the AWS credentials are missing, invalid or expired; log in again (e.g. aws sso login) or set AWS_PROFILE`
    default:
      return `${head}: ${oneLine(message) || 'no message'}`
  }
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 300 ? `${line.slice(0, 297)}...` : line
}

/** Wraps whatever a call threw, keeping the AWS error name and the number of attempts the SDK made. */
export function toAwsCallError(action: string, error: unknown): AwsCallError {
  if (error instanceof AwsCallError) return error
  const message = error instanceof Error ? error.message : String(error)
  const metadata = (error as {$metadata?: {attempts?: number; httpStatusCode?: number}} | undefined)?.$metadata
  return new AwsCallError(action, awsErrorName(error), message, metadata?.attempts, metadata?.httpStatusCode)
}

const UNAVAILABLE = new Set(['InternalFailure', 'InternalError', 'InternalServerError', 'ServiceUnavailable', 'ServiceUnavailableException', 'NotImplemented', 'NotImplementedException', 'UnsupportedOperation', 'UnsupportedOperationException', 'InvalidAction'])

/**
 * The endpoint cannot answer this operation at all (a server error, or an operation it does not
 * implement, as an emulator may): asking again in the same run would only fail again.
 */
export function isOperationUnavailable(error: unknown): boolean {
  if (!(error instanceof AwsCallError) || error.kind !== 'other') return false
  return UNAVAILABLE.has(error.awsName) || (error.httpStatus !== undefined && error.httpStatus >= 500) || /not (yet )?implemented/i.test(error.awsMessage)
}

export function isAwsNotFound(error: unknown): boolean {
  return error instanceof AwsCallError && error.kind === 'not-found'
}

const NEXT: Record<AwsErrorKind, (action: string) => string> = {
  credentials: () => 'Log in again (e.g. aws sso login) or set AWS_PROFILE, then run again.',
  denied: (action) => `Grant ${action} to the identity bwops runs as (or run as one that has it), then run again.`,
  'not-found': () => 'Check --region, --profile and the names given, then run again.',
  other: () => 'Check --region and --endpoint-url, then run again; the AWS error above says what was refused.',
  throttled: () => 'Run again in a minute, or raise AWS_MAX_ATTEMPTS.',
}

/**
 * An error from the AWS SDK that no adapter wrapped (it carries the SDK's $metadata, or is a
 * credentials provider's), as an AwsCallError; anything else is not AWS's and stays undefined.
 */
export function asAwsCallError(error: unknown): AwsCallError | undefined {
  if (error instanceof AwsCallError) return error
  if (!error || typeof error !== 'object') return undefined
  const e = error as {$metadata?: unknown; name?: unknown}
  if (e.$metadata === undefined && e.name !== 'CredentialsProviderError' && e.name !== 'TokenProviderError') return undefined
  return toAwsCallError('an AWS call', error)
}

/** A failed call a command cannot go on without, as a UserError (exit 2): what bwops was doing, the call, what to do. */
export function awsUserError(error: AwsCallError, doing: string): UserError {
  return new UserError(`bwops could not ${doing}: ${error.message}.`, NEXT[error.kind](error.action))
}
