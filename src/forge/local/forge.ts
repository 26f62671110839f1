/**
 * The local forge: bare repositories under the platform's data folder for git data, the platform
 * store for everything git does not hold (pull requests, comments, labels, releases, events).
 *
 * Crash safety rests on two rules. Git moves first, the store follows: a ref only ever moves
 * with compare-and-swap, and the store's view of refs is caught up from git (`syncRefs`) by the
 * next operation, so an interruption between the two loses nothing. And a multi-step change
 * (a merge) records its intent before it moves a ref, so a retry finishes it instead of redoing it.
 */
import path from 'node:path';
import { ConflictError, InputError, NotFoundError, PermissionError } from '../../errors.js';
import { crashPoint } from '../../failpoint.js';
import { gitRaw } from '../../git/git.js';
import { now, type Store, type StoreDb, type StoreTx } from '../../store/index.js';
import type { PullRequestRow, RepositoryRow } from '../../store/schema.js';
import { authHeaderEnv, basicAuth, pushWithGit } from '../push.js';
import type {
  Branch,
  BranchProtection,
  Team,
  TeamMember,
  TeamPermission,
  TeamRepository,
  Comment,
  CreateReleaseInput,
  CreateRepositoryInput,
  FileContent,
  Forge,
  ForgeEvent,
  GitRemote,
  Label,
  MergeInput,
  OpenPullRequestInput,
  Owner,
  PullRequest,
  PullRequestFilter,
  PushRefspec,
  Release,
  RepoRef,
  Repository,
  Tag,
  TreeItem,
  UpdatePullRequestInput,
  EventSubscription,
} from '../types.js';
import * as bare from './bare.js';
import { isValidBranchName } from './ref-name.js';
import { latestEventId, notifyEvents, readEvents, recordEvent, subscribe } from './events.js';
import { assertMayWrite, getUser } from './users.js';
import * as org from './org.js';
import { pusherEnv } from './protection.js';

export interface LocalForgeOptions {
  store: Store;
  /** Where the bare repositories live: `<reposDir>/<owner>/<name>.git`. */
  reposDir: string;
  /** The URL the forge is served at (`paved start`), for clone URLs and links. */
  baseUrl: string;
  /** The user every call acts as. */
  actor: string;
  /** The actor's token, for git over HTTP (gitRemote). */
  token?: string;
}

const REPO_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const OWNER_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const LABEL_COLOR = 'ededed';

export function validateRepoRef(ref: RepoRef): void {
  if (!OWNER_NAME.test(ref.owner)) throw new InputError(`'${ref.owner}' is not a valid owner name: letters, digits and '-', at most 39 characters`, { owner: ref.owner });
  if (!REPO_NAME.test(ref.name) || ref.name.startsWith('.') || ref.name.endsWith('.git')) {
    throw new InputError(`'${ref.name}' is not a valid repository name: letters, digits, '.', '-' and '_', not starting with '.', without '.git'`, { name: ref.name });
  }
}

function validBranchName(name: string): void {
  if (!isValidBranchName(name)) throw new InputError(`'${name}' is not a valid branch name (see git check-ref-format)`, { branch: name });
}

export class LocalForge implements Forge {
  readonly kind = 'local' as const;
  readonly actor: string;
  private readonly store: Store;
  private readonly db: StoreDb;
  private readonly reposDir: string;
  private readonly baseUrl: string;
  private readonly token: string | undefined;

  constructor(options: LocalForgeOptions) {
    this.store = options.store;
    this.db = options.store.db;
    this.reposDir = path.resolve(options.reposDir);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.actor = options.actor;
    this.token = options.token;
  }

  /** The same forge, served at another URL (the port the server actually got). */
  at(baseUrl: string): LocalForge {
    return new LocalForge({ store: this.store, reposDir: this.reposDir, baseUrl, actor: this.actor, token: this.token });
  }

  /** The same forge acting as someone else (the server makes one per request). */
  as(actor: string, token?: string): LocalForge {
    return new LocalForge({ store: this.store, reposDir: this.reposDir, baseUrl: this.baseUrl, actor, token });
  }

  repoDir(ref: RepoRef): string {
    validateRepoRef(ref);
    return path.join(this.reposDir, ref.owner, `${ref.name}.git`);
  }

  // --- owners ---------------------------------------------------------------------------------

  async getOwner(login: string): Promise<Owner | undefined> {
    const row = await this.db.selectFrom('owners').selectAll().where('login', '=', login).executeTakeFirst();
    return row ? { login: row.login, kind: row.kind } : undefined;
  }

  // --- repositories ---------------------------------------------------------------------------

  async createRepository(input: CreateRepositoryInput): Promise<Repository> {
    const dir = this.repoDir(input);
    const defaultBranch = input.defaultBranch ?? 'main';
    validBranchName(defaultBranch);
    if (!(await this.getOwner(input.owner))) throw new NotFoundError(`no organisation or user '${input.owner}' on the local forge; add it to paved.yaml and run 'paved init'`, { owner: input.owner });
    await assertMayWrite(this.db, this.actor, input.owner);
    if (await this.row(input)) throw new ConflictError(`repository ${input.owner}/${input.name} already exists; pick another name`, { reason: 'exists', repo: `${input.owner}/${input.name}` });
    // Git first: a repository folder without its row (an interrupted create) is adopted by the retry.
    await bare.createBare(dir, defaultBranch);
    await this.store.write(async (tx) => {
      const taken = await tx.selectFrom('repositories').select('id').where('owner', '=', input.owner).where('name', '=', input.name).executeTakeFirst();
      if (taken) throw new ConflictError(`repository ${input.owner}/${input.name} already exists; pick another name`, { reason: 'exists', repo: `${input.owner}/${input.name}` });
      await tx
        .insertInto('repositories')
        .values({ owner: input.owner, name: input.name, defaultBranch, description: input.description ?? '', private: input.private ? 1 : 0, archived: 0, createdAt: now(), nextNumber: 1 })
        .execute();
    });
    return this.toRepository((await this.row(input))!);
  }

