import {describe, expect, it} from 'vitest'

import {benchlingWebhookProfile as profile} from '../../src/profile/benchling-webhook.js'
import {runStatus} from '../../src/services/status.js'
import {renderStatus} from '../../src/services/status/render.js'
import {mockAccount} from '../fixtures/aws/account.js'

const NOW = Date.parse('2025-11-20T10:45:00Z')

describe('scratch', () => {
  it('prints', async () => {
    const account = mockAccount()
    const s = await runStatus({region: 'us-east-1'}, {clients: account.clients, now: () => NOW, profile})
    console.log(renderStatus(s, {color: false}))
    console.log(JSON.stringify(s, null, 2))
  })
})
