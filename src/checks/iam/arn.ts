import {deployTimeToken} from '../../facts/deploy-time.js'

// ARN and image-URI parsing that survives deploy-time tokens: a token like {{Ref:AWS::Region}}
// holds colons, so tokens are masked before splitting and put back after.

// Same syntax as deploy-time.ts. Not its deployTimeParts: that shares a global regex whose
// lastIndex hasDeployTimeValue leaves behind, so a call after it can miss tokens.
const TOKEN = /\{\{([A-Za-z]+):([^}]+)\}\}/g

export function tokensIn(value: string): string[] {
  return [...value.matchAll(new RegExp(TOKEN.source, 'g'))].map((m) => deployTimeToken(m[1] ?? '', m[2] ?? ''))
}

export function isWholeToken(value: string): boolean {
  const tokens = tokensIn(value)
  return tokens.length === 1 && tokens[0] === value
}

function masked<T>(value: string, fn: (masked: string, unmask: (s: string) => string) => T): T {
  const tokens = tokensIn(value)
  let out = value
  tokens.forEach((token, i) => {
    out = out.split(token).join(`\u0001${i}\u0001`)
  })
  const unmask = (s: string) => s.replace(/\u0001(\d+)\u0001/g, (_, i: string) => tokens[Number(i)] ?? '')
  return fn(out, unmask)
}

/** The fields of an ARN (arn, partition, service, region, account, resource...), tokens intact. */
export function arnFields(arn: string): string[] {
  return masked(arn, (m, unmask) => m.split(':').map(unmask))
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
  return masked(image, (m, unmask) => {
    const match = ECR_URI.exec(m)
    if (!match?.[1] || !match[2] || !match[3]) return undefined
    return {account: unmask(match[1]), region: unmask(match[2]), repository: unmask(match[3])}
  })
}

/** The account field of an ARN, when it is a concrete 12-digit account. */
export function arnAccount(arn: string): string | undefined {
  const account = arnFields(arn)[4]
  return account && /^\d{12}$/.test(account) ? account : undefined
}
