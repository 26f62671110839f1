/**
 * A fleet run: find every component, work out its drift, and for those behind open or refresh
 * one update pull request each (or one per repository, grouped), a few at a time. A component's
 * failure is its own outcome; the run goes on.
 */
import { createHash } from 'node:crypto';
import { InputError, isPavedError } from '../errors.js';
import { ListingCache } from '../git/objects.js';
import { discoverFleet } from './discover.js';
import { statusOf, TemplateIndex } from './drift.js';
import { isConflicted, syncUnit, type SyncUnit, type UnitContext } from './sync-unit.js';
import type { Repository } from '../forge/types.js';
import type { ComponentStatus, FleetComponent, SyncResult } from './types.js';

export interface FleetFilter {
  team?: string;
  template?: string;
  /** `I/N`: only the repositories whose hash lands in shard I of N (1-based). */
  shard?: string;
  /** Only these repositories, already read (`paved template sync` passes its one). */
  repos?: Repository[];
  /** Only the components with these answers files (paths from the repository's root). */
  answersFiles?: string[];
}

export interface FleetContext extends Omit<UnitContext, 'index' | 'dryRun' | 'trust'> {
  owner: string;
  /** Repositories that are never components (the GitOps repository). */
  skip?: string[];
}

export function parseShard(shard: string): { index: number; total: number } {
  const match = /^(\d+)\/(\d+)$/.exec(shard);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) throw new InputError(`--shard '${shard}': expected I/N with 1 <= I <= N, e.g. 2/4`, { field: 'shard' });
  return { index, total };
}

/** Stable across machines and runs: every shard of a matrix agrees on who does what, and a repository is never split. */
export function shardOf(repo: string, total: number): number {
  return (createHash('sha256').update(repo).digest().readUInt32BE(0) % total) + 1;
}

function selected(component: FleetComponent, status: ComponentStatus, filter: FleetFilter): boolean {
  if (filter.answersFiles && !filter.answersFiles.includes(component.answersFile)) return false;
  if (filter.team && status.team !== filter.team) return false;
  if (filter.template && status.template !== filter.template && status.src !== filter.template) return false;
  if (filter.shard) {
    const { index, total } = parseShard(filter.shard);
    if (shardOf(component.repo.fullName, total) !== index) return false;
  }
  return true;
}

async function collect(ctx: FleetContext, index: TemplateIndex, filter: FleetFilter, grouped: boolean, listings?: ListingCache) {
  if (filter.shard) parseShard(filter.shard);
  const components = await discoverFleet(ctx.forge, ctx.owner, { skip: ctx.skip, localGitDir: ctx.localGitDir, listings, only: filter.repos });
  const pairs: Array<{ component: FleetComponent; status: ComponentStatus }> = [];
  for (const component of components) {
    const status = await statusOf(component, index);
    if (selected(component, status, filter)) pairs.push({ component, status });
  }
  return { pairs, branchOf: updateBranches(components, grouped) };
}

const UPDATE_BRANCH = 'paved/template-update';
// Not `paved/template-update` itself: git cannot hold that ref beside `paved/template-update/x`,
// so a grouped run after per-component ones (or the other way round) could not push.
const GROUPED_BRANCH = 'paved/template-update-grouped';

/**
 * The update branch of each component, from every component discovered (not only those a filter
 * selects, so a name never depends on the filter): one per repository when grouped; otherwise
 * the root component's name, or its subproject folder's slug. A folder whose slug is the name of
 * its repository's root component would share that branch, so it gets the hashed form.
 */
export function updateBranches(components: FleetComponent[], grouped: boolean): (component: FleetComponent) => string {
  if (grouped) return () => GROUPED_BRANCH;
  const rootNames = new Set(components.filter((c) => !c.path).map((c) => `${c.repo.fullName} ${c.component}`));
  return (component) => {
    if (!component.path) return `${UPDATE_BRANCH}/${component.component}`;
    const slug = pathSlug(component.path);
    return `${UPDATE_BRANCH}/${rootNames.has(`${component.repo.fullName} ${slug}`) ? hashedSlug(component.path) : slug}`;
  };
}

