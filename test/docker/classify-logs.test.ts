import {describe, expect, it} from 'vitest'

import {classifyProbeLogs as classify} from '../../src/docker/classify-logs.js'
import {benchlingWebhookProfile} from '../../src/profile/benchling-webhook.js'

const classifyProbeLogs = (lines: string[]) => classify(lines, benchlingWebhookProfile)

describe('classifyProbeLogs', () => {
  it('explains a traceback by its final line, never by the source line quoting the message', () => {
    const lines = [
      'ERROR Failed to initialize application',
      'Traceback (most recent call last):',
      '  File "/app/src/config.py", line 17, in get_config',
      '    raise ValueError(f"Missing required configuration: {\', \'.join(missing)}")',
      'ValueError: Missing required configuration: BENCHLING_TENANT',
    ]
    expect(classifyProbeLogs(lines).map((m) => [m.id, m.line])).toEqual([
      ['webhook-missing-configuration', 'ValueError: Missing required configuration: BENCHLING_TENANT'],
      ['webhook-init-failed', 'ERROR Failed to initialize application'],
    ])
  })

  it('keeps the latest line of a signature that repeats', () => {
    const matches = classifyProbeLogs(['ValueError: Missing required configuration: QUEUE_ARN', 'ValueError: Missing required configuration: BENCHLING_TENANT'])
    expect(matches.map((m) => m.title)).toEqual(['The webhook is missing configuration: BENCHLING_TENANT'])
  })

  it('finds nothing in a healthy log', () => {
    expect(classifyProbeLogs(['INFO Starting benchling-webhook on port 5000', 'INFO Application ready'])).toEqual([])
  })
})
