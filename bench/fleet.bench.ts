/**
 * Fleet benchmark: `npm run bench:fleet` (issue 7).
 *
 * A fleet of COMPONENTS components on the local forge, one template change, and the fleet engine
 * run over it: `fleet status`, then `fleet sync` (one update pull request per component), then
 * `fleet sync` again (every pull request already open: all `unchanged`). Target: the whole fleet
 * of 1,000 in under 60 s on a 2-core machine.
 *
 * Setup (untimed, its time printed): a workspace (paved init), a small Copier template in a local
 * git repo tagged v1.0.0, one real render whose name is swapped for every other component (checked
 * against a second real render), every component's first commit written by one `git fast-import`,
 * each repository created on the forge and its `main` pushed with real git; then the template
 * change (README.md.jinja edited, tagged v1.1.0).
 *
 * Prints total time, components per second, the time before the first pull request work starts
 * (discovery + drift) and after it, the time of one unit (clone, update, commit, push, pull
 * request), forge calls, CPU of this process vs the machine, and peak memory. Prints figures
 * only; never fails on timing (it fails when the outcomes are wrong). Env knobs:
 * BENCH_COMPONENTS (1000), BENCH_CONCURRENCY (the engine's default, 4), BENCH_GIT_TRACE=1 (count
 * git processes by command in the first sync, with GIT_TRACE2; slows it down), BENCH_KEEP=1.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Repository } from '../src/forge/types.js';
import type { LocalForge } from '../src/forge/local/forge.js';
import type { SyncResult } from '../src/fleet/types.js';
import { platformFleetStatus, platformFleetSync } from '../src/platform/fleet.js';
import { initWorkspace } from '../src/platform/init.js';
import { openPlatform, type Platform } from '../src/platform/platform.js';
import { copyTemplate } from '../src/template/index.js';
import { commitAll, count, cpuTimes, git, GIT_ENV, loadavg, mb, ms, noopOutput, runBench, stats, table, tempDir } from './util.js';

const COMPONENTS = count('BENCH_COMPONENTS', 1000, 1);
const CONCURRENCY = process.env.BENCH_CONCURRENCY ? count('BENCH_CONCURRENCY', 4, 1) : undefined;
const ENGINE_DEFAULT_CONCURRENCY = 4;
const GIT_TRACE = process.env.BENCH_GIT_TRACE === '1';
/** Repositories created and pushed at once during setup (the git shells are at most 4). */
const SETUP_WORKERS = 4;
/** Issue 7's target: 1,000 components in 60 s, i.e. 60 ms a component whatever BENCH_COMPONENTS is. */
const TARGET = { components: 1000, ms: 60_000 };
const targetMs = (n: number) => (n * TARGET.ms) / TARGET.components;
const ORG = 'acme';

const nameOf = (i: number) => `svc-${String(i).padStart(Math.max(4, String(COMPONENTS - 1).length), '0')}`;

// --- the template --------------------------------------------------------------------------------

const README = (text: string) => `# {{ name }}\n\nA service of the fleet benchmark.\n\n## Usage\n\n${text}\n\nSee docs/guide.md.\n`;
const CHANGELOG_V1 = '## [1.0.0] - 2024-01-15\n\n### Added\n\n- First release.\n';
const CHANGELOG_V11 = '## [1.1.0] - 2024-02-01\n\n### Changed\n\n- The README explains how to run the service.\n';

const TEMPLATE_FILES: Record<string, string> = {
  'copier.yml': "_subdirectory: template\nname:\n  type: str\n  help: The component's name\n  default: svc\n",
  'CHANGELOG.md': `# Changelog\n\n${CHANGELOG_V1}`,
  'template/{{ _copier_conf.answers_file }}.jinja': '# Changes here will be overwritten by Copier; NEVER EDIT MANUALLY\n{{ _copier_answers|to_nice_yaml -}}\n',
  'template/README.md.jinja': README('Run `npm start`.'),
  'template/catalog-info.yaml.jinja':
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: {{ name }}\n  description: The {{ name }} service\nspec:\n  type: service\n  lifecycle: production\n  owner: group:payments\n',
  'template/package.json.jinja': '{\n  "name": "{{ name }}",\n  "version": "0.1.0",\n  "private": true,\n  "scripts": { "start": "node src/index.js" }\n}\n',
  'template/src/index.js.jinja': "console.log('{{ name }} is up');\n",
  'template/docs/guide.md': '# Guide\n\nHow to run and release this service.\n',
  'template/.gitignore': 'node_modules/\n',
};

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}

