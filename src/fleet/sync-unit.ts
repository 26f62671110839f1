/**
 * One update pull request: a branch cut from the default branch's head (so a moved default branch
 * is picked up on every run), the template engine's update for each component of the unit, one
 * commit, a push that never overwrites a person's work, and the pull request opened or refreshed
 * in place. The update runs in memory against the repository's objects: no clone, no checkout;
 * only a template that runs tasks or migrations gets a checkout. Nothing reaches the forge unless
 * every update in the unit succeeded.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConflictError, ExternalServiceError, NotFoundError } from '../errors.js';
import { crashPoint } from '../failpoint.js';
import type { Forge, GitRemote } from '../forge/types.js';
import { botEnv, commentOncePerHead, personPush, type BotIdentity } from '../git/bot-branch.js';
import { gitRaw } from '../git/git.js';
import { commitObject, listTree, ObjectWriter, type ListingCache, parseCommit, readObjects, writeChangedTree, type CommitInfo, type ListedEntry, type TreeChange } from '../git/objects.js';
import { updateProject, type OperationResult } from '../template/index.js';
import { updateInMemory, type ProjectFiles } from '../template/update/index.js';
import { compareVersions, refOfDescribe, versionOfDescribe } from '../template/version.js';
import type { TemplateIndex } from './drift.js';
import { clonedStore, forgeStore, type ObjectStore } from './object-store.js';
import { body, carried, changelogBetween, title, type UnitUpdate } from './pr-body.js';
import type { ComponentStatus, FleetComponent, SyncResult } from './types.js';

export const UPDATE_LABEL = 'template-update';
export const CONFLICT_LABEL = 'template-update-conflicts';

/** Whether an update pull request's labels say its merge left conflicts to resolve. */
export function isConflicted(labels: string[]): boolean {
  return labels.includes(CONFLICT_LABEL);
}
const FLEET_BOT: BotIdentity = { name: 'Paved fleet', email: 'fleet@paved.local', trailer: 'Paved-Fleet' };

export interface UnitContext {
  forge: Forge;
  index: TemplateIndex;
  /** Where git clones a repository from (the forge's URL with its credentials). */
  cloneFrom(repo: FleetComponent['repo']): GitRemote;
  /**
   * The repository's own git folder, when this machine holds it (the local forge): the fleet reads
   * it directly and writes the update into it, moving the branch through the forge; no clone.
   */
  localGitDir?(repo: FleetComponent['repo']): string;
  sourceFor(src: string): string;
  dryRun: boolean;
  /** Templates may run their tasks and migrations in the checkout (`--trust`). */
  trust?: boolean;
  /** The trees discovery listed, by id: a head discovery saw is not listed again. */
  listings?: ListingCache;
}

export interface SyncUnit {
  repo: FleetComponent['repo'];
  branch: string;
  members: Array<{ component: FleetComponent; status: ComponentStatus }>;
}

const quietOutput = { write: () => true } as unknown as NodeJS.WritableStream;

async function changelogFor(ctx: UnitContext, status: ComponentStatus): Promise<string> {
  const info = await ctx.index.get(status.src!);
  const latestTag = info.tags[0];
  if (!info.repo || !latestTag) return '';
  const snapshot = await ctx.index.snapshot({ ...info, repo: info.repo }, latestTag);
  const file = snapshot.files.find((f) => /^changelog\.md$/i.test(f.path));
  const from = status.version && versionOfDescribe(status.version) ? status.version : undefined;
  return changelogBetween(file?.data.toString('utf8'), (v) => !from || compareVersions(v, from) > 0, (v) => compareVersions(v, status.latest!) <= 0);
}

async function git(cwd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return (await gitRaw(args, { cwd, env })).stdout.toString('utf8').trim();
}

