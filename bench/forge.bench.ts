/**
 * Local forge benchmark: `npm run bench:forge`.
 *
 * Builds a workspace (paved init) in a temp folder, creates repositories and pull requests on its
 * local forge, then looks pull requests up by head branch. Prints operations per second, per-call
 * times (median, p99), the events recorded and the size of the store and of the repositories
 * folder. Prints figures only; never fails on timing. Env knobs: BENCH_REPOS (1000), BENCH_PRS
 * (1000), BENCH_LOOKUPS (1000), BENCH_SEED (42), BENCH_KEEP=1 (keep the temp folder).
 */
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ForgeEvent, PullRequest, Repository } from '../src/forge/types.js';
import { initWorkspace } from '../src/platform/init.js';
import { dataPaths, openPlatform, type Platform } from '../src/platform/platform.js';
import { bytes, count, cpuTimes, loadavg, commitAll, git, mb, rng, runBench, table, tempDir } from './util.js';

const REPOS = count('BENCH_REPOS', 1000, 1);
const PRS = count('BENCH_PRS', 1000, 1);
const LOOKUPS = count('BENCH_LOOKUPS', 1000, 1);
const SEED = count('BENCH_SEED', 42, 0);
const WARMUP_LOOKUPS = 20;
const LIST_REPOS = 20;
const ORG = 'acme';
const LABELS = ['template-update', 'dependencies'] as const;


// --- statistics and formatting ------------------------------------------------------------------

interface Timing {
  n: number;
  median: number;
  p99: number;
  max: number;
  /** Medians of the first and the last tenth of the calls, in call order: shows a slowdown as the forge fills. */
  firstTenth: number;
  lastTenth: number;
}

/** Nearest-rank quantile of sorted samples. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const tenth = Math.max(1, Math.floor(samples.length / 10));
  return {
    n: samples.length,
    median: median(samples),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    firstTenth: median(samples.slice(0, tenth)),
    lastTenth: median(samples.slice(-tenth)),
  };
}

/** Milliseconds with as many decimals as a sub-millisecond figure needs. */
function fms(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  return `${n.toFixed(n < 1 ? 3 : n < 100 ? 2 : 1)} ms`;
}

function wall(msTotal: number): string {
  return msTotal >= 10_000 ? `${(msTotal / 1000).toFixed(1)} s` : `${(msTotal / 1000).toFixed(2)} s`;
}

function perSecond(n: number, msTotal: number): string {
  return msTotal > 0 ? (n / (msTotal / 1000)).toFixed(1) : 'n/a';
}


// --- the machine ---------------------------------------------------------------------------------


/** The machine's CPU time counters (from /proc/stat): user nice system idle iowait irq softirq steal. */

/** Share of the machine's CPU time busy (not idle, not I/O wait) and in I/O wait since `since`. */
function machineShare(since: number[]): { busy: number; ioWait: number } {
  const now = cpuTimes();
  if (now.length < 5 || since.length < 5) return { busy: NaN, ioWait: NaN };
  const delta = now.map((v, i) => v - (since[i] ?? 0));
  const total = delta.reduce((a, b) => a + b, 0);
  if (total <= 0) return { busy: NaN, ioWait: NaN };
  return { busy: (total - delta[3]! - delta[4]!) / total, ioWait: delta[4]! / total };
}

const pct = (share: number) => (Number.isFinite(share) ? `${(100 * share).toFixed(0)}%` : 'n/a');

/** The file system a path lives on (longest mount point that contains it), from /proc/mounts. */
function fsType(dir: string): string {
  try {
    let best = { point: '', type: 'unknown' };
    for (const line of readFileSync('/proc/mounts', 'utf8').split('\n')) {
      const [, point, type] = line.split(' ');
      if (!point || !type) continue;
      const inside = dir === point || dir.startsWith(point.endsWith('/') ? point : `${point}/`);
      if (inside && point.length >= best.point.length) best = { point, type };
    }
    return best.type;
  } catch {
    return 'unknown';
  }
}

// --- progress ------------------------------------------------------------------------------------

let lastProgress = 0;

/** One self-overwriting progress line on a terminal (at most ~10 updates a second); only the last line otherwise. */
function progress(text: string, last: boolean): void {
  if (process.stdout.isTTY) {
    const t = performance.now();
    if (!last && t - lastProgress < 100) return;
    lastProgress = t;
    process.stdout.write(`\r  ${text}   ${last ? '\n' : ''}`);
  } else if (last) console.log(`  ${text}`);
}

// --- sizes on disk -------------------------------------------------------------------------------