interface ProjectFile {
  path: string;
  mode: '100644' | '100755';
  text: string;
}

/** A rendered project's files (no .git), sorted by path. */
function readProject(dir: string, under = ''): ProjectFile[] {
  const files: ProjectFile[] = [];
  for (const entry of readdirSync(path.join(dir, under), { withFileTypes: true })) {
    const rel = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...readProject(dir, rel));
    else {
      const full = path.join(dir, rel);
      files.push({ path: rel, mode: statSync(full).mode & 0o100 ? '100755' : '100644', text: readFileSync(full, 'utf8') });
    }
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** Component i's files: the render for component 0 with its name swapped in. */
function variant(files: ProjectFile[], i: number): ProjectFile[] {
  return files.map((f) => ({ ...f, path: f.path.replaceAll(nameOf(0), nameOf(i)), text: f.text.replaceAll(nameOf(0), nameOf(i)) }));
}

/** One `git fast-import` stream: component i's first commit on refs/heads/c/<name>. */
function fastImportStream(files: ProjectFile[]): Buffer {
  const parts: Buffer[] = [];
  const data = (text: string) => {
    const body = Buffer.from(text);
    parts.push(Buffer.from(`data ${body.length}\n`), body, Buffer.from('\n'));
  };
  for (let i = 0; i < COMPONENTS; i++) {
    parts.push(Buffer.from(`commit refs/heads/c/${nameOf(i)}\ncommitter bench <bench@example.invalid> 1700000000 +0000\n`));
    data(`feat: create ${nameOf(i)}`);
    for (const f of variant(files, i)) {
      parts.push(Buffer.from(`M ${f.mode} inline ${f.path}\n`));
      data(f.text);
    }
  }
  return Buffer.concat(parts);
}

// --- measuring -----------------------------------------------------------------------------------

interface ForgeCalls {
  calls: Map<string, { n: number; ms: number }>;
  /** When each repository's first call came (the unit starts with findOpenPullRequest). */
  unitStart: Map<string, number>;
  firstUnitAt?: number;
}

/** The forge with every method call counted and timed; `findOpenPullRequest` marks a unit's start. */
function instrumented(forge: LocalForge, into: ForgeCalls): LocalForge {
  return new Proxy(forge, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const name = String(prop);
      return (...args: unknown[]) => {
        const started = performance.now();
        if (name === 'findOpenPullRequest') {
          into.firstUnitAt ??= started;
          const repo = (args[0] as { fullName?: string } | undefined)?.fullName;
          if (repo && !into.unitStart.has(repo)) into.unitStart.set(repo, started);
        }
        const done = () => {
          const entry = into.calls.get(name) ?? { n: 0, ms: 0 };
          entry.n += 1;
          entry.ms += performance.now() - started;
          into.calls.set(name, entry);
        };
        const out: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (out instanceof Promise) return out.finally(done);
        done();
        return out;
      };
    },
  });
}

