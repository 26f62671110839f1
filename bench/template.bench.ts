/**
 * Template engine benchmark: `npm run bench`.
 *
 * Builds a realistic Copier template (~200 files, versions v1.0.0 → v1.2.0) in a temp folder, then
 * measures the engine in-process (copy, 3-way update) and the whole `paved` CLI process (wall time,
 * peak RSS). Prints figures against the targets; never fails on timing. Env knobs: BENCH_RUNS (15),
 * BENCH_CLI_RUNS (7), BENCH_WARMUP (2), BENCH_KEEP=1 (keep the temp folders, e.g. to profile a CLI run).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { OperationResult } from '../src/template/index.js';
import { hasGnuTime, runCli, type CliRun } from './cli.js';
import { buildFixture, type Fixture } from './fixture.js';
import { commitAll, cpuTimes, git, loadavg, mb, ms, noopOutput, runBench, stats, table, tempDir, type Stats } from './util.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 7);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const TARGET = { copy: 150, update: 400 };
const FROM = 'v1.0.0';
const TO = 'v1.2.0';

type Engine = typeof import('../src/template/index.js');

/** A project as a user has it before updating: copied from v1.0.0, committed, then edited by hand and committed. */
async function prepareProject(engine: Engine, fixture: Fixture, dst: string): Promise<void> {
  await engine.copyTemplate({ src: fixture.dir, dst, vcsRef: FROM, defaults: true, output: noopOutput });
  git(dst, 'init', '-q', '-b', 'main');
  commitAll(dst, 'init from template');
  for (const edit of fixture.userEdits) {
    const file = path.join(dst, edit.path);
    const pattern = new RegExp(`^option_${String(edit.option).padStart(3, '0')} = ${edit.option}$`, 'm');
    const before = readFileSync(file, 'utf8');
    if (!pattern.test(before)) throw new Error(`bench: ${edit.path} has no line matching ${pattern} to edit`);
    let after = before.replace(pattern, (line) => `${line.split(' = ')[0]} = ${edit.kind === 'conflict' ? 42 : 4242}  # local override`);
    if (edit.kind === 'keep') after += '# local note: keep this\n';
    writeFileSync(file, after);
  }
  commitAll(dst, 'local edits');
}

function countActions(result: OperationResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const change of result.files) counts[change.action] = (counts[change.action] ?? 0) + 1;
  return counts;
}

/** One self-overwriting progress line on a terminal; only the last line otherwise. */
function progress(text: string, last: boolean): void {
  if (process.stdout.isTTY) process.stdout.write(`\r  ${text}   ${last ? '\n' : ''}`);
  else if (last) console.log(`  ${text}`);
}

async function timeEngine(label: string, total: number, prepare: (i: number) => Promise<string>, run: (dst: string) => Promise<OperationResult>, before?: () => void) {
  const samples: number[] = [];
  const cpu: number[] = [];
  let first: OperationResult | undefined;
  for (let i = 0; i < total + WARMUP; i++) {
    const dst = await prepare(i);
    before?.();
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const result = await run(dst);
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpuStarted);
    first ??= result;
    if (i >= WARMUP) {
      samples.push(elapsed);
      cpu.push((used.user + used.system) / 1000);
    }
    rmSync(dst, { recursive: true, force: true });
    progress(`${label}: run ${i + 1}/${total + WARMUP} (${elapsed.toFixed(0)} ms)`, i + 1 === total + WARMUP);
  }
  return { stats: stats(samples), cpu: stats(cpu), first: first! };
}

async function timeCli(label: string, total: number, prepare: (i: number) => Promise<string[]>, okCodes: number[], scratch: string) {
  const runs: CliRun[] = [];
  for (let i = 0; i < total; i++) {
    const args = await prepare(i);
    const run = await runCli(args, scratch);
    if (!okCodes.includes(run.code)) throw new Error(`bench: \`paved ${args.join(' ')}\` exited ${run.code}:\n${run.stderr.trim()}`);
    runs.push(run);
    progress(`${label}: run ${i + 1}/${total} (${run.ms.toFixed(0)} ms, exit ${run.code})`, i + 1 === total);
  }
  const rss = runs.map((r) => r.maxRssKb).filter((k): k is number => k !== undefined);
  return { stats: stats(runs.map((r) => r.ms)), rssKb: rss.length > 0 ? Math.max(...rss) : NaN, codes: [...new Set(runs.map((r) => r.code))] };
}