const PLAIN_SEGMENT = /^(?!\.)(?!.*\.\.)(?!.*--)(?!.*\.lock$)[A-Za-z0-9._-]+$/;

/**
 * One branch name per subproject folder, never two folders on one name: `services/api` becomes
 * `services--api` (so it cannot meet a folder named `services-api`); a folder with any other
 * character, or a `--` of its own, gets a readable part plus a hash of the exact path.
 */
function pathSlug(folder: string): string {
  const segments = folder.split('/');
  return segments.every((s) => PLAIN_SEGMENT.test(s)) ? segments.join('--') : hashedSlug(folder);
}

function hashedSlug(folder: string): string {
  const readable = folder.split('/').map((s) => s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '')).filter(Boolean).join('--');
  return `${readable ? `${readable}-` : ''}${createHash('sha256').update(folder).digest('hex').slice(0, 8)}`;
}

/** The fleet's drift, with each component's open update pull request. */
export async function fleetStatus(ctx: FleetContext, filter: FleetFilter = {}, options: { grouped?: boolean } = {}): Promise<ComponentStatus[]> {
  const index = new TemplateIndex(ctx.sourceFor);
  try {
    const { pairs, branchOf } = await collect(ctx, index, filter, options.grouped ?? false);
    const statuses: ComponentStatus[] = [];
    for (const { component, status } of pairs) {
      const pr = await ctx.forge.findOpenPullRequest(component.repo, branchOf(component));
      statuses.push(pr ? { ...status, pullRequest: { number: pr.number, url: pr.url, state: pr.state, conflicted: isConflicted(pr.labels) } } : status);
    }
    return statuses;
  } finally {
    index.close();
  }
}

export interface SyncOptions extends FleetFilter {
  dryRun?: boolean;
  /** Templates may run their tasks and migrations (in the unit's throw-away checkout). */
  trust?: boolean;
  /** One pull request per repository for its subprojects, instead of one per component. */
  grouped?: boolean;
  /** Units worked on at once (default 4). */
  concurrency?: number;
  onResult?: (result: SyncResult, done: number, total: number) => void;
}

export async function fleetSync(ctx: FleetContext, options: SyncOptions = {}): Promise<SyncResult[]> {
  const index = new TemplateIndex(ctx.sourceFor);
  const listings = ctx.localGitDir ? new ListingCache() : undefined;
  const unitCtx: UnitContext = { ...ctx, index, dryRun: options.dryRun ?? false, trust: options.trust ?? false, listings };
  try {
    const { pairs, branchOf } = await collect(ctx, index, options, options.grouped ?? false, listings);
    const results: SyncResult[] = [];
    const units = new Map<string, SyncUnit>();
    for (const pair of pairs) {
      const { component, status } = pair;
      if (status.state !== 'behind') {
        const outcome = status.state === 'current' ? 'current' : 'failed';
        results.push({ component: component.component, repo: component.repo.fullName, path: component.path, outcome, ...(status.problem ? { error: status.problem } : {}) });
        continue;
      }
      const branch = branchOf(component);
      const key = `${component.repo.fullName} ${branch}`;
      const unit = units.get(key) ?? { repo: component.repo, branch, members: [] };
      unit.members.push(pair);
      units.set(key, unit);
    }
    const total = results.length + pairs.filter((p) => p.status.state === 'behind').length;
    results.forEach((r, i) => options.onResult?.(r, i + 1, total));
    const queue = [...units.values()];
    const worker = async () => {
      for (let unit = queue.shift(); unit; unit = queue.shift()) {
        const done = await syncUnit(unitCtx, unit).catch((error: unknown) =>
          unit.members.map(({ component }) => ({ component: component.component, repo: component.repo.fullName, path: component.path, outcome: 'failed' as const, error: isPavedError(error) ? error.message : String((error as Error).message ?? error) })),
        );
        for (const result of done) {
          results.push(result);
          options.onResult?.(result, results.length, total);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
    return results;
  } finally {
    index.close();
  }
}