  async getRepository(ref: RepoRef): Promise<Repository | undefined> {
    validateRepoRef(ref);
    const row = await this.row(ref);
    return row && (await this.mayRead(row)) ? this.toRepository(row) : undefined;
  }

  async listRepositories(owner: string, options: { includeArchived?: boolean } = {}): Promise<Repository[]> {
    let query = this.db.selectFrom('repositories').selectAll().where('owner', '=', owner);
    if (!options.includeArchived) query = query.where('archived', '=', 0);
    const rows = await query.orderBy('name').execute();
    const visible: Repository[] = [];
    for (const row of rows) if (await this.mayRead(row)) visible.push(this.toRepository(row));
    return visible;
  }

  async archiveRepository(ref: RepoRef): Promise<void> {
    const row = await this.requireRow(ref);
    await assertMayWrite(this.db, this.actor, row.owner);
    await this.store.write((tx) => tx.updateTable('repositories').set({ archived: 1 }).where('id', '=', row.id).execute());
  }

  // --- contents -------------------------------------------------------------------------------

  async readFile(ref: RepoRef, file: string, rev?: string): Promise<FileContent | undefined> {
    const row = await this.readableRow(ref);
    if (!row) return undefined;
    const commit = await bare.resolveCommit(this.repoDir(ref), rev ?? row.defaultBranch);
    if (!commit) return undefined;
    const blob = await bare.readBlob(this.repoDir(ref), commit, file.replace(/^\/+/, ''));
    return blob ? { path: file, ...blob } : undefined;
  }

  async readTree(ref: RepoRef, rev?: string, under?: string): Promise<TreeItem[]> {
    const row = await this.readableRow(ref);
    if (!row) return [];
    const commit = await bare.resolveCommit(this.repoDir(ref), rev ?? row.defaultBranch);
    if (!commit) return [];
    return bare.readTree(this.repoDir(ref), commit, under?.replace(/^\/+|\/+$/g, '') || undefined);
  }

  // --- branches -------------------------------------------------------------------------------

  async getBranch(ref: RepoRef, name: string): Promise<Branch | undefined> {
    const row = await this.readableRow(ref);
    if (!row) return undefined;
    const refs = await bare.listRefs(this.repoDir(ref), `refs/heads/${name}`);
    const commit = refs.get(`refs/heads/${name}`);
    return commit ? { name, commit } : undefined;
  }

  async listBranches(ref: RepoRef): Promise<Branch[]> {
    const row = await this.readableRow(ref);
    if (!row) return [];
    const refs = await bare.listRefs(this.repoDir(ref), 'refs/heads/');
    return [...refs].map(([name, commit]) => ({ name: name.slice('refs/heads/'.length), commit }));
  }

  async createBranch(ref: RepoRef, name: string, commit: string): Promise<Branch> {
    const row = await this.writableRow(ref);
    const dir = this.repoDir(ref);
    validBranchName(name);
    const target = await this.commitId(dir, commit);
    await bare.updateRef(dir, `refs/heads/${name}`, target, bare.ZERO, { branch: name });
    await this.recordRefMove(row, `refs/heads/${name}`, undefined, target);
    return { name, commit: target };
  }

  async updateBranch(ref: RepoRef, name: string, commit: string, expected: string): Promise<Branch> {
    const row = await this.writableRow(ref);
    const dir = this.repoDir(ref);
    const target = await this.commitId(dir, commit);
    await bare.updateRef(dir, `refs/heads/${name}`, target, expected, { branch: name }).catch(async (error: unknown) => {
      if (!(await this.getBranch(ref, name))) throw new NotFoundError(`no branch '${name}' in ${row.owner}/${row.name}`, { branch: name });
      throw error;
    });
    await this.recordRefMove(row, `refs/heads/${name}`, expected, target);
    return { name, commit: target };
  }

  async deleteBranch(ref: RepoRef, name: string, expected?: string): Promise<void> {
    const row = await this.writableRow(ref);
    if (name === row.defaultBranch) throw new ConflictError(`'${name}' is the default branch of ${row.owner}/${row.name} and cannot be deleted`, { reason: 'default-branch' });
    const current = await this.getBranch(ref, name);
    if (!current) throw new NotFoundError(`no branch '${name}' in ${row.owner}/${row.name}`, { branch: name });
    await bare.updateRef(this.repoDir(ref), `refs/heads/${name}`, bare.ZERO, expected ?? current.commit, { branch: name });
    await this.syncRefs(row);
  }

  // --- git transport --------------------------------------------------------------------------

  gitRemote(ref: RepoRef): GitRemote {
    validateRepoRef(ref);
    return { url: `${this.baseUrl}/${ref.owner}/${ref.name}.git`, env: this.token ? authHeaderEnv(basicAuth(this.actor, this.token)) : {} };
  }