export async function syncUnit(ctx: UnitContext, unit: SyncUnit): Promise<SyncResult[]> {
  const results = (outcome: SyncResult['outcome'], extra: Partial<SyncResult> = {}) =>
    unit.members.map(({ component: c, status: s }) => ({ component: c.component, repo: c.repo.fullName, path: c.path, outcome, from: s.version, to: s.latest, ...extra }));
  const { forge } = ctx;
  const open = await forge.findOpenPullRequest(unit.repo, unit.branch);
  // A version whose pull request was closed without merging is skipped until a newer one exists.
  const closed = (await forge.listPullRequests(unit.repo, { state: 'closed', head: unit.branch })).flatMap((pr) => carried(pr.body));
  const wanted = unit.members.filter(({ component, status }) => !closed.some((c) => c.component === component.component && c.to === status.latest));
  if (wanted.length === 0) return results('skipped', { error: 'its update pull request for this version was closed without merging; waiting for a newer template version' });

  const local = ctx.localGitDir?.(unit.repo);
  const store = local ? forgeStore(forge, unit.repo, local) : await clonedStore(forge, unit.repo, ctx.cloneFrom(unit.repo));
  try {
    const state = await readUnitState(store.gitDir, unit, ctx.listings);
    // Every commit on the branch since the head counts, not only its tip: one `git log` when the branch exists.
    const pushed = state.remote ? await personPush(store.gitDir, FLEET_BOT, state.head, state.remote.oid) : undefined;
    if (pushed) {
      if (open && !ctx.dryRun) {
        await commentOncePerHead(forge, unit.repo, open.number, pushed, `A newer template version is out, but someone pushed to \`${unit.branch}\` (${pushed.short}), so \`paved fleet sync\` leaves the branch alone. Merge or close this pull request to get the next update.`);
      }
      return results('skipped', { error: `someone pushed to ${unit.branch}; not overwritten (the pull request got a comment)`, ...(open ? { pullRequest: { number: open.number, url: open.url } } : {}) });
    }
    const inMemory = await buildInMemory(ctx, store, state, wanted);
    // A dry run works the update out in memory, writing nothing; only a template that needs a checkout is not tried.
    if (!inMemory && ctx.dryRun) return results(open ? 'updated' : 'opened');
    const built = inMemory ?? (await buildInCheckout(ctx, store, state, wanted));
    const { updates } = built;
    const sameAsRemote = state.remote !== null && built.tree === state.remote.tree && state.remote.parents[0] === state.head;
    const conflicts = updates.flatMap((u) => u.conflicts.map((c) => (u.path ? `${u.path}/${c}` : c)));
    const labels = [UPDATE_LABEL, ...(conflicts.length > 0 ? [CONFLICT_LABEL] : [])];
    const text = { title: title(updates), body: body(updates), labels };
    const unchanged = open !== undefined && sameAsRemote && open.body === text.body && open.title === text.title;
    if (ctx.dryRun) {
      const outcome = unchanged ? 'unchanged' : conflicts.length > 0 ? 'conflicted' : open ? 'updated' : 'opened';
      return results(outcome, { ...(open ? { pullRequest: { number: open.number, url: open.url } } : {}), ...(conflicts.length > 0 ? { conflicts } : {}) });
    }
    if (!sameAsRemote) {
      await store.publish(unit.branch, await built.writeCommit(), state.remote?.oid ?? null).catch((error: unknown) => {
        // Moved (or made) by someone else meanwhile; any other conflict says what it is itself.
        const stale = error instanceof ConflictError && (error.details.reason === 'stale' || error.details.reason === 'exists');
        throw stale ? new ConflictError(`${unit.branch} moved while this run worked on it; the next run picks it up`, {}, { cause: error }) : error;
      });
    }
    crashPoint('fleet:pushed');
    let pr = open;
    let outcome: SyncResult['outcome'];
    if (!pr) {
      pr = await forge.openPullRequest(unit.repo, { head: unit.branch, base: unit.repo.defaultBranch, ...text });
      outcome = 'opened';
    } else if (unchanged) {
      outcome = 'unchanged';
    } else {
      pr = await forge.updatePullRequest(unit.repo, pr.number, text);
      outcome = 'updated';
    }
    if (conflicts.length > 0 && outcome !== 'unchanged') outcome = 'conflicted';
    return results(outcome, { pullRequest: { number: pr.number, url: pr.url }, ...(conflicts.length > 0 ? { conflicts } : {}) });
  } finally {
    await store.dispose();
  }
}

interface UnitState {
  /** The default branch's head, which the update branch is cut from on every run. */
  head: string;
  headTree: string;
  /** Every entry of the head's tree. */
  listing: ListedEntry[];
  /** The update branch as the forge has it, when it exists. */
  remote: (CommitInfo & { oid: string }) | null;
  /** The members' answers files on the head, read with the commits. */
  answers: Map<string, Buffer>;
}

