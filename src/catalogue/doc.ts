import {exitCodes} from './exit-codes.js'
import {benchlingWebhookProfile} from '../profile/benchling-webhook.js'
import {signaturesFor} from './log-signatures.js'

const logSignatures = signaturesFor(benchlingWebhookProfile.logSignatures)
import {serviceEventEntries} from './service-events.js'
import {stackFailureEntries} from './stack-events.js'
import {stopReasonEntries} from './stop-reasons.js'
import {fill} from './types.js'

// docs/catalogue.md is this function's output (`npx vite-node scripts/catalogue-doc.ts`); a test
// fails when the two differ, so the page cannot drift from the data.

const cell = (text: string) => fill(text, {}).replaceAll('|', '\\|').replaceAll('\n', ' ')
const pattern = (re: RegExp | undefined) => (re ? `\`${re.source.replaceAll('|', '\\|').replaceAll('`', "'")}\`` : '')

function table(headers: string[], rows: string[][]): string[] {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)]
}

export function renderCatalogueDoc(): string {
  const lines = [
    '# The catalogue: known causes of failure',
    '',
    'Generated from src/catalogue/ and src/profile/log-signatures.ts by `npx vite-node scripts/catalogue-doc.ts`; do not edit by hand.',
    '`<name>` marks a part taken from the message (a JSON key, an action). Patterns are matched against the message;',
    'the first entry that matches wins, so specific entries come before the general ones.',
    '',
    '## Stop reasons (stopped-task-causes)',
    '',
    ...table(
      ['id', 'stop codes', 'pattern', 'title', 'cause', 'fix', 'failure', 'impact'],
      stopReasonEntries.map((e) => [e.id, e.stopCodes?.join(', ') ?? '', pattern(e.pattern), cell(e.title), cell(e.cause), cell(e.fix), e.failure ? 'yes' : 'no', e.impact]),
    ),
    '',
    'A stop no entry matches is `unknown`: a failure when its stop code is TaskFailedToStart or EssentialContainerExited.',
    '',
    '## Exit codes (essential-container-exited)',
    '',
    ...table(['id', 'code', 'meaning', 'cause', 'fix'], exitCodes.map((e) => [e.id, String(e.code), cell(e.meaning), cell(e.cause), cell(e.fix)])),
    '',
    'Other codes above 128 read as `exit-signal` (killed by signal code - 128); any other as `exit-other`.',
    '',
    '## Log signatures (container-log-signatures)',
    '',
    ...table(
      ['id', 'pattern', 'title', 'cause', 'fix', 'impact'],
      logSignatures.map((e) => [e.id + (e.wrapper ? ' (wrapper)' : ''), pattern(e.pattern), cell(e.title), cell(e.cause), cell(e.fix), e.impact]),
    ),
    '',
    'A wrapper is reported only when no other signature explains its line. `python-traceback` is found by shape: its',
    'exception line is the first unindented line after the frames.',
    '',
    '## Service events (service-events)',
    '',
    ...table(
      ['id', 'pattern', 'title', 'cause', 'fix', 'severity'],
      serviceEventEntries.map((e) => [e.id, pattern(e.pattern), cell(e.title), cell(e.cause), cell(e.fix), e.severity]),
    ),
    '',
    '## Stack failures (stack-rollback)',
    '',
    ...table(['id', 'pattern', 'title', 'cause', 'fix'], stackFailureEntries.map((e) => [e.id, pattern(e.pattern), cell(e.title), cell(e.cause), cell(e.fix)])),
    '',
  ]
  return lines.join('\n')
}

/** Every id the catalogue holds, for the test that keeps docs/catalogue.md in step. */
export function catalogueIds(): string[] {
  return [stopReasonEntries, exitCodes, logSignatures, serviceEventEntries, stackFailureEntries].flatMap((list) => list.map((e) => e.id))
}