interface DiskUsage {
  files: number;
  /** Sum of file sizes (`du --apparent-size -b`). */
  apparent: number;
  /** Blocks allocated (`du -B1`). */
  allocated: number;
}

const emptyUsage = (): DiskUsage => ({ files: 0, apparent: 0, allocated: 0 });

/** Walks a folder without following links; files under a `hooks` folder are also counted on their own. */
function diskUsage(dir: string, total = emptyUsage(), hooks = emptyUsage(), inHooks = false): { total: DiskUsage; hooks: DiskUsage } {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      diskUsage(full, total, hooks, inHooks || entry.name === 'hooks');
      continue;
    }
    const st = lstatSync(full);
    for (const usage of inHooks ? [total, hooks] : [total]) {
      usage.files += 1;
      usage.apparent += st.size;
      usage.allocated += st.blocks * 512;
    }
  }
  return { total, hooks };
}

function fileSize(file: string): { apparent: number; allocated: number } {
  if (!existsSync(file)) return { apparent: 0, allocated: 0 };
  const st = lstatSync(file);
  return { apparent: st.size, allocated: st.blocks * 512 };
}

// --- the benchmark -------------------------------------------------------------------------------

interface Phase {
  name: string;
  samples: number[];
  wallMs: number;
  /** CPU time of this Node process (git runs in child processes and is not in it). */
  nodeCpuMs: number;
  machine: { busy: number; ioWait: number };
}

/** Runs `op` for i in [0, total), timing each call, with a progress line. */
async function timed(name: string, total: number, op: (i: number) => Promise<unknown>): Promise<Phase> {
  const samples: number[] = [];
  const machineStart = cpuTimes();
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const t = performance.now();
    await op(i);
    samples.push(performance.now() - t);
    progress(`${name}: ${i + 1}/${total}`, i + 1 === total);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  return { name, samples, wallMs, nodeCpuMs: (cpu.user + cpu.system) / 1000, machine: machineShare(machineStart) };
}

const repoName = (i: number) => `svc-${String(i).padStart(4, '0')}`;
const branchName = (k: number) => `paved/update-${k}`;