/**
 * Both branches with their commits and the members' answers files, by name in one `cat-file`;
 * then the head's whole tree listing unless discovery already listed that tree: one or two git processes.
 */
async function readUnitState(gitDir: string, unit: SyncUnit, listings?: ListingCache): Promise<UnitState> {
  const main = `refs/heads/${unit.repo.defaultBranch}`;
  const branch = `refs/heads/${unit.branch}`;
  const answerNames = unit.members.map(({ component }) => `${main}:${component.answersFile}`);
  const objects = await readObjects(gitDir, [main, branch, ...answerNames]);
  const commitOf = (name: string) => {
    const found = objects.get(name);
    if (found && found.type !== 'commit') throw new ExternalServiceError(`${name} of ${unit.repo.fullName} is not a commit`, { name });
    return found && { oid: found.oid, ...parseCommit(found.data) };
  };
  const head = commitOf(main);
  if (!head) throw new NotFoundError(`${unit.repo.fullName} has no branch ${unit.repo.defaultBranch}`, { repo: unit.repo.fullName });
  const listing = (await listings?.get(gitDir, main, head.tree)) ?? (await listTree(gitDir, head.oid));
  const answers = new Map<string, Buffer>();
  for (const [i, { component }] of unit.members.entries()) {
    const found = objects.get(answerNames[i]!);
    if (found?.type !== 'blob') continue;
    // Read by branch name: if the branch moved in between, the listing (of the head read first) says so.
    if (listing.find((e) => e.path === component.answersFile)?.oid !== found.oid) {
      throw new ConflictError(`${unit.repo.defaultBranch} of ${unit.repo.fullName} moved while it was read; the next run picks it up`, { repo: unit.repo.fullName });
    }
    answers.set(component.answersFile, found.data);
  }
  return { head: head.oid, headTree: head.tree, listing, remote: commitOf(branch) ?? null, answers };
}

interface Built {
  updates: UnitUpdate[];
  tree: string;
  /** Writes the commit object (only when it will be pushed) and returns its id. */
  writeCommit(): Promise<string>;
}

/** What the pull request says about one component's update, whichever way it was made. */
async function unitUpdate(ctx: UnitContext, component: FleetComponent, status: ComponentStatus, result: OperationResult): Promise<UnitUpdate> {
  return { component: component.component, path: component.path, template: status.template ?? 'template', from: status.version ?? '?', to: result.version ?? status.latest ?? '?', files: result.files, conflicts: result.conflicts, changelog: await changelogFor(ctx, status) };
}

function commitMessage(updates: UnitUpdate[]): string {
  return `${title(updates)}\n\n${updates.map((u) => `${FLEET_BOT.trailer}: ${u.component}@${u.to}`).join('\n')}\n`;
}

/**
 * The update without a checkout: each component's files are read from the head's tree, the
 * engine plans the update in memory, and the new blobs, trees and commit go straight into the
 * object store. Undefined when a component's template needs a real work tree.
 */
