/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

export default getViteConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // On a shared CI machine a real-server test can lose a race with the machine; once more, then it is red.
    // Vitest reports every retried test, so a flaky one is seen and fixed, not hidden.
    retry: process.env.CI ? 1 : 0,
  },
});