async function main(): Promise<void> {
  const cpus = os.cpus();
  const machineAtStart = cpuTimes();
  console.log('Paved local forge benchmark');
  console.log(`  node ${process.version} (${process.platform}/${process.arch}), ${cpus.length} CPU(s): ${cpus[0]?.model.trim() ?? 'unknown'}, ${mb(os.totalmem())} RAM`);
  console.log(`  git ${git(process.cwd(), '--version').replace('git version ', '')}; ${loadavg()}`);
  console.log(`  repositories ${REPOS}, pull requests ${PRS}, lookups ${LOOKUPS} (+${WARMUP_LOOKUPS} warm-up), seed ${SEED}`);

  const root = tempDir('paved-forge-bench-');
  console.log(`  work folder ${root} (${fsType(root)})${process.env.BENCH_KEEP ? ', kept (BENCH_KEEP)' : ''}\n`);

  let started = performance.now();
  const workspaceDir = path.join(root, 'workspace');
  await initWorkspace(workspaceDir);
  const platform: Platform = await openPlatform(workspaceDir);
  const { forge } = platform;
  const paths = dataPaths(platform.workspace.dataDir);
  console.log(`  workspace created (paved init) and opened in ${fms(performance.now() - started)}`);

  // Two commits in a scratch repository: A for every `main`, B (A + one file) for every PR branch.
  const work = path.join(root, 'work');
  git(root, 'init', '-q', '-b', 'main', work);
  writeFileSync(path.join(work, 'README.md'), '# service\n\nCreated by the forge benchmark.\n');
  commitAll(work, 'chore: initial commit');
  const commitA = git(work, 'rev-parse', 'HEAD');
  writeFileSync(path.join(work, '.copier-answers.yml'), '_commit: v1.1.0\n_src_path: acme/templates\n');
  commitAll(work, 'chore: update from template v1.1.0');
  const commitB = git(work, 'rev-parse', 'HEAD');
  console.log(`  scratch commits: main ${commitA.slice(0, 7)}, PR branches ${commitB.slice(0, 7)}\n`);

  // Phase 1: repositories.
  const repos: Repository[] = [];
  const create = await timed('createRepository', REPOS, async (i) => {
    repos.push(await forge.createRepository({ owner: ORG, name: repoName(i), description: `benchmark service ${i}` }));
  });

  // Phase 2: pull requests, spread round-robin over the repositories: PR i is on repository
  // i % REPOS, from branch paved/update-⌊i / REPOS⌋.
  const pushedRepos = Math.min(REPOS, PRS);
  const push = await timed('push (main + paved/update-0)', pushedRepos, (r) =>
    forge.push(repos[r]!, work, [
      { src: commitA, dst: 'main', expected: null },
      { src: commitB, dst: branchName(0), expected: null },
    ]),
  );
  const extraBranches = PRS - pushedRepos;
  const branch = extraBranches > 0 ? await timed('createBranch', extraBranches, (j) => forge.createBranch(repos[(pushedRepos + j) % REPOS]!, branchName(Math.floor((pushedRepos + j) / REPOS)), commitB)) : undefined;
  const prs: Array<{ repo: Repository; head: string; number: number }> = [];
  const open = await timed('openPullRequest', PRS, async (i) => {
    const repo = repos[i % REPOS]!;
    const head = branchName(Math.floor(i / REPOS));
    const pr = await forge.openPullRequest(repo, { head, title: `chore: update from template v1.1.0 (${i})`, body: 'Opened by the forge benchmark.', labels: ['paved', LABELS[i % LABELS.length]!] });
    prs.push({ repo, head, number: pr.number });
  });

  // Phase 3: find a PR by its head branch (random, seeded), then heads without a PR.
  const random = rng(SEED);
  const pick = () => prs[Math.floor(random() * prs.length)]!;
  for (let i = 0; i < WARMUP_LOOKUPS; i++) {
    const { repo, head } = pick();
    await forge.findOpenPullRequest(repo, head);
  }
  let wrong = 0;
  const find = await timed('findOpenPullRequest (hit)', LOOKUPS, async () => {
    const want = pick();
    const found: PullRequest | undefined = await forge.findOpenPullRequest(want.repo, want.head);
    if (!found || found.number !== want.number || found.head !== want.head) wrong += 1;
  });
  if (wrong > 0) throw new Error(`bench: findOpenPullRequest returned the wrong pull request (or none) for ${wrong} of ${LOOKUPS} existing heads`);
  const misses = Math.max(1, Math.ceil(LOOKUPS / 10));
  let unexpected = 0;
  const miss = await timed('findOpenPullRequest (miss)', misses, async (i) => {
    const repo = repos[Math.floor(random() * repos.length)]!;
    if (await forge.findOpenPullRequest(repo, `paved/none-${i}`)) unexpected += 1;
  });
  if (unexpected > 0) throw new Error(`bench: findOpenPullRequest found a pull request for ${unexpected} heads that have none`);

  // listPullRequests by label on a few repositories (those with the most PRs come first: PRs are round-robin).
  const listRepos = repos.slice(0, Math.min(LIST_REPOS, REPOS));
  const listed: number[] = [];
  const list = await timed(`listPullRequests({label}) x ${listRepos.length} repos`, listRepos.length * 2, async (i) => {
    const repo = listRepos[Math.floor(i / 2)]!;
    const label = i % 2 === 0 ? 'paved' : LABELS[0];
    listed.push((await forge.listPullRequests(repo, { label })).length);
  });

  // Every event recorded, read back page by page as a subscriber from the start would.
  const eventTypes = new Map<string, number>();
  let events = 0;
  let pages = 0;
  started = performance.now();
  for (let since = 0; ; ) {
    const batch: ForgeEvent[] = await forge.readEvents(ORG, since);
    if (batch.length === 0) break;
    pages += 1;
    events += batch.length;
    for (const e of batch) eventTypes.set(e.type, (eventTypes.get(e.type) ?? 0) + 1);
    since = Number(batch[batch.length - 1]!.id);
    progress(`readEvents: ${events} events`, false);
  }
  const eventsMs = performance.now() - started;
  progress(`readEvents: ${events} events in ${pages} pages`, true);

  // Row counts, to explain the store's size.
  const db = platform.store.db;
  const rows = async (tableName: 'repositories' | 'pullRequests' | 'pullRequestLabels' | 'labels' | 'refs' | 'events') =>
    Number((await db.selectFrom(tableName).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rowCounts = {
    repositories: await rows('repositories'),
    pullRequests: await rows('pullRequests'),
    pullRequestLabels: await rows('pullRequestLabels'),
    labels: await rows('labels'),
    refs: await rows('refs'),
    events: await rows('events'),
  };

  // Sizes while the store is open (as a running server has it), then after close (WAL checkpointed).
  const storeFiles = ['', '-wal', '-shm'].map((suffix) => ({ name: `paved.db${suffix}`, ...fileSize(`${paths.store}${suffix}`) }));
  const reposUsage = diskUsage(paths.repos);
  await platform.close();
  const closedFiles = ['', '-wal', '-shm'].map((suffix) => ({ name: `paved.db${suffix}`, ...fileSize(`${paths.store}${suffix}`) }));
  const peakRss = process.resourceUsage().maxRSS * 1024;

  // --- report ------------------------------------------------------------------------------------
  const phaseRow = (p: Phase): string[] => {
    const t = timing(p.samples);
    return [p.name, String(t.n), wall(p.wallMs), perSecond(t.n, p.wallMs), fms(t.median), fms(t.p99), fms(t.max), `${fms(t.firstTenth)} -> ${fms(t.lastTenth)}`, fms(p.nodeCpuMs / Math.max(1, t.n)), pct(p.machine.busy)];
  };
  console.log('\nOperations (one at a time, in this process)');
  console.log(
    table(
      ['operation', 'calls', 'wall', 'ops/s', 'median', 'p99', 'max', 'median first -> last 10%', 'node CPU/op', 'machine busy'],
      [create, push, ...(branch ? [branch] : []), open, find, miss, list].map(phaseRow),
    ),
  );
  const setupMs = push.wallMs + (branch?.wallMs ?? 0) + open.wallMs;
  console.log(`  pull requests end to end (push + ${branch ? 'createBranch + ' : ''}openPullRequest): ${PRS} in ${wall(setupMs)}, ${perSecond(PRS, setupMs)} PRs/s`);
  console.log(`  listPullRequests returned ${Math.min(...listed)}-${Math.max(...listed)} pull requests per call`);
  console.log(`  node CPU/op: CPU time of this process per call (git runs in child processes, not counted); machine busy: all ${cpus.length} CPUs, not idle and not in I/O wait`);

  const f = timing(find.samples);
  console.log('\nFind a pull request by head branch (findOpenPullRequest, existing heads, seeded random)');
  console.log(table(['lookups', 'median', 'p99', 'max'], [[String(f.n), fms(f.median), fms(f.p99), fms(f.max)]]));

  console.log(`\nEvents recorded (forge.readEvents('${ORG}', 0), paged): ${events} in ${pages} page(s), read in ${fms(eventsMs)}`);
  console.log(
    table(
      ['type', 'events'],
      [...eventTypes].sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => [type, String(n)]),
    ),
  );

  const storeTotal = storeFiles.reduce((sum, file) => sum + file.apparent, 0);
  const closedTotal = closedFiles.reduce((sum, file) => sum + file.apparent, 0);
  const perPr = (n: number) => `${bytes(Math.round(n / PRS))}`;
  const perRepo = (n: number) => `${bytes(Math.round(n / REPOS))}`;
  console.log(`\nStore (${path.relative(root, paths.store)}): ${rowCounts.repositories} repositories, ${rowCounts.pullRequests} pull requests, ${rowCounts.pullRequestLabels} PR labels, ${rowCounts.labels} labels, ${rowCounts.refs} refs, ${rowCounts.events} events`);
  console.log(
    table(
      ['file', 'size (open)', 'size (after close)', 'on disk (open)'],
      [
        ...storeFiles.map((file, i) => [file.name, bytes(file.apparent), bytes(closedFiles[i]!.apparent), bytes(file.allocated)]),
        ['total', bytes(storeTotal), bytes(closedTotal), bytes(storeFiles.reduce((sum, file) => sum + file.allocated, 0))],
      ],
    ),
  );
  console.log(`  per pull request: ${perPr(storeTotal)} open, ${perPr(closedTotal)} after close (the store also holds the repositories, refs and events)`);

  const { total: all, hooks } = reposUsage;
  console.log(`\nRepositories folder (${path.relative(root, paths.repos)}, ${REPOS + 3} bare repositories incl. the 3 paved init makes)`);
  console.log(
    table(
      ['what', 'files', 'sum of file sizes', 'on disk (blocks)', 'per repository', 'per PR'],
      [
        ['everything', String(all.files), bytes(all.apparent), bytes(all.allocated), perRepo(all.allocated), perPr(all.allocated)],
        ['of which hooks/ (git sample hooks)', String(hooks.files), bytes(hooks.apparent), bytes(hooks.allocated), perRepo(hooks.allocated), perPr(hooks.allocated)],
      ],
    ),
  );
  console.log(`  (per repository / per PR: on-disk size divided by ${REPOS} benchmark repositories / ${PRS} pull requests)`);

  const end = machineShare(machineAtStart);
  console.log(`\nMachine ${loadavg()} at the end; ${pct(end.ioWait)} of CPU time in I/O wait during the run; peak RSS of this process ${mb(peakRss)}.`);
  console.log('Figures only (a benchmark, not a test); other work on the machine inflates them.');
}

await runBench(main);