  /** Pushes straight into the bare repository (no server needed); events follow from syncRefs. */
  async push(ref: RepoRef, dir: string, refspecs: PushRefspec[]): Promise<void> {
    const row = await this.writableRow(ref);
    // Who pushes reaches the repository's pre-receive hook, which enforces protected branches.
    await pushWithGit({ url: this.repoDir(ref), env: await pusherEnv(this.db, this.actor, row, this.repoDir(ref)) }, dir, refspecs);
    crashPoint('push:before-sync');
    await this.syncRefs(row);
  }

  /**
   * Brings the store's view of a repository's refs up to git's, recording what changed as events:
   * pushes, new tags, pull requests whose head moved (updated) or vanished (closed). Idempotent:
   * run after every push (HTTP or direct) and on start, it catches up whatever an interruption missed.
   */
  async syncRefs(row: RepositoryRow, pusher = this.actor): Promise<Map<string, string>> {
    const dir = this.repoDir(row);
    let changed = false;
    // A first look outside the write lock: most calls find nothing new and run no git under it.
    const seen = await bare.listRefs(dir, 'refs/heads/', 'refs/tags/');
    const current = await this.store.write(async (tx) => {
      const known = new Map((await tx.selectFrom('refs').select(['ref', 'commit']).where('repoId', '=', row.id).execute()).map((r) => [r.ref, r.commit]));
      if (seen.size === known.size && [...seen].every(([ref, commit]) => known.get(ref) === commit)) return seen;
      // Something changed: git's refs are read again inside the transaction, so two processes
      // syncing at once see and record each change exactly once, in order.
      const current = await bare.listRefs(dir, 'refs/heads/', 'refs/tags/');
      for (const [ref, commit] of current) {
        const before = known.get(ref);
        if (before === commit) continue;
        changed = true;
        await this.recordChange(tx, row, ref, before, commit, pusher);
      }
      for (const [ref, before] of known) {
        if (current.has(ref)) continue;
        changed = true;
        await this.recordChange(tx, row, ref, before, undefined, pusher);
      }
      return current;
    });
    if (changed) notifyEvents(row.owner);
    return current;
  }

  /** One ref's move as the store records it: the ref row, the push event, a new tag, a pull request's head. */
  private async recordChange(tx: StoreTx, row: RepositoryRow, ref: string, before: string | undefined, after: string | undefined, pusher: string): Promise<void> {
    const fullName = `${row.owner}/${row.name}`;
    if (after === undefined) await tx.deleteFrom('refs').where('repoId', '=', row.id).where('ref', '=', ref).execute();
    else await tx.insertInto('refs').values({ repoId: row.id, ref, commit: after }).onConflict((oc) => oc.columns(['repoId', 'ref']).doUpdateSet({ commit: after })).execute();
    await recordEvent(tx, row.owner, fullName, { type: 'push', ref, before: before ?? null, after: after ?? null, pusher });
    if (ref.startsWith('refs/tags/') && before === undefined && after !== undefined) await recordEvent(tx, row.owner, fullName, { type: 'tag.created', tag: ref.slice('refs/tags/'.length), commit: after, actor: pusher });
    if (ref.startsWith('refs/heads/')) await this.headMoved(tx, row, ref.slice('refs/heads/'.length), after, pusher);
  }

  /**
   * Records a move this forge just made with update-ref from `expected` to `after`, without
   * listing every ref. When the store does not hold `expected`, another change came in between:
   * the full syncRefs sorts out the order.
   */
  private async recordRefMove(row: RepositoryRow, ref: string, expected: string | undefined, after: string): Promise<void> {
    const outcome = await this.store.write(async (tx) => {
      const before = (await tx.selectFrom('refs').select('commit').where('repoId', '=', row.id).where('ref', '=', ref).executeTakeFirst())?.commit;
      if (before === after) return 'unchanged';
      if (before !== expected) return 'interleaved';
      await this.recordChange(tx, row, ref, before, after, this.actor);
      return 'recorded';
    });
    if (outcome === 'recorded') notifyEvents(row.owner);
    if (outcome === 'interleaved') await this.syncRefs(row);
  }