/** The highest RSS seen while `work` runs (sampled every 100 ms), besides the process's lifetime peak. */
async function withRssPeak<T>(work: () => Promise<T>): Promise<{ value: T; peakRss: number }> {
  // memoryUsage.rss() is the cheap one: memoryUsage() also walks the heap.
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
  timer.unref();
  try {
    const value = await work();
    return { value, peakRss: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

/** Share of all CPUs' time busy (not idle, not I/O wait) since `since` (from /proc/stat). */
function busyShare(since: number[]): number {
  const now = cpuTimes();
  if (now.length < 5 || since.length < 5) return NaN;
  const delta = now.map((v, i) => v - (since[i] ?? 0));
  const total = delta.reduce((a, b) => a + b, 0);
  return total > 0 ? (total - delta[3]! - delta[4]!) / total : NaN;
}

interface Run {
  label: string;
  wallMs: number;
  discoveryMs: number;
  results: SyncResult[];
  unitMs: number[];
  forge: ForgeCalls;
  nodeCpuMs: number;
  /** Share of the wall time the Node main thread was busy (event loop utilisation). */
  mainThread: number;
  busy: number;
  peakRss: number;
}

async function timedSync(platform: Platform, label: string): Promise<Run> {
  const forge: ForgeCalls = { calls: new Map(), unitStart: new Map() };
  const unitMs: number[] = [];
  const machine = cpuTimes();
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  let shown = 0;
  const started = performance.now();
  const { value: results, peakRss } = await withRssPeak(() =>
    platformFleetSync(
      { ...platform, forge: instrumented(platform.forge, forge) },
      {
        ...(CONCURRENCY ? { concurrency: CONCURRENCY } : {}),
        onResult: (result, done, total) => {
          const at = performance.now();
          const from = forge.unitStart.get(result.repo);
          if (from !== undefined) unitMs.push(at - from);
          if (process.stdout.isTTY && (at - shown > 200 || done === total)) {
            shown = at;
            process.stdout.write(`\r  ${label}: ${done}/${total} (${((at - started) / 1000).toFixed(1)} s)   ${done === total ? '\n' : ''}`);
          }
        },
      },
    ),
  );
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const mainThread = performance.eventLoopUtilization(loop).utilization;
  const discoveryMs = (forge.firstUnitAt ?? performance.now()) - started;
  return { label, wallMs, discoveryMs, results, unitMs, forge, nodeCpuMs: (used.user + used.system) / 1000, mainThread, busy: busyShare(machine), peakRss };
}

function outcomeCounts(results: SyncResult[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  return counts;
}

const seconds = (n: number) => `${(n / 1000).toFixed(n >= 10_000 ? 1 : 2)} s`;
const rate = (n: number, msTotal: number) => (msTotal > 0 ? `${(n / (msTotal / 1000)).toFixed(1)}/s` : 'n/a');
const share = (part: number) => (Number.isFinite(part) ? `${(100 * part).toFixed(0)}%` : 'n/a');

// --- git processes (BENCH_GIT_TRACE) -------------------------------------------------------------

/** The git command of an argv (`git -c a=b commit …` → `commit`). */
function gitCommand(argv: string[]): string {
  const program = path.basename(argv[0] ?? '');
  if (program.startsWith('git-')) return program.slice(4);
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-c' || arg === '-C') i++;
    else if (!arg.startsWith('-')) return arg === 'cat-file' && argv.includes('--batch') ? 'cat-file --batch' : arg;
  }
  return '?';
}

/** Per git command: processes and summed run time, from a GIT_TRACE2_EVENT folder; children (upload-pack…) apart. */
function gitProcesses(dir: string): Array<{ command: string; n: number; ms: number }> {
  const byCommand = new Map<string, { n: number; ms: number }>();
  for (const file of readdirSync(dir)) {
    let command: string | undefined;
    let child = false;
    let lifetime = 0;
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (!line) continue;
      const event = JSON.parse(line) as { event: string; sid?: string; argv?: string[]; t_abs?: number };
      if (event.event === 'start' && event.argv) {
        command = gitCommand(event.argv);
        child = (event.sid ?? '').includes('/');
      }
      if ((event.event === 'exit' || event.event === 'atexit') && event.t_abs !== undefined) lifetime = Math.max(lifetime, event.t_abs);
    }
    if (!command) continue;
    const key = child ? `  (child) ${command}` : command;
    const entry = byCommand.get(key) ?? { n: 0, ms: 0 };
    entry.n += 1;
    entry.ms += lifetime * 1000;
    byCommand.set(key, entry);
  }
  return [...byCommand].map(([command, v]) => ({ command, ...v })).sort((a, b) => b.ms - a.ms);
}

// --- the benchmark -------------------------------------------------------------------------------

async function main(): Promise<void> {
  const cpus = os.cpus();
  const concurrency = CONCURRENCY ?? ENGINE_DEFAULT_CONCURRENCY;
  console.log('Paved fleet benchmark');
  console.log(`  node ${process.version}, ${cpus.length} CPU(s): ${cpus[0]?.model.trim() ?? 'unknown'}, ${mb(os.totalmem())} RAM; git ${git(process.cwd(), '--version').replace('git version ', '')}; ${loadavg()}`);
  console.log(`  components ${COMPONENTS}, concurrency ${concurrency}${CONCURRENCY ? '' : ' (the engine default)'}${GIT_TRACE ? ', git processes traced (GIT_TRACE2: slower)' : ''}`);
  const root = tempDir('paved-fleet-bench-');
  console.log(`  work folder ${root}${process.env.BENCH_KEEP ? ' (kept: BENCH_KEEP)' : ''}\n`);

  // --- setup (untimed) ---------------------------------------------------------------------------
  const setupStart = performance.now();
  const workspace = path.join(root, 'ws');
  await initWorkspace(workspace);
  const platform = await openPlatform(workspace);
  try {
    const templateDir = path.join(root, 'template');
    mkdirSync(templateDir);
    git(templateDir, 'init', '-q', '-b', 'main');
    writeFiles(templateDir, TEMPLATE_FILES);
    commitAll(templateDir, 'feat: the service template');
    git(templateDir, 'tag', 'v1.0.0');

    // Two real renders; every other component is the first with its name swapped, checked on the second.
    const rendered = [0, 1].map((i) => path.join(root, 'render', nameOf(i)));
    for (const [i, dst] of rendered.entries()) {
      await copyTemplate({ src: templateDir, dst, vcsRef: 'v1.0.0', data: { name: nameOf(i) }, defaults: true, output: noopOutput });
    }
    const files = readProject(rendered[0]!);
    if (COMPONENTS > 1 && JSON.stringify(variant(files, 1)) !== JSON.stringify(readProject(rendered[1]!))) {
      throw new Error(`bench: swapping the name in ${nameOf(0)}'s render does not give ${nameOf(1)}'s render; the template must use the name verbatim`);
    }
    const seed = path.join(root, 'seed.git');
    git(root, 'init', '-q', '--bare', seed);
    execFileSync('git', ['fast-import', '--quiet'], { cwd: seed, input: fastImportStream(files), env: { ...process.env, ...GIT_ENV }, maxBuffer: 64 * 1024 * 1024 });
    const seeded = performance.now();

    const queue = Array.from({ length: COMPONENTS }, (_, i) => i);
    let pushed = 0;
    const worker = async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const repo: Repository = await platform.forge.createRepository({ owner: ORG, name: nameOf(i), description: `fleet benchmark service ${i}` });
        await platform.forge.push(repo, seed, [{ src: `refs/heads/c/${nameOf(i)}`, dst: 'main', expected: null }]);
        pushed += 1;
        if (process.stdout.isTTY && (pushed % 25 === 0 || pushed === COMPONENTS)) process.stdout.write(`\r  setup: ${pushed}/${COMPONENTS} repositories pushed   ${pushed === COMPONENTS ? '\n' : ''}`);
      }
    };
    await Promise.all(Array.from({ length: SETUP_WORKERS }, worker));
    const published = performance.now();

    // The template change.
    writeFiles(templateDir, { 'template/README.md.jinja': README('Run `npm start`, or `npm run dev` to reload on change.'), 'CHANGELOG.md': `# Changelog\n\n${CHANGELOG_V11}\n${CHANGELOG_V1}` });
    commitAll(templateDir, 'docs: the README explains how to run the service');
    git(templateDir, 'tag', 'v1.1.0');
    const setupMs = performance.now() - setupStart;
    console.log(`  setup: ${seconds(setupMs)} (workspace, template and ${COMPONENTS} renders + fast-import ${seconds(seeded - setupStart)}; ${COMPONENTS} repositories created and pushed ${seconds(published - seeded)}, ${SETUP_WORKERS} at a time)`);
    const rssAfterSetup = process.memoryUsage.rss();

    // --- timed: status, sync, sync again -----------------------------------------------------------
    const statusStart = performance.now();
    const { value: statuses, peakRss: statusRss } = await withRssPeak(() => platformFleetStatus(platform));
    const statusMs = performance.now() - statusStart;
    const behind = statuses.filter((s) => s.state === 'behind').length;

    const traceDir = path.join(root, 'git-trace');
    if (GIT_TRACE) {
      mkdirSync(traceDir);
      process.env.GIT_TRACE2_EVENT = traceDir;
    }
    const first = await timedSync(platform, 'sync');
    delete process.env.GIT_TRACE2_EVENT;
    const second = await timedSync(platform, 'sync again');
    const lifetimePeak = process.resourceUsage().maxRSS * 1024;

    // --- report ------------------------------------------------------------------------------------
    console.log(`\nFleet of ${COMPONENTS} components, template v1.0.0 -> v1.1.0 (${loadavg()})`);
    const runRow = (r: Run) => {
      const counts = [...outcomeCounts(r.results)].map(([o, n]) => `${n} ${o}`).join(', ');
      return [r.label, seconds(r.wallMs), rate(COMPONENTS, r.wallMs), seconds(r.discoveryMs), seconds(r.wallMs - r.discoveryMs), counts, mb(r.peakRss)];
    };
    console.log(
      table(
        ['run', 'total', 'components', 'discovery + drift', 'pull request work', 'outcomes', 'peak RSS'],
        [[`fleet status`, seconds(statusMs), rate(COMPONENTS, statusMs), '', '', `${behind} behind`, mb(statusRss)], runRow(first), runRow(second)],
      ),
    );
    const goal = targetMs(COMPONENTS);
    console.log(`  target: ${TARGET.components} components in ${seconds(TARGET.ms)} (${rate(TARGET.components, TARGET.ms)}; ${COMPONENTS} in ${seconds(goal)}): fleet sync ${seconds(first.wallMs)}, ${first.wallMs <= goal ? 'within' : `${(first.wallMs / goal).toFixed(1)}x over`}; status + sync ${seconds(statusMs + first.wallMs)}`);
    console.log(`  peak RSS of this process: ${mb(lifetimePeak)} over its life (setup included; ${mb(rssAfterSetup)} after setup); git runs in child processes, not counted`);

    console.log('\nOne unit (findOpenPullRequest to its result: clone, update, commit, push, pull request), per run');
    const unitRow = (r: Run) => {
      const s = stats(r.unitMs);
      const perComponent = (cpuMs: number) => ms(cpuMs / Math.max(1, r.results.length));
      return [r.label, String(s.n), ms(s.median), ms(s.p90), ms(s.max), perComponent(r.nodeCpuMs), share(r.mainThread), share(r.busy), perComponent(r.busy * cpus.length * r.wallMs)];
    };
    console.log(table(['run', 'units', 'median', 'p90', 'max', 'node CPU/component', 'main thread busy', 'machine busy', 'machine CPU/component'], [first, second].map(unitRow)));
    console.log(`  node CPU: this process (main thread, GC and I/O threads); main thread busy: its event loop's utilisation; machine busy and CPU: all ${cpus.length} CPUs (git and anything else running included)`);
    console.log(`  the target leaves ${ms(targetMs(1) * cpus.length)} of machine CPU per component on ${cpus.length} CPUs`);

    console.log('\nForge calls in the first sync (summed time: calls overlap across workers)');
    console.log(
      table(
        ['method', 'calls', 'summed', 'per call'],
        [...first.forge.calls].sort(([, a], [, b]) => b.ms - a.ms).map(([name, c]) => [name, String(c.n), seconds(c.ms), ms(c.ms / c.n)]),
      ),
    );
    if (GIT_TRACE) {
      const procs = gitProcesses(traceDir);
      const top = procs.filter((p) => !p.command.startsWith(' '));
      console.log(`\ngit processes in the first sync (GIT_TRACE2): ${top.reduce((a, p) => a + p.n, 0)}, ${((top.reduce((a, p) => a + p.n, 0)) / COMPONENTS).toFixed(1)} per component`);
      console.log(table(['command', 'processes', 'summed run time', 'per process'], procs.map((p) => [p.command, String(p.n), seconds(p.ms), ms(p.ms / p.n)])));
    }

    const failures: string[] = [];
    for (const [run, want] of [[first, 'opened'], [second, 'unchanged']] as const) {
      const wrong = run.results.filter((r) => r.outcome !== want);
      if (run.results.length !== COMPONENTS || wrong.length > 0) {
        failures.push(`${run.label}: ${run.results.length} results, ${wrong.length} not ${want}${wrong[0] ? ` (e.g. ${wrong[0].component}: ${wrong[0].outcome}${wrong[0].error ? `, ${wrong[0].error}` : ''})` : ''}`);
      }
    }
    if (behind !== COMPONENTS) failures.push(`fleet status: ${behind} of ${COMPONENTS} components behind`);
    if (failures.length > 0) throw new Error(`unexpected outcomes: ${failures.join('; ')}`);
    console.log('\nFigures only (a benchmark, not a test); other work on the machine inflates them.');
  } finally {
    await platform.close();
  }
}

await runBench(main);
