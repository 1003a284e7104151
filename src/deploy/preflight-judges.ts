import type {Mode, SecretContent} from '../facts/types.js'
import {lineOf, NEWEST_KNOWN} from '../profile/contracts.js'
import type {Profile} from '../profile/types.js'
import {imageTag, parseVersion} from '../profile/version.js'
import type {ImageLookup, SecretLookup} from './clients.js'
import type {ImageChoice} from './image.js'
import type {Plan, QuiltStackLookup} from './plan.js'
import type {PreflightItem} from './preflight.js'

// Pure judgements of what the plan's lookups found. Each item says what is wrong and what to do.

const item = (severity: PreflightItem['severity'], title: string, fix?: string): PreflightItem => ({severity, source: 'preflight', title, ...(fix ? {fix} : {})})

export function judgeSecret(plan: Plan, secret: SecretLookup, content: SecretContent | undefined, profile: Profile): PreflightItem[] {
  const legacy = plan.mode.mode === 'legacy'
  const what = legacy ? 'The client secret' : 'The Benchling secret'
  const flag = legacy ? '--client-secret-id' : '--benchling-secret'
  if (!secret.found) {
    return secret.reason === 'not-found'
      ? [item('error', `${what} given with ${flag} does not exist in ${plan.region}`, `Check the name or ARN (aws secretsmanager list-secrets --region ${plan.region}), or create it.`)]
      : [item('error', `${what} given with ${flag} cannot be described: access denied`, 'Deploy with credentials allowed secretsmanager:DescribeSecret and GetSecretValue on it.')]
  }

  if (secret.deleted) return [item('error', `${what} ${secret.name} is scheduled for deletion`, `Restore it: aws secretsmanager restore-secret --secret-id ${secret.arn}`)]
  if (!content) return []
  if (content.kind !== 'json-object') {
    return [item('error', `${what} ${secret.name} is not a JSON object (${content.kind === 'json-other' ? content.jsonType : content.kind === 'not-json' ? content.reason : 'binary'})`, 'Store it as JSON, e.g. {"client_id": "...", "client_secret": "...", "tenant": "..."}.')]
  }

  const specs = legacy ? profile.secret.keys.filter((k) => k.name === 'client_secret') : profile.secret.keys.filter((k) => k.required)
  const missing = specs.filter((k) => !content.keys[k.name]).map((k) => k.name)
  // webhook_allow_list may be empty: no IP filter
  const empty = specs.filter((k) => !k.mayBeEmpty && content.keys[k.name]?.empty).map((k) => k.name)
  const items: PreflightItem[] = []
  if (missing.length > 0) {
    items.push(item('error', `${what} ${secret.name} has no key ${missing.join(', ')}`, `Add ${missing.map((k) => `"${k}"`).join(', ')} to the secret's JSON (aws secretsmanager put-secret-value --secret-id ${secret.arn} --secret-string file://secret.json).`))
  }

  if (empty.length > 0) items.push(item('error', `${what} ${secret.name} has empty ${empty.join(', ')}`, 'Give each a value in the secret\'s JSON.'))
  return items
}

export function judgeQuiltStack(lookup: QuiltStackLookup, arn: string, profile: Profile): PreflightItem[] {
  if (!lookup.found && lookup.otherRegion) {
    return [item('error', `The Quilt stack ${arn} cannot be read: ${lookup.reason}`, `Deploy into the Quilt stack's region (--region ${lookup.otherRegion}), or give --quilt-stack-arn the ARN of a Quilt stack in this region.`)]
  }

  if (!lookup.found) {
    return [item('error', `The Quilt stack ${arn} cannot be read: ${lookup.reason}`, 'Check --quilt-stack-arn (aws cloudformation describe-stacks --stack-name <arn>) and that it is in this region.')]
  }

  const outputs = lookup.stack.outputs
  const missing = profile.quiltStackOutputs.required.filter((names) => !names.some((n) => outputs[n])).map((names) => names.join(' or '))
  const items: PreflightItem[] = []
  if (missing.length > 0) {
    items.push(item('error', `The Quilt stack ${lookup.stack.name} lacks the outputs ${missing.join(', ')}`, 'Point --quilt-stack-arn at the Quilt catalog stack itself, or update it to a version that exports them.'))
  }

  if (!profile.quiltStackOutputs.catalog.some((n) => outputs[n])) {
    items.push(item('error', `The Quilt stack ${lookup.stack.name} has none of ${profile.quiltStackOutputs.catalog.join(', ')}, so the catalog cannot be told`, 'Update the Quilt stack, or deploy in legacy mode with --catalog.'))
  }

  return items
}

export function judgeImage(image: ImageChoice, lookup: ImageLookup | undefined): PreflightItem[] {
  if (!image.ecr || !lookup) return [item('info', `The image ${image.uri} is not in a private ECR registry: its existence is not checked`)]
  if (lookup.status === 'found') return []
  if (lookup.status === 'not-found') return [item('error', `The image ${image.uri} does not exist: ${lookup.reason}`, `Push the tag, or give an existing one with --image (aws ecr describe-images --repository-name ${image.ecr.repository}).`)]
  return [item('warning', `The image ${image.uri} could not be checked: ${lookup.reason}`)]
}

/**
 * bwops deploy sets the webhook up as v0.5.x reads it (legacy) or as v0.6-v0.7 read it (secrets-only:
 * QuiltStackARN and BenchlingSecret). An image of another release would start and exit: say so
 * before anything changes (docs/releases.md).
 */
export function judgeRelease(image: ImageChoice, mode: Mode): PreflightItem[] {
  const version = parseVersion(imageTag(image.uri))
  if (!version) return []
  const line = lineOf(version.text)
  const wanted = mode === 'legacy' ? 'v0.5' : 'v0.6-v0.7'
  if (line?.release.line === wanted) return []
  const tags = mode === 'legacy' ? '0.5.x (e.g. --image-tag 0.5.4)' : '0.6.x or 0.7.x (e.g. --image-tag 0.7.10)'
  if (!line) {
    return [item('warning', `The image ${image.uri} is release ${version.text}, which bwops does not know (the newest it knows is ${NEWEST_KNOWN}): it cannot tell whether the app reads what ${mode} mode sets`, `Deploy ${tags}, or check the app's variables for ${version.text} before deploying.`)]
  }

  const why = line.release.line === 'v0.5'
    ? 'v0.5.x reads only the legacy variables'
    : line.release.line === 'v0.6-v0.7'
      ? 'v0.6-v0.7 read only QuiltStackARN and BenchlingSecret'
      : 'from v0.8.0 the app reads QUILT_WEB_HOST, ATHENA_USER_DATABASE and PACKAGER_SQS_URL, resolved at deploy time, which bwops deploy does not set'
  const other = mode === 'legacy' ? 'or use --mode secrets-only with a 0.6.x or 0.7.x image' : 'or use --mode legacy with a 0.5.x image'
  const upstream = line.release.line === 'v0.5' || line.release.line === 'v0.6-v0.7' ? '' : `; to run ${version.text}, deploy it with upstream's own deploy and check it with bwops doctor --stack-name`
  return [item('error', `The image ${image.uri} is release ${version.text}, which does not run in ${mode} mode as bwops deploy sets it up: ${why}`, `Deploy ${tags}, ${other}${upstream}.`)]
}
