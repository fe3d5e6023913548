import { defineConfig } from 'vitest/config';

const SYNC_TESTS = ['test/integration/sync/**/*.test.ts', 'test/integration/hub/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: [...SYNC_TESTS, '**/node_modules/**'],
          environment: 'node',
          testTimeout: 20_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Sync runs real hubs, laptops, proxies and a Postgres server as child processes and kills them
        // at random: on two cores that would starve the browser tests' timings, so it runs as a group of
        // its own, never beside them (vitest runs groups of projects one after another).
        test: {
          name: 'sync',
          include: SYNC_TESTS,
          environment: 'node',
          testTimeout: 20_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          sequence: { groupOrder: 0 },
          // The unit project's imports and OCR share the two cores: a screen may take more than a second to follow.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