/** Share of the machine's CPU time spent waiting on the disk since `since` (from /proc/stat). */
const cpuAtStart = cpuTimes();
function ioWait(since: number[]): string {
  const now = cpuTimes();
  if (now.length < 5 || since.length < 5) return 'I/O wait unknown';
  const delta = now.map((v, i) => v - (since[i] ?? 0));
  const total = delta.reduce((a, b) => a + b, 0);
  return `${((100 * delta[4]!) / total).toFixed(0)}% of CPU time in I/O wait during the run`;
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log('Paved template engine benchmark');
  console.log(`  node ${process.version} (${process.platform}/${process.arch}), ${cpus.length} CPU(s): ${cpus[0]?.model.trim() ?? 'unknown'}, ${mb(os.totalmem())} RAM`);
  console.log(`  git ${git(process.cwd(), '--version').replace('git version ', '')}; runs: engine ${RUNS} (+${WARMUP} warm-up), CLI ${CLI_RUNS}; ${loadavg()}\n`);

  const root = tempDir('paved-bench-');
  if (process.env.BENCH_KEEP) console.log(`  BENCH_KEEP: work folder ${root} is kept`);
  let started = performance.now();
  const fixture = buildFixture(root);
  const sizes = fixture.versions.map((v) => `${v}: ${fixture.files[v]!.templated} templated + ${fixture.files[v]!.static} static`).join('; ');
  console.log(`  template built in ${ms(performance.now() - started)} (${sizes})`);

  started = performance.now();
  let engine: Engine;
  try {
    engine = await import('../src/template/index.js');
  } catch (error) {
    throw new Error(`bench: cannot load the template engine (src/template/index.ts): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  console.log(`  engine modules loaded in ${ms(performance.now() - started)}\n`);

  const work = (name: string, i: number) => path.join(root, `${name}-${i}`);
  // Cold: every run starts with no kept Jinja environment, as a CLI process does. Warm: the
  // process has rendered this template before, as fleet sync and the server have.
  const copyRun = (dst: string) => engine.copyTemplate({ src: fixture.dir, dst, vcsRef: TO, defaults: true, output: noopOutput });
  const updateRun = (dst: string) => engine.updateProject({ dst, vcsRef: TO, defaults: true, output: noopOutput });
  const updatePrepare = async (i: number) => {
    const dst = work('update', i);
    await prepareProject(engine, fixture, dst);
    return dst;
  };
  const copy = await timeEngine('engine copy (cold)', RUNS, async (i) => work('copy', i), copyRun, engine.clearRendererPool);
  const copyWarm = await timeEngine('engine copy (warm)', RUNS, async (i) => work('copy-warm', i), copyRun);
  const update = await timeEngine('engine update (cold)', RUNS, updatePrepare, updateRun, engine.clearRendererPool);
  const updateWarm = await timeEngine('engine update (warm)', RUNS, updatePrepare, updateRun);
  const engineRss = process.resourceUsage().maxRSS * 1024;

  // Untimed: bin/paved (re)bundles the sources when they are newer than dist/; the timed runs should not pay for that.
  await runCli(['--version'], root);
  const cliCopy = await timeCli('CLI copy', CLI_RUNS, async (i) => ['template', 'copy', fixture.dir, work('cli-copy', i), '--defaults'], [0], root);
  const cliUpdate = await timeCli('CLI update', CLI_RUNS, async (i) => {
    const dst = work('cli-update', i);
    await prepareProject(engine, fixture, dst);
    return ['template', 'update', dst, '--defaults'];
  }, [0, 2], root);
  const cliStart = await timeCli('CLI startup', 5, async () => ['--version'], [0], root);

  const copyActions = countActions(copy.first);
  const updateActions = countActions(update.first);
  const expectedConflicts = fixture.userEdits.filter((e) => e.kind === 'conflict').map((e) => e.path).sort();
  console.log(`\nWork done (first run of each):`);
  console.log(`  copy ${TO}: ${copy.first.files.length} files (${fmtCounts(copyActions)}), answers recorded: ${Object.keys(copy.first.answers).length}`);
  console.log(`  update ${FROM} -> ${TO} with ${fixture.userEdits.length} user-edited files: ${update.first.files.length} file changes (${fmtCounts(updateActions)})`);
  console.log(`    merged: ${updateActions.merge ?? 0}, conflicted: ${update.first.conflicts.length} [${update.first.conflicts.join(', ')}]`);
  const sameConflicts = JSON.stringify([...update.first.conflicts].sort()) === JSON.stringify(expectedConflicts);
  if (!sameConflicts) console.log(`    NOTE: expected conflicts in exactly [${expectedConflicts.join(', ')}]`);

  const row = (name: string, s: Stats, target?: number): string[] => [
    name,
    String(s.n),
    ms(s.median),
    ms(s.min),
    ms(s.p90),
    target ? `< ${target} ms` : '-',
    target ? (s.median < target ? 'yes' : 'NO') : '-',
  ];
  console.log('\nTime');
  console.log(
    table(
      ['measurement', 'runs', 'median', 'min', 'p90', 'target', 'met'],
      [
        row('engine copy, cold (in-process)', copy.stats, TARGET.copy),
        row('engine copy, warm (in-process)', copyWarm.stats, TARGET.copy),
        row('engine update, cold (in-process)', update.stats, TARGET.update),
        row('engine update, warm (in-process)', updateWarm.stats, TARGET.update),
        row('CLI copy (whole process)', cliCopy.stats),
        row(`CLI update (whole process, exit ${cliUpdate.codes.join('/')})`, cliUpdate.stats),
        row('CLI startup (paved --version)', cliStart.stats),
      ],
    ),
  );
  console.log('\nEngine CPU time (this process only: git child processes and waiting on the disk are not in it)');
  console.log(
    table(
      ['measurement', 'runs', 'median', 'min', 'p90'],
      [
        ...([['engine copy, cold', copy], ['engine copy, warm', copyWarm], ['engine update, cold', update], ['engine update, warm', updateWarm]] as const).map(
          ([name, r]) => [name, String(r.cpu.n), ms(r.cpu.median), ms(r.cpu.min), ms(r.cpu.p90)],
        ),
      ],
    ),
  );
  console.log('\nMemory (peak RSS)');
  const gnu = hasGnuTime ? '/usr/bin/time %M, max of runs' : '/usr/bin/time not found';
  console.log(
    table(
      ['measurement', 'peak RSS', 'how'],
      [
        ['engine (this process)', mb(engineRss), 'process.resourceUsage().maxRSS after the engine runs; includes the harness and tsx'],
        ['CLI copy', mb(cliCopy.rssKb * 1024), gnu],
        ['CLI update', mb(cliUpdate.rssKb * 1024), gnu],
        ['CLI startup', mb(cliStart.rssKb * 1024), gnu],
      ],
    ),
  );
  console.log(`\nMachine ${loadavg()} at the end; ${ioWait(cpuAtStart)} (other work on the machine inflates the figures).`);
  console.log('For scale: Copier 9.17 takes ~2.8 s to copy such a template and 7-9 s to update it on this machine.');
  const met = (s: Stats, target: number) => (s.median < target ? 'met' : 'NOT met');
  console.log(
    `Targets (engine medians; a benchmark, not a test): copy < ${TARGET.copy} ms: cold ${met(copy.stats, TARGET.copy)}, warm ${met(copyWarm.stats, TARGET.copy)}; ` +
      `update < ${TARGET.update} ms: cold ${met(update.stats, TARGET.update)}, warm ${met(updateWarm.stats, TARGET.update)}`,
  );
  console.log('Cold = no Jinja environment kept from an earlier run (a CLI process); warm = the process rendered this template before (fleet sync, the server).');
}


function fmtCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([action, n]) => `${action} ${n}`)
    .join(', ');
}

await runBench(main);
