/**
 * `paved release plan` benchmark: `node --import tsx bench/release.bench.ts`.
 *
 * A repository of COMMITS commits over COMPONENTS components (built with `git fast-import` in
 * about a second), every component tagged at the first commit, then conventional commits (some
 * with bodies, footers and breaking changes) touching one or two components each. Times, median
 * of RUNS:
 * - `git log --name-only` over the same history (the floor: reading it at all);
 * - `planReleases` in process (first run reported apart: a cold process pays JIT warm-up);
 * - the whole CLI, `bin/paved release plan --json --dir REPO`;
 * - the same CLI on a repository with the same 50 components and one commit to release: what
 *   the command costs whatever the history (starting Node, loading the engine, 50 strategies).
 * Target: plan at most 2× git log. Prints figures only; never fails on timing.
 * Env knobs: BENCH_COMMITS (10000), BENCH_COMPONENTS (50), BENCH_RUNS (5).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { planReleases } from '../src/release/plan.js';
import { PAVED } from './cli.js';
import { GIT_ENV, count, git, loadavg, ms, rng, runBench, stats, table, tempDir } from './util.js';

const COMMITS = count('BENCH_COMMITS', 10_000, 1);
const COMPONENTS = count('BENCH_COMPONENTS', 50, 1);
const RUNS = count('BENCH_RUNS', 5, 1);
const TYPES = ['feat', 'fix', 'fix', 'chore', 'docs', 'refactor', 'perf', 'test'];

/** A fast-import stream: one setup commit with the config and tags, then the history. */
function importStream(commits: number): string {
  const random = rng(8);
  const out: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const name = (i: number) => `c${String(i).padStart(2, '0')}`;
  const packages: Record<string, unknown> = {};
  const manifest: Record<string, string> = {};
  const files: string[] = [];
  for (let i = 0; i < COMPONENTS; i++) {
    const dir = `packages/${name(i)}`;
    const type = ['node', 'simple', 'helm'][i % 3]!;
    packages[dir] = { 'release-type': type, component: name(i), 'bump-minor-pre-major': true };
    manifest[dir] = '1.0.0';
    if (type === 'node') files.push(`M 644 inline ${dir}/package.json\n${data(JSON.stringify({ name: name(i), version: '1.0.0' }, null, 2))}`);
    if (type === 'helm') files.push(`M 644 inline ${dir}/Chart.yaml\n${data(`apiVersion: v2\nname: ${name(i)}\nversion: 1.0.0\n`)}`);
    files.push(`M 644 inline ${dir}/src/index.ts\n${data('export {};\n')}`);
  }
  files.push(`M 644 inline release-please-config.json\n${data(JSON.stringify({ packages }, null, 2))}`);
  files.push(`M 644 inline .release-please-manifest.json\n${data(JSON.stringify(manifest, null, 2))}`);
  let when = 1_700_000_000;
  const commit = (mark: number, message: string, changes: string[]) => {
    out.push(`commit refs/heads/main\nmark :${mark}\ncommitter bench <bench@example.invalid> ${when++} +0000\n${data(message)}${changes.join('')}\n`);
  };
  commit(1, 'chore: release main', files);
  for (let i = 0; i < COMPONENTS; i++) out.push(`reset refs/tags/${name(i)}-v1.0.0\nfrom :1\n\n`);
  for (let n = 2; n <= commits; n++) {
    const a = Math.floor(random() * COMPONENTS);
    const touched = random() < 0.2 ? [a, Math.floor(random() * COMPONENTS)] : [a];
    const type = TYPES[Math.floor(random() * TYPES.length)]!;
    const roll = random();
    const extra = roll < 0.1 ? `\n\nSome context about change ${n}.\nSecond line.\n\nRefs: #${n}` : roll < 0.12 ? `\n\nBREAKING CHANGE: interface ${n} changed` : roll < 0.2 ? `\n\nSigned-off-by: Dev <dev@example.invalid>` : '';
    const changes = touched.map((c) => `M 644 inline packages/${name(c)}/src/f${n % 7}.ts\n${data(`export const v = ${n};\n`)}`);
    commit(n, `${type}(${name(a)}): change ${n}${extra}`, changes);
  }
  return out.join('');
}

function time(label: string, f: () => void): number {
  const started = performance.now();
  f();
  return performance.now() - started;
}

await runBench(async () => {
  const build = (name: string, commits: number) => {
    const dir = path.join(tempDir('paved-bench-release-'), name);
    git(path.dirname(dir), 'init', '-q', '-b', 'main', dir);
    execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: importStream(commits), env: { ...process.env, ...GIT_ENV }, maxBuffer: 256 * 1024 * 1024 });
    git(dir, 'checkout', '-q', 'main');
    return dir;
  };
  let repo = '';
  const built = time('build', () => (repo = build('repo', COMMITS)));
  const small = build('small', 2);
  spawnSync(PAVED, ['--version'], { encoding: 'utf8' }); // bundles the CLI once, untimed

  const gitLog: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    gitLog.push(time('git log', () => execFileSync('git', ['log', '-z', '--name-only', '--format=%H %P%x00%B', 'HEAD'], { cwd: repo, maxBuffer: 256 * 1024 * 1024 })));
  }
  const inProcess: number[] = [];
  let releases = 0;
  let cold = 0;
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    const plan = await planReleases({ dir: repo, date: '2025-01-01' });
    const took = performance.now() - started;
    if (i === 0) cold = took;
    else inProcess.push(took);
    releases = plan.releases.length;
  }
  const runCli = (dir: string): number[] => {
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const result = spawnSync(PAVED, ['release', 'plan', '--json', '--dir', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      samples.push(performance.now() - started);
      if (result.status !== 0) throw new Error(`paved release plan failed: ${result.stderr.trim().split('\n').pop()}`);
    }
    return samples;
  };
  const cli = runCli(repo);
  const fixed = runCli(small);

  const row = (label: string, samples: number[]) => {
    const s = stats(samples);
    return [label, String(s.n), ms(s.median), ms(s.min), ms(s.max), `${(s.median / stats(gitLog).median).toFixed(2)}×`];
  };
  console.log(`release plan on ${COMMITS} commits, ${COMPONENTS} components (repository built in ${ms(built)}; ${loadavg()})\n`);
  console.log(
    table(
      ['what', 'runs', 'median', 'min', 'max', 'vs git log'],
      [row('git log --name-only (floor)', gitLog), row('planReleases, in process (warm)', inProcess), row('planReleases, first call in process', [cold]), row('bin/paved release plan --json', cli), row('the same, 1 commit to release (fixed cost)', fixed)],
    ),
  );
  console.log(`\n${releases} releases planned; target: plan at most 2× git log (${ms(2 * stats(gitLog).median)})`);
});