async function buildInMemory(ctx: UnitContext, store: ObjectStore, state: UnitState, wanted: SyncUnit['members']): Promise<Built | undefined> {
  const blobs = new Map(state.listing.filter((e) => e.type === 'blob').map((e) => [e.path, e]));
  const contents = new Map<string, Buffer>(state.answers);
  const fetch = async (paths: string[]) => {
    const missing = paths.filter((p) => blobs.has(p) && !contents.has(p));
    const read = await readObjects(store.gitDir, missing.map((p) => blobs.get(p)!.oid));
    for (const p of missing) {
      const object = read.get(blobs.get(p)!.oid);
      if (object) contents.set(p, object.data);
    }
  };
  const changes: TreeChange[] = [];
  const updates: UnitUpdate[] = [];
  for (const { component, status } of wanted) {
    const prefix = component.path ? `${component.path}/` : '';
    const project: ProjectFiles = {
      label: `/${component.repo.fullName}${component.path ? `/${component.path}` : ''}`,
      // Compared by blob id; bytes only for what the update merges or moves (`load`).
      read: (rel) => {
        const entry = blobs.get(prefix + rel);
        if (!entry) return undefined;
        return {
          mode: entry.mode,
          oid: entry.oid,
          get data(): Buffer {
            const data = contents.get(prefix + rel);
            if (!data) throw new ExternalServiceError(`${prefix + rel} was read before it was loaded from ${component.repo.fullName}`, { path: prefix + rel });
            return data;
          },
        };
      },
      load: (paths) => fetch(paths.map((p) => prefix + p)),
    };
    const outcome = await updateInMemory({
      project,
      answersFile: path.posix.basename(component.answersFile),
      defaults: true,
      conflict: 'inline',
      output: quietOutput,
      versions: (src, recorded, newRef) => versionsOf(ctx, src, recorded, newRef),
    });
    if ('needsWorkTree' in outcome) return undefined;
    const { result, plan } = outcome;
    for (const rel of plan.deletes) changes.push({ path: prefix + rel });
    for (const file of plan.writes) changes.push({ path: prefix + file.path, file: { mode: file.mode, data: file.data } });
    updates.push(await unitUpdate(ctx, component, status, result));
  }
  const writer = new ObjectWriter(store.gitDir, ctx.dryRun);
  const tree = await writeChangedTree(writer, state.headTree, state.listing, changes);
  const message = commitMessage(updates);
  return { updates, tree, writeCommit: () => writer.write('commit', commitObject({ tree, parents: [state.head], author: FLEET_BOT, message })) };
}

/** The template versions a component updates between, each read once per run for the whole fleet. */
async function versionsOf(ctx: UnitContext, src: string, recorded: string, newRef: string | undefined) {
  const info = await ctx.index.get(src);
  if (!info.repo) throw new NotFoundError(`template ${src} could not be opened: ${info.problem ?? 'unknown error'}`, { src });
  const repo = info.repo;
  const oldSnapshot = await ctx.index.snapshot({ ...info, repo }, refOfDescribe(recorded)).catch((error: unknown) => {
    if (error instanceof NotFoundError) throw new NotFoundError(`the template version this component was made from (${recorded}) is not in ${src} any more; use 'paved template recopy'`, { commit: recorded });
    throw error;
  });
  const newSnapshot = await ctx.index.snapshot({ ...info, repo }, newRef ?? info.tags[0]!);
  return { oldSnapshot, newSnapshot };
}

/**
 * For templates that run tasks or migrations or read external data: a real checkout of the
 * default branch, the engine's update on disk, one commit, fetched back into the object store.
 */
async function buildInCheckout(ctx: UnitContext, store: ObjectStore, state: UnitState, wanted: SyncUnit['members']): Promise<Built> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'paved-fleet-'));
  try {
    await gitRaw(['clone', '--quiet', '--no-tags', '--template=', '--shared', '--no-checkout', '--', store.gitDir, work], { cwd: os.tmpdir() });
    await gitRaw(['checkout', '--quiet', '--detach', state.head], { cwd: work });
    const updates: UnitUpdate[] = [];
    for (const { component, status } of wanted) {
      const result = await updateProject({ dst: path.join(work, component.path), answersFile: path.basename(component.answersFile), defaults: true, conflict: 'inline', sourceFor: ctx.sourceFor, trust: ctx.trust, output: quietOutput });
      updates.push(await unitUpdate(ctx, component, status, result));
    }
    await git(work, ['add', '--all']);
    // No auto maintenance: a throw-away checkout gains nothing from a `git maintenance run --auto`.
    await gitRaw(['-c', 'commit.gpgsign=false', '-c', 'maintenance.auto=false', 'commit', '--quiet', '--no-verify', '--allow-empty', '-F', '-'], { cwd: work, env: botEnv(FLEET_BOT), input: commitMessage(updates) });
    const [commit = '', tree = ''] = (await git(work, ['rev-parse', 'HEAD', 'HEAD^{tree}'])).split('\n');
    // The checkout borrows the store's objects; its own new ones go back before the checkout goes.
    await gitRaw(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--', work, commit], { cwd: store.gitDir });
    return { updates, tree, writeCommit: async () => commit };
  } finally {
    // Asynchronous: deleting a checkout file by file must not hold up the other units' event loop.
    await rm(work, { recursive: true, force: true });
  }
}
