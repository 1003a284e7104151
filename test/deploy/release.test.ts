import {describe, expect, test} from 'vitest'

import {chooseImage} from '../../src/deploy/image.js'
import {judgeRelease} from '../../src/deploy/preflight-judges.js'
import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'

// bwops deploy sets the webhook up as v0.5.x (legacy) or v0.6-v0.7 (secrets-only) read it; an image
// of another release would start and exit, so preflight says so before anything changes.

const judge = (tag: string, mode: 'legacy' | 'secrets-only') => judgeRelease(chooseImage({imageTag: tag}, profile), mode).map((i) => `${i.severity}: ${i.title}`)

describe('preflight: the image release fits the mode deploy sets up', () => {
  test.each<[string, 'legacy' | 'secrets-only', string[]]>([
    ['0.7.10', 'secrets-only', []],
    ['0.6.0', 'secrets-only', []],
    ['0.5.4', 'legacy', []],
    ['latest', 'secrets-only', []],
    ['0.5.4', 'secrets-only', ['error: The image public.ecr.aws/quiltdata/benchling:0.5.4 is release 0.5.4, which does not run in secrets-only mode as bwops deploy sets it up: v0.5.x reads only the legacy variables']],
    ['0.7.10', 'legacy', ['error: The image public.ecr.aws/quiltdata/benchling:0.7.10 is release 0.7.10, which does not run in legacy mode as bwops deploy sets it up: v0.6-v0.7 read only QuiltStackARN and BenchlingSecret']],
    ['0.18.0', 'secrets-only', ['error: The image public.ecr.aws/quiltdata/benchling:0.18.0 is release 0.18.0, which does not run in secrets-only mode as bwops deploy sets it up: from v0.8.0 the app reads QUILT_WEB_HOST, ATHENA_USER_DATABASE and PACKAGER_SQS_URL, resolved at deploy time, which bwops deploy does not set']],
    ['1.2.0', 'secrets-only', ['warning: The image public.ecr.aws/quiltdata/benchling:1.2.0 is release 1.2.0, which bwops does not know (the newest it knows is 0.18.0): it cannot tell whether the app reads what secrets-only mode sets']],
  ])('%s in %s mode', (tag, mode, expected) => {
    expect(judge(tag, mode)).toEqual(expected)
  })

  test('the fix names tags that work, and upstream\'s deploy for v0.8 on', () => {
    const [item] = judgeRelease(chooseImage({imageTag: '0.18.0'}, profile), 'secrets-only')
    expect(item?.fix).toBe("Deploy 0.6.x or 0.7.x (e.g. --image-tag 0.7.10), or use --mode legacy with a 0.5.x image; to run 0.18.0, deploy it with upstream's own deploy and check it with bwops doctor --stack-name.")
  })
})
