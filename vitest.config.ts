import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Tests drive real git processes; the default 5 s is too tight on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One worker per CPU, and at least two (vitest's default is one fewer): most tests wait on git
    // processes and loopback HTTP, so the machine stays busy. Tests never block their event loop
    // for long (test/support/exec.ts), which keeps vitest's worker RPC answering however loaded
    // the machine is.
    maxWorkers: Math.max(2, os.availableParallelism()),
    minWorkers: 1,
  },
});
