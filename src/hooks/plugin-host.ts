import {register} from 'node:module'

import type {Hook} from '@oclif/core'

// When a user has installed or linked plugins, `benchling-webhook-ops` resolves for them to this
// bwops (src/plugins/host-resolve.ts). Without such plugins nothing is registered: a plain run
// pays nothing for it.

const hook: Hook.Init = async function () {
  const plugins = [...this.config.plugins.values()]
  if (!plugins.some((p) => p.type === 'user' || p.type === 'link')) return
  register(new URL('../plugins/host-resolve.js', import.meta.url), {
    data: {entry: new URL('../index.js', import.meta.url).href, packageJson: new URL('../../package.json', import.meta.url).href},
  })
}

export default hook
