/// <reference types="vitest/config" />
import os from 'node:os';
import { getViteConfig } from 'astro/config';

export default getViteConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // Vitest's default is one file at a time on two cores, but most files wait on real servers, child
    // processes, a database and lease timers rather than on the CPU: two at a time halves the wall time.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // On a shared CI machine a real-server test can lose a race with the machine; once more, then it is red.
    // Vitest reports every retried test, so a flaky one is seen and fixed, not hidden.
    retry: process.env.CI ? 1 : 0,
  },
});
