import { defineConfig } from 'vitest/config';

// The slow tier: the built binary in a real terminal (tmux) and the fix loop. `npm run test:e2e`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      FORCE_COLOR: '0',
      // Never the real instance metadata address: a test that needs IMDS starts its own server on loopback.
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  },
});
