import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // oclif writes through console.log; runCommand captures process.stdout, so vitest must not intercept
    disableConsoleIntercept: true,
    // tests never reach AWS: no instance metadata look-ups, and any stray call goes to loopback
    env: {AWS_EC2_METADATA_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1'},
  },
})
