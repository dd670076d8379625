import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'test/fixtures/**'],
    // Batch indicator outputs are not zero-filled; the tests fill them with a sentinel (see the file).
    setupFiles: ['test/setup/perturb-indicator-outputs.ts'],
    // Integration suites start servers and child processes; keep the 2-core machine responsive.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
