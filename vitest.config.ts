import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Tests drive real git processes; the default 5 s is too tight on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default on 2 CPUs is one worker, but these tests spend most of their time waiting
    // on git and HTTP: two workers took the suite from 698 s to 556 s here, with no failures.
    maxWorkers: 2,
    minWorkers: 2,
  },
});
