import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Tests drive real git processes; the default 5 s is too tight on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two workers on two CPUs: most tests wait on git processes and loopback HTTP, so the
    // machine stays busy. Tests never block their event loop for long (test/support/exec.ts),
    // which keeps vitest's worker RPC answering however loaded the machine is.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
