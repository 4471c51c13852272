import { defineConfig } from 'vitest/config';

/** Browser tests: one real server and one Chromium per file, so files run one after another. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
