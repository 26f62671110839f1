/**
 * `paved new` benchmark: `npm run bench:new`.
 *
 * From command to committed GitOps state (target: under 5 s). A fresh workspace (`paved init`,
 * untimed) gets RUNS components from the shipped typescript-service template, two ways:
 * - whole process: `bin/paved new typescript-service --name … --team payments --defaults --json`,
 *   as a user runs it (process start, bundle load, template render, repository, GitOps, catalog);
 * - in process: `createComponent` on an open platform, the same work without process start-up.
 * Every run makes a new component, so each later one also pays for a GitOps repository that
 * grows. Prints median, min, p90 and max per way, and the share of each step in process.
 * Prints figures only; never fails on timing. Env knobs: BENCH_RUNS (7).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { initWorkspace } from '../src/platform/init.js';
import { createComponent, type NewStep } from '../src/platform/new.js';
import { openPlatform } from '../src/platform/platform.js';
import { count, loadavg, ms, noopOutput, runBench, stats, table, tempDir } from './util.js';

const RUNS = count('BENCH_RUNS', 7, 1);
const PAVED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/paved');

await runBench(async () => {
  const workspace = path.join(tempDir('paved-bench-new-'), 'ws');
  await initWorkspace(workspace);
  // The first run of bin/paved bundles the sources; do it untimed, as a checkout's first command would.
  spawnSync(PAVED, ['--version'], { encoding: 'utf8' });

  const whole: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = spawnSync(PAVED, ['new', 'typescript-service', '--name', `proc-${i}`, '--team', 'payments', '--defaults', '--json', '--workspace', workspace], { encoding: 'utf8' });
    whole.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`paved new failed: ${result.stderr.trim().split('\n').pop()}`);
  }

  const inProcess: number[] = [];
  const steps: Record<NewStep, number[]> = { template: [], repository: [], gitops: [], catalog: [] };
  const platform = await openPlatform(workspace);
  try {
    for (let i = 0; i < RUNS; i++) {
      let last = performance.now();
      let current: NewStep | undefined;
      const mark = (next?: NewStep) => {
        const at = performance.now();
        if (current) steps[current].push(at - last);
        last = at;
        current = next;
      };
      const started = performance.now();
      await createComponent(platform, { template: 'typescript-service', name: `lib-${i}`, team: 'payments', defaults: true, actor: 'admin', onStep: mark, output: noopOutput });
      mark();
      inProcess.push(performance.now() - started);
    }
  } finally {
    await platform.close();
  }

  const row = (label: string, samples: number[]) => {
    const s = stats(samples);
    return [label, String(s.n), ms(s.median), ms(s.min), ms(s.p90), ms(s.max)];
  };
  console.log(`paved new typescript-service, ${RUNS} runs each (${loadavg()})\n`);
  console.log(table(['way', 'runs', 'median', 'min', 'p90', 'max'], [row('whole process (bin/paved)', whole), row('in process (createComponent)', inProcess)]));
  console.log('');
  console.log(table(['step (in process)', 'runs', 'median', 'min', 'p90', 'max'], (Object.keys(steps) as NewStep[]).map((s) => row(s, steps[s]))));
  console.log(`\ntarget: under 5000 ms from command to committed GitOps state; whole-process median ${ms(stats(whole).median)}`);
});