  /** Refs as the store last recorded them (no git process). */
  private async storedRefs(row: RepositoryRow, refs: string[]): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom('refs').select(['ref', 'commit']).where('repoId', '=', row.id).where('ref', 'in', refs).execute();
    return new Map(rows.map((r) => [r.ref, r.commit]));
  }

  /** A full commit id needs no lookup: update-ref itself refuses a missing or non-commit object. */
  private commitId(dir: string, rev: string): Promise<string> {
    return /^[0-9a-f]{40}$/.test(rev) ? Promise.resolve(rev) : this.requireCommit(dir, rev);
  }

  private async headMoved(tx: StoreTx, row: RepositoryRow, branch: string, commit: string | undefined, actor: string): Promise<void> {
    const pr = await tx.selectFrom('pullRequests').selectAll().where('repoId', '=', row.id).where('head', '=', branch).where('state', '=', 'open').executeTakeFirst();
    if (!pr || pr.headSha === commit) return;
    const fullName = `${row.owner}/${row.name}`;
    if (commit === undefined) {
      // As on GitHub: deleting a pull request's branch closes it.
      await tx.updateTable('pullRequests').set({ state: 'closed', updatedAt: now() }).where('id', '=', pr.id).execute();
      await recordEvent(tx, row.owner, fullName, { type: 'pull_request.closed', number: pr.number, head: pr.head, base: pr.base, actor });
      return;
    }
    await tx.updateTable('pullRequests').set({ headSha: commit, updatedAt: now() }).where('id', '=', pr.id).execute();
    await bare.pinPullHead(this.repoDir(row), pr.number, commit);
    await recordEvent(tx, row.owner, fullName, { type: 'pull_request.updated', number: pr.number, head: pr.head, base: pr.base, actor });
  }

  // --- pull requests --------------------------------------------------------------------------

  async openPullRequest(ref: RepoRef, input: OpenPullRequestInput): Promise<PullRequest> {
    const row = await this.writableRow(ref);
    const base = input.base ?? row.defaultBranch;
    if (!input.title.trim()) throw new InputError('a pull request needs a title', {});
    if (input.head === base) throw new InputError(`head and base are both '${base}'; open the pull request from another branch`, { head: input.head });
    // The store's view of the two branches is kept current by every push and branch move this
    // forge sees; only when it lacks one is git listed (a push the store has not caught up with).
    // A head that moved unseen is corrected by the next syncRefs, which updates the pull request.
    let refs = await this.storedRefs(row, [`refs/heads/${input.head}`, `refs/heads/${base}`]);
    if (refs.size < 2) refs = await this.syncRefs(row);
    const headCommit = refs.get(`refs/heads/${input.head}`);
    if (!headCommit) throw new NotFoundError(`no branch '${input.head}' in ${row.owner}/${row.name}; push it before opening a pull request`, { branch: input.head });
    if (!refs.has(`refs/heads/${base}`)) throw new NotFoundError(`no base branch '${base}' in ${row.owner}/${row.name}`, { branch: base });
    const head = { name: input.head, commit: headCommit };
    const number = await this.store.write(async (tx) => {
      const open = await tx.selectFrom('pullRequests').select('number').where('repoId', '=', row.id).where('head', '=', input.head).where('state', '=', 'open').executeTakeFirst();
      if (open) {
        throw new ConflictError(`pull request #${open.number} is already open for ${input.head}; update it instead`, { reason: 'exists', number: open.number });
      }
      const { nextNumber } = await tx.selectFrom('repositories').select('nextNumber').where('id', '=', row.id).executeTakeFirstOrThrow();
      await tx.updateTable('repositories').set({ nextNumber: nextNumber + 1 }).where('id', '=', row.id).execute();
      const at = now();
      const { id } = await tx
        .insertInto('pullRequests')
        .values({ repoId: row.id, number: nextNumber, title: input.title, body: input.body ?? '', head: input.head, headSha: head.commit, base, state: 'open', author: this.actor, createdAt: at, updatedAt: at, mergedAt: null, mergeCommit: null, mergingCommit: null, mergingBase: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.setLabels(tx, row.id, id, input.labels ?? []);
      crashPoint('open-pr:in-transaction');
      await recordEvent(tx, row.owner, `${row.owner}/${row.name}`, { type: 'pull_request.opened', number: nextNumber, head: input.head, base, actor: this.actor });
      return nextNumber;
    });
    notifyEvents(row.owner);
    // Like GitHub's refs/pull/N/head: the reviewed commits stay reachable whatever happens to the
    // branch. Outside the transaction, so the store's write lock is not held across a git process;
    // the ref is a convenience nothing reads back, rewritten whenever the head moves.
    await bare.pinPullHead(this.repoDir(row), number, head.commit);
    return (await this.getPullRequest(ref, number))!;
  }

  async getPullRequest(ref: RepoRef, number: number): Promise<PullRequest | undefined> {
    const row = await this.readableRow(ref);
    if (!row) return undefined;
    const pr = await this.db.selectFrom('pullRequests').selectAll().where('repoId', '=', row.id).where('number', '=', number).executeTakeFirst();
    return pr ? (await this.toPullRequests(row, [pr]))[0] : undefined;
  }

  async findOpenPullRequest(ref: RepoRef, head: string): Promise<PullRequest | undefined> {
    const row = await this.readableRow(ref);
    if (!row) return undefined;
    const pr = await this.db.selectFrom('pullRequests').selectAll().where('repoId', '=', row.id).where('head', '=', head).where('state', '=', 'open').executeTakeFirst();
    return pr ? (await this.toPullRequests(row, [pr]))[0] : undefined;
  }

  async listPullRequests(ref: RepoRef, filter: PullRequestFilter = {}): Promise<PullRequest[]> {
    const row = await this.readableRow(ref);
    if (!row) return [];
    return this.toPullRequests(row, await this.pullRequestQuery({ repoId: row.id }, filter).orderBy('number', 'desc').execute());
  }

  /**
   * The pull requests of every repository of `owner` this forge's actor may read, most recently
   * updated first, in one query (the fleet's and the portal's organisation-wide views).
   */
  async listOwnerPullRequests(owner: string, filter: PullRequestFilter = {}): Promise<PullRequest[]> {
    const rows = await this.db.selectFrom('repositories').selectAll().where('owner', '=', owner).execute();
    // The rows share their owner, so one check answers for every private one.
    const firstPrivate = rows.find((row) => row.private);
    const seesPrivate = firstPrivate !== undefined && (await this.mayRead(firstPrivate));
    const visible = new Map(rows.filter((row) => seesPrivate || !row.private).map((row) => [row.id, row]));
    if (visible.size === 0) return [];
    const prs = await this.pullRequestQuery({ owner, withPrivate: seesPrivate }, filter).orderBy('updatedAt', 'desc').orderBy('id', 'desc').execute();
    return this.toPullRequestsOf(visible, prs);
  }

  private pullRequestQuery(scope: { repoId: number } | { owner: string; withPrivate: boolean }, filter: PullRequestFilter) {
    const base = this.db.selectFrom('pullRequests').selectAll('pullRequests');
    let query = 'repoId' in scope ? base.where('repoId', '=', scope.repoId) : base.where('repoId', 'in', this.ownerRepoIds(scope.owner, scope.withPrivate));
    const state = filter.state ?? 'open';
    if (state !== 'all') query = query.where('state', '=', state);
    if (filter.head) query = query.where('head', '=', filter.head);
    if (filter.base) query = query.where('base', '=', filter.base);
    if (filter.author) query = query.where('author', '=', filter.author);
    if (filter.label) {
      const label = filter.label;
      query = query.where((eb) => eb.exists(eb.selectFrom('pullRequestLabels').select('name').whereRef('pullRequestLabels.pullRequestId', '=', 'pullRequests.id').where('name', '=', label)));
    }
    return query;
  }

  async updatePullRequest(ref: RepoRef, number: number, input: UpdatePullRequestInput): Promise<PullRequest> {
    const row = await this.writableRow(ref);
    if (input.title !== undefined && !input.title.trim()) throw new InputError('a pull request needs a title', {});
    if (input.base !== undefined && !(await this.getBranch(ref, input.base))) throw new NotFoundError(`no base branch '${input.base}' in ${row.owner}/${row.name}`, { branch: input.base });
    await this.store.write(async (tx) => {
      const pr = await this.requirePr(tx, row, number);
      await tx
        .updateTable('pullRequests')
        .set({ title: input.title ?? pr.title, body: input.body ?? pr.body, base: input.base ?? pr.base, updatedAt: now() })
        .where('id', '=', pr.id)
        .execute();
      if (input.labels) await this.setLabels(tx, row.id, pr.id, input.labels);
      await recordEvent(tx, row.owner, `${row.owner}/${row.name}`, { type: 'pull_request.updated', number, head: pr.head, base: input.base ?? pr.base, actor: this.actor });
    });
    notifyEvents(row.owner);
    return (await this.getPullRequest(ref, number))!;
  }

  async comment(ref: RepoRef, number: number, body: string): Promise<Comment> {
    const row = await this.writableRow(ref);
    if (!body.trim()) throw new InputError('a comment needs a body', {});
    return this.store.write(async (tx) => {
      const pr = await this.requirePr(tx, row, number);
      const createdAt = now();
      const { id } = await tx.insertInto('comments').values({ pullRequestId: pr.id, author: this.actor, body, createdAt }).returning('id').executeTakeFirstOrThrow();
      return { id: String(id), author: this.actor, body, createdAt };
    });
  }

  async listComments(ref: RepoRef, number: number): Promise<Comment[]> {
    const row = await this.readableRow(ref);
    if (!row) throw new NotFoundError(`no repository ${ref.owner}/${ref.name}`, {});
    const pr = await this.requirePr(this.db, row, number);
    const rows = await this.db.selectFrom('comments').selectAll().where('pullRequestId', '=', pr.id).orderBy('id').execute();
    return rows.map((c) => ({ id: String(c.id), author: c.author, body: c.body, createdAt: c.createdAt }));
  }

  async mergePullRequest(ref: RepoRef, number: number, input: MergeInput = {}): Promise<PullRequest> {
    const row = await this.writableRow(ref);
    const dir = this.repoDir(ref);
    const refs = await this.syncRefs(row);
    let pr = await this.requirePr(this.db, row, number);
    if (pr.state !== 'open') throw new ConflictError(`pull request #${number} is ${pr.state}; only an open pull request can be merged`, { reason: 'not-open', state: pr.state });
    const baseRef = `refs/heads/${pr.base}`;
    const baseTip = refs.get(baseRef);
    if (!baseTip) throw new NotFoundError(`base branch '${pr.base}' of pull request #${number} no longer exists`, { branch: pr.base });
    // An earlier attempt moved the base branch and was interrupted before recording it: finish it.
    if (pr.mergingCommit && pr.mergingCommit === baseTip) return this.finishMerge(row, pr, input);
    const headRef = `refs/heads/${pr.head}`;
    const headTip = refs.get(headRef);
    if (!headTip) throw new ConflictError(`the branch '${pr.head}' of pull request #${number} is gone; push it again or close the pull request`, { reason: 'stale' });
    if (input.expectedHeadSha && input.expectedHeadSha !== headTip) {
      throw new ConflictError(`pull request #${number} changed since it was reviewed (head is ${headTip.slice(0, 7)}, not ${input.expectedHeadSha.slice(0, 7)}); review it again`, { reason: 'stale', head: headTip });
    }
    const merged = await bare.mergeTrees(dir, baseTip, headTip);
    if (!merged.tree) {
      throw new ConflictError(`pull request #${number} cannot be merged: ${pr.head} conflicts with ${pr.base} in ${merged.conflicts.slice(0, 5).join(', ')}${merged.conflicts.length > 5 ? ', …' : ''}; merge ${pr.base} into ${pr.head}, resolve the conflicts and push`, {
        reason: 'merge-conflict',
        files: merged.conflicts,
      });
    }
    const user = (await getUser(this.db, this.actor)) ?? { name: this.actor, email: `${this.actor}@paved.local` };
    const identity = { name: user.name || this.actor, email: user.email || `${this.actor}@paved.local` };
    const method = input.method ?? 'merge';
    let commit: string;
    if (method === 'squash') {
      const log = await bare.subjects(dir, baseTip, headTip);
      const message = `${input.title ?? `${pr.title} (#${number})`}\n\n${input.message ?? log.map((s) => `* ${s}`).join('\n')}\n`;
      commit = await bare.commitTree(dir, merged.tree, [baseTip], message, identity);
    } else {
      const message = `${input.title ?? `Merge pull request #${number} from ${pr.head}`}\n\n${input.message ?? pr.title}\n`;
      commit = await bare.commitTree(dir, merged.tree, [baseTip, headTip], message, identity);
    }
    await this.store.write((tx) => tx.updateTable('pullRequests').set({ mergingCommit: commit, mergingBase: baseTip }).where('id', '=', pr.id).execute());
    try {
      await bare.updateRef(dir, baseRef, commit, baseTip, { branch: pr.base });
    } catch (error) {
      await this.store.write((tx) => tx.updateTable('pullRequests').set({ mergingCommit: null, mergingBase: null }).where('id', '=', pr.id).execute());
      if (error instanceof ConflictError) {
        throw new ConflictError(`${pr.base} moved while pull request #${number} was being merged; merge again`, { reason: 'stale' }, { cause: error });
      }
      throw error;
    }
    crashPoint('merge:base-moved');
    pr = { ...pr, mergingCommit: commit, headSha: headTip };
    return this.finishMerge(row, pr, input);
  }

  private async finishMerge(row: RepositoryRow, pr: PullRequestRow, input: MergeInput): Promise<PullRequest> {
    const at = now();
    await this.store.write(async (tx) => {
      await tx
        .updateTable('pullRequests')
        .set({ state: 'merged', mergedAt: at, updatedAt: at, mergeCommit: pr.mergingCommit, mergingCommit: null, mergingBase: null, headSha: pr.headSha })
        .where('id', '=', pr.id)
        .execute();
      await recordEvent(tx, row.owner, `${row.owner}/${row.name}`, { type: 'pull_request.merged', number: pr.number, head: pr.head, base: pr.base, actor: this.actor });
    });
    notifyEvents(row.owner);
    await this.syncRefs(row);
    if (input.deleteBranch) {
      const branch = await this.getBranch(row, pr.head);
      // Only the reviewed commit is deleted: a branch someone pushed to since stays.
      if (branch && branch.commit === pr.headSha) await this.deleteBranch(row, pr.head, branch.commit);
    }
    return (await this.getPullRequest(row, pr.number))!;
  }

  async closePullRequest(ref: RepoRef, number: number): Promise<PullRequest> {
    const row = await this.writableRow(ref);
    await this.store.write(async (tx) => {
      const pr = await this.requirePr(tx, row, number);
      if (pr.state === 'merged') throw new ConflictError(`pull request #${number} is already merged`, { reason: 'not-open', state: pr.state });
      if (pr.state === 'closed') return;
      await tx.updateTable('pullRequests').set({ state: 'closed', updatedAt: now() }).where('id', '=', pr.id).execute();
      await recordEvent(tx, row.owner, `${row.owner}/${row.name}`, { type: 'pull_request.closed', number, head: pr.head, base: pr.base, actor: this.actor });
    });
    notifyEvents(row.owner);
    return (await this.getPullRequest(ref, number))!;
  }

  // --- labels ---------------------------------------------------------------------------------

  async ensureLabel(ref: RepoRef, label: { name: string; color?: string; description?: string }): Promise<Label> {
    const row = await this.writableRow(ref);
    if (!label.name.trim()) throw new InputError('a label needs a name', {});
    if (label.color !== undefined && !/^[0-9a-fA-F]{6}$/.test(label.color)) throw new InputError(`label color '${label.color}' is not six hex digits (e.g. 0e8a16)`, { color: label.color });
    await this.store.write(async (tx) => {
      await tx
        .insertInto('labels')
        .values({ repoId: row.id, name: label.name, color: (label.color ?? LABEL_COLOR).toLowerCase(), description: label.description ?? '' })
        .onConflict((oc) => (label.color || label.description ? oc.columns(['repoId', 'name']).doUpdateSet({ ...(label.color ? { color: label.color.toLowerCase() } : {}), ...(label.description ? { description: label.description } : {}) }) : oc.doNothing()))
        .execute();
    });
    const saved = await this.db.selectFrom('labels').selectAll().where('repoId', '=', row.id).where('name', '=', label.name).executeTakeFirstOrThrow();
    return { name: saved.name, color: saved.color, description: saved.description };
  }

  async listLabels(ref: RepoRef): Promise<Label[]> {
    const row = await this.readableRow(ref);
    if (!row) return [];
    const rows = await this.db.selectFrom('labels').selectAll().where('repoId', '=', row.id).orderBy('name').execute();
    return rows.map((l) => ({ name: l.name, color: l.color, description: l.description }));
  }

  private async setLabels(tx: StoreTx, repoId: number, prId: number, labels: string[]): Promise<void> {
    await tx.deleteFrom('pullRequestLabels').where('pullRequestId', '=', prId).execute();
    for (const name of new Set(labels)) {
      if (!name.trim()) throw new InputError('a label needs a name', {});
      await tx.insertInto('labels').values({ repoId, name, color: LABEL_COLOR, description: '' }).onConflict((oc) => oc.doNothing()).execute();
      await tx.insertInto('pullRequestLabels').values({ pullRequestId: prId, name }).execute();
    }
  }

  // --- tags and releases ----------------------------------------------------------------------

  async createTag(ref: RepoRef, input: { name: string; commit: string; message?: string }): Promise<Tag> {
    const row = await this.writableRow(ref);
    const dir = this.repoDir(ref);
    const check = await gitRaw(['check-ref-format', `refs/tags/${input.name}`], { cwd: dir, okCodes: [1] });
    if (check.code !== 0 || input.name.startsWith('-')) throw new InputError(`'${input.name}' is not a valid tag name (see git check-ref-format)`, { tag: input.name });
    const commit = await this.requireCommit(dir, input.commit);
    const user = (await getUser(this.db, this.actor)) ?? { name: this.actor, email: `${this.actor}@paved.local` };
    const object = input.message ? await bare.createTagObject(dir, input.name, commit, input.message, { name: user.name || this.actor, email: user.email || `${this.actor}@paved.local` }) : commit;
    await bare.updateRef(dir, `refs/tags/${input.name}`, object, bare.ZERO, { tag: input.name });
    await this.syncRefs(row);
    return { name: input.name, commit };
  }

  async listTags(ref: RepoRef): Promise<Tag[]> {
    const row = await this.readableRow(ref);
    if (!row) return [];
    const refs = await bare.listRefs(this.repoDir(ref), 'refs/tags/');
    return [...refs].map(([name, commit]) => ({ name: name.slice('refs/tags/'.length), commit }));
  }

  async createRelease(ref: RepoRef, input: CreateReleaseInput): Promise<Release> {
    const row = await this.writableRow(ref);
    const tags = await bare.listRefs(this.repoDir(ref), `refs/tags/${input.tag}`);
    if (!tags.has(`refs/tags/${input.tag}`)) {
      if (!input.commit) throw new NotFoundError(`no tag '${input.tag}' in ${row.owner}/${row.name}; push the tag or pass the commit to tag`, { tag: input.tag });
      await this.createTag(ref, { name: input.tag, commit: input.commit });
    }
    await this.store.write(async (tx) => {
      const taken = await tx.selectFrom('releases').select('tag').where('repoId', '=', row.id).where('tag', '=', input.tag).executeTakeFirst();
      if (taken) throw new ConflictError(`a release for ${input.tag} already exists in ${row.owner}/${row.name}`, { reason: 'exists', tag: input.tag });
      await tx.insertInto('releases').values({ repoId: row.id, tag: input.tag, name: input.name ?? input.tag, body: input.body ?? '', prerelease: input.prerelease ? 1 : 0, createdAt: now() }).execute();
    });
    return (await this.getRelease(ref, input.tag))!;
  }

  async getRelease(ref: RepoRef, tag: string): Promise<Release | undefined> {
    const row = await this.readableRow(ref);
    if (!row) return undefined;
    const release = await this.db.selectFrom('releases').selectAll().where('repoId', '=', row.id).where('tag', '=', tag).executeTakeFirst();
    return release ? this.toRelease(row, release) : undefined;
  }

  async listReleases(ref: RepoRef): Promise<Release[]> {
    const row = await this.readableRow(ref);
    if (!row) return [];
    const rows = await this.db.selectFrom('releases').selectAll().where('repoId', '=', row.id).orderBy('createdAt', 'desc').execute();
    return rows.map((r) => this.toRelease(row, r));
  }

  // --- events ---------------------------------------------------------------------------------

  events(owner: string, options?: EventSubscription): AsyncIterable<ForgeEvent> {
    return subscribe(this.store, owner, options);
  }

  async eventCursor(owner: string): Promise<string> {
    return String(await latestEventId(this.store, owner));
  }

  /** The events after `since` that exist now, without waiting. */
  readEvents(owner: string, since: number): Promise<ForgeEvent[]> {
    return readEvents(this.store, owner, since);
  }

  // --- organisation (paved org): org.ts, enforced on push by protection.ts ----------------------

  private orgContext(): org.OrgContext {
    return { store: this.store, actor: this.actor, repoDir: (ref) => this.repoDir(ref), writableRow: (ref) => this.writableRow(ref) };
  }

  listTeams(owner: string): Promise<Team[]> { return org.listTeams(this.orgContext(), owner); }
  createTeam(owner: string, input: { name: string; description?: string }): Promise<Team> { return org.createTeam(this.orgContext(), owner, input); }
  updateTeam(owner: string, slug: string, input: { description: string }): Promise<Team> { return org.updateTeam(this.orgContext(), owner, slug, input); }
  listTeamMembers(owner: string, slug: string): Promise<TeamMember[]> { return org.listTeamMembers(this.orgContext(), owner, slug); }
  setTeamMember(owner: string, slug: string, login: string, role?: TeamMember['role']): Promise<void> { return org.setTeamMember(this.orgContext(), owner, slug, login, role); }
  removeTeamMember(owner: string, slug: string, login: string): Promise<void> { return org.removeTeamMember(this.orgContext(), owner, slug, login); }
  listTeamRepositories(owner: string, slug: string): Promise<TeamRepository[]> { return org.listTeamRepositories(this.orgContext(), owner, slug); }
  setTeamPermission(owner: string, slug: string, ref: RepoRef, permission: TeamPermission): Promise<void> { return org.setTeamPermission(this.orgContext(), owner, slug, ref, permission); }
  removeTeamPermission(owner: string, slug: string, ref: RepoRef): Promise<void> { return org.removeTeamPermission(this.orgContext(), owner, slug, ref); }
  getBranchProtection(ref: RepoRef, branch: string): Promise<BranchProtection | undefined> { return org.getBranchProtection(this.orgContext(), ref, branch); }
  setBranchProtection(ref: RepoRef, protection: BranchProtection): Promise<BranchProtection> { return org.setBranchProtection(this.orgContext(), ref, protection); }
  removeBranchProtection(ref: RepoRef, branch: string): Promise<void> { return org.removeBranchProtection(this.orgContext(), ref, branch); }

  // --- helpers --------------------------------------------------------------------------------

  private row(ref: RepoRef): Promise<RepositoryRow | undefined> {
    return this.db.selectFrom('repositories').selectAll().where('owner', '=', ref.owner).where('name', '=', ref.name).executeTakeFirst();
  }

  private async requireRow(ref: RepoRef): Promise<RepositoryRow> {
    validateRepoRef(ref);
    const row = await this.row(ref);
    if (!row || !(await this.mayRead(row))) throw new NotFoundError(`no repository ${ref.owner}/${ref.name} on the local forge`, { repo: `${ref.owner}/${ref.name}` });
    return row;
  }

  /** The store's row of a repository the actor may read (the git HTTP endpoint needs the row itself). */
  async readableRow(ref: RepoRef): Promise<RepositoryRow | undefined> {
    validateRepoRef(ref);
    const row = await this.row(ref);
    return row && (await this.mayRead(row)) ? row : undefined;
  }

  private async writableRow(ref: RepoRef): Promise<RepositoryRow> {
    const row = await this.requireRow(ref);
    await assertMayWrite(this.db, this.actor, row.owner);
    if (row.archived) throw new ConflictError(`${row.owner}/${row.name} is archived and read-only`, { reason: 'archived' });
    return row;
  }

  private async mayRead(row: RepositoryRow): Promise<boolean> {
    if (!row.private) return true;
    try {
      await assertMayWrite(this.db, this.actor, row.owner);
      return true;
    } catch (error) {
      if (error instanceof PermissionError) return false;
      throw error;
    }
  }

  private async requireCommit(dir: string, rev: string): Promise<string> {
    const commit = await bare.resolveCommit(dir, rev);
    if (!commit) throw new NotFoundError(`no commit '${rev}' in the repository; push it first`, { commit: rev });
    return commit;
  }

  private async requirePr(db: StoreDb | StoreTx, row: RepositoryRow, number: number): Promise<PullRequestRow> {
    const pr = await db.selectFrom('pullRequests').selectAll().where('repoId', '=', row.id).where('number', '=', number).executeTakeFirst();
    if (!pr) throw new NotFoundError(`no pull request #${number} in ${row.owner}/${row.name}`, { number });
    return pr;
  }

  private toRepository(row: RepositoryRow): Repository {
    const fullName = `${row.owner}/${row.name}`;
    return {
      owner: row.owner,
      name: row.name,
      fullName,
      defaultBranch: row.defaultBranch,
      description: row.description,
      archived: row.archived === 1,
      private: row.private === 1,
      cloneUrl: `${this.baseUrl}/${fullName}.git`,
      webUrl: `${this.baseUrl}/${fullName}`,
      createdAt: row.createdAt,
    };
  }

  private toPullRequests(row: RepositoryRow, prs: PullRequestRow[]): Promise<PullRequest[]> {
    return this.toPullRequestsOf(new Map([[row.id, row]]), prs);
  }

  private ownerRepoIds(owner: string, withPrivate: boolean) {
    const ids = this.db.selectFrom('repositories').select('id').where('owner', '=', owner);
    return withPrivate ? ids : ids.where('private', '=', 0);
  }

  private async toPullRequestsOf(repos: Map<number, RepositoryRow>, prs: PullRequestRow[]): Promise<PullRequest[]> {
    if (prs.length === 0) return [];
    const byPr = new Map<number, string[]>();
    // In slices: SQLite takes a bounded number of parameters in one statement.
    for (let i = 0; i < prs.length; i += 500) {
      const labels = await this.db.selectFrom('pullRequestLabels').selectAll().where('pullRequestId', 'in', prs.slice(i, i + 500).map((p) => p.id)).orderBy('name').execute();
      for (const l of labels) byPr.set(l.pullRequestId, [...(byPr.get(l.pullRequestId) ?? []), l.name]);
    }
    return prs.map((pr) => {
      const row = repos.get(pr.repoId)!;
      const fullName = `${row.owner}/${row.name}`;
      return {
      number: pr.number,
      repo: fullName,
      title: pr.title,
      body: pr.body,
      head: pr.head,
      headSha: pr.headSha,
      base: pr.base,
      state: pr.state,
      labels: byPr.get(pr.id) ?? [],
      author: pr.author,
      url: `${this.baseUrl}/${fullName}/pulls/${pr.number}`,
      createdAt: pr.createdAt,
      updatedAt: pr.updatedAt,
      ...(pr.mergedAt ? { mergedAt: pr.mergedAt } : {}),
      ...(pr.mergeCommit ? { mergeCommit: pr.mergeCommit } : {}),
      };
    });
  }

  private toRelease(row: RepositoryRow, r: { tag: string; name: string; body: string; prerelease: number; createdAt: string }): Release {
    return { tag: r.tag, name: r.name, body: r.body, prerelease: r.prerelease === 1, url: `${this.baseUrl}/${row.owner}/${row.name}/releases/${encodeURIComponent(r.tag)}`, createdAt: r.createdAt };
  }
}
