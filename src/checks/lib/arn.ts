import {deployTimeTokens} from '../../facts/deploy-time.js'

// ARN parsing for checks. Values may carry deploy-time tokens such as `{{Ref:AWS::Region}}`, whose
// own colons must not split the ARN, so splitting skips over `{{...}}`.

export interface Arn {
  partition: string
  service: string
  region: string
  account: string
  /** everything after the account, colons included */
  resource: string
}

/** Splits on `sep`, except inside deploy-time tokens `{{...}}`. */
export function splitOutsideTokens(value: string, sep = ':'): string[] {
  const parts: string[] = []
  let depth = 0
  let current = ''
  for (let i = 0; i < value.length; i++) {
    if (value.startsWith('{{', i)) {
      depth++
      current += '{{'
      i++
    } else if (depth > 0 && value.startsWith('}}', i)) {
      depth--
      current += '}}'
      i++
    } else if (depth === 0 && value[i] === sep) {
      parts.push(current)
      current = ''
    } else current += value[i]
  }

  parts.push(current)
  return parts
}

export function parseArn(value: string): Arn | undefined {
  const parts = splitOutsideTokens(value.trim())
  if (parts.length < 6 || parts[0] !== 'arn') return undefined
  const [, partition = '', service = '', region = '', account = ''] = parts
  if (!/^aws[a-z-]*$/.test(partition) || service === '') return undefined
  return {account, partition, region, resource: parts.slice(5).join(':'), service}
}

export interface StackArn extends Arn {
  stackName: string
  stackId: string
}

/**
 * `arn:aws:cloudformation:<region>:<account>:stack/<name>/<id>`, as strict as the webhook is: it
 * refuses anything else with "Invalid CloudFormation stack ARN format".
 */
export function parseStackArn(value: string): StackArn | undefined {
  const arn = parseArn(value)
  if (!arn || arn.service !== 'cloudformation' || !/^[a-z0-9-]+$/.test(arn.region) || !/^\d{12}$/.test(arn.account)) return undefined
  const m = /^stack\/([^/]+)\/(.+)$/.exec(arn.resource)
  return m ? {...arn, stackId: m[2]!, stackName: m[1]!} : undefined
}

export interface QueueArn extends Arn {
  queueName: string
}

/** `arn:aws:sqs:<region>:<account>:<queue-name>` */
export function parseSqsArn(value: string): QueueArn | undefined {
  const arn = parseArn(value)
  if (!arn || arn.service !== 'sqs' || arn.region === '' || !/^\d{12}$/.test(arn.account)) return undefined
  return /^[A-Za-z0-9_-]{1,75}(\.fifo)?$/.test(arn.resource) ? {...arn, queueName: arn.resource} : undefined
}

/** The ARN a queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>) stands for. */
export function queueUrlToArn(value: string): string | undefined {
  const m = /^https?:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(\d{12})\/([A-Za-z0-9_.-]+)\/?$/.exec(value.trim())
  return m ? `arn:${partitionOf(m[1])}:sqs:${m[1]}:${m[2]}:${m[3]}` : undefined
}

/**
 * The partition a region belongs to, for the ARNs bwops builds: aws-cn for China, aws-us-gov for
 * GovCloud, aws-iso* for the isolated regions, else aws (also when the region is not known).
 */
export function partitionOf(region: string | undefined): string {
  if (!region) return 'aws'
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  if (region.startsWith('us-isob-')) return 'aws-iso-b'
  if (region.startsWith('us-iso-')) return 'aws-iso'
  return 'aws'
}

/** The domain suffix of a region's endpoints (AWS::URLSuffix). */
export function urlSuffixOf(region: string | undefined): string {
  return region?.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
}

/** Secrets Manager names: 1-512 of letters, digits and /_+=.@- */
export const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/

/** The six random characters Secrets Manager appends to a secret's name in its ARN. */
const RANDOM_SUFFIX = /^(.+)-([A-Za-z0-9]{6})$/

export interface SecretArn extends Arn {
  /** the ARN up to the secret id: no JSON key, stage or version */
  base: string
  /** the secret's name, without the random suffix */
  secretName: string
  /** the six random characters, when given: a complete ARN; without them a partial ARN */
  suffix?: string
  /** what follows the secret id: [json-key, version-stage, version-id] */
  extra: string[]
}

/**
 * `arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 chars>[:json-key:stage:version]`.
 * A name that itself ends in a hyphen and six letters reads as a complete ARN: Secrets Manager
 * has the same ambiguity and documents it.
 */
export function parseSecretArn(value: string): SecretArn | undefined {
  const arn = parseArn(value)
  if (!arn || arn.service !== 'secretsmanager') return undefined
  const [kind, id = '', ...extra] = splitOutsideTokens(arn.resource)
  if (kind !== 'secret' || id === '') return undefined
  const m = RANDOM_SUFFIX.exec(id)
  const base = `arn:${arn.partition}:secretsmanager:${arn.region}:${arn.account}:secret:${id}`
  return {...arn, base, extra, secretName: m ? m[1]! : id, ...(m ? {suffix: m[2]!} : {})}
}

/** The fields of an ARN (arn, partition, service, region, account, resource...), tokens intact. */
export function arnFields(arn: string): string[] {
  return splitOutsideTokens(arn)
}

/** The account field of an ARN, when it is a concrete 12-digit account. */
/** An ECS cluster's or service's name from its name or ARN: arn:aws:ecs:...:service/cluster/name -> name. */
export function ecsNameOf(value: string): string {
  return value.split('/').pop() ?? value
}

export function arnAccount(arn: string): string | undefined {
  const account = arnFields(arn)[4]
  return account && /^\d{12}$/.test(account) ? account : undefined
}

/**
 * A Secrets Manager `valueFrom` names the secret's ARN, optionally followed by
 * `:json-key:version-stage:version-id`; permissions are granted on the ARN part.
 */
export function secretArnPart(valueFrom: string): string {
  return arnFields(valueFrom).slice(0, 7).join(':')
}

export interface EcrImage {
  account: string
  region: string
  repository: string
}

const ECR_URI = /^([^./]+)\.dkr\.ecr\.([^./]+)\.[^/]+\/([^:@]+)/

/** `<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`; undefined for any other registry. */
export function parseEcrImage(image: string): EcrImage | undefined {
  // tokens may hold dots and slashes: hide them while the URI is split
  const tokens = deployTimeTokens(image)
  let masked = image
  tokens.forEach((token, i) => {
    masked = masked.split(token).join(`\u0001${i}\u0001`)
  })
  const unmask = (s: string) => s.replace(/\u0001(\d+)\u0001/g, (_, i: string) => tokens[Number(i)] ?? '')
  const match = ECR_URI.exec(masked)
  if (!match?.[1] || !match[2] || !match[3]) return undefined
  return {account: unmask(match[1]), region: unmask(match[2]), repository: unmask(match[3])}
}
