import { defineConfig } from 'vitest/config';

/**
 * `npm run soak`: the long versions of the reliability tests (test/reliability): the fault matrix on both engines at a
 * bigger scale, and 30 SIGKILLs of a medium-scale sync per PSA and of Delete All / restore. Takes tens of minutes.
 */
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    env: { PSALINK_SOAK: '1' },
    testTimeout: 0,
    hookTimeout: 600_000,
    // One file at a time: the crash loop's timings should not depend on the fault matrix beside it.
    fileParallelism: false,
  },
});
