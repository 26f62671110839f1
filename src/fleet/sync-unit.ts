/**
 * One update pull request: a fresh clone of the repository, a branch cut from its default
 * branch's head (so a moved default branch is picked up on every run), the template engine's
 * update for each component of the unit, one commit, a push that never overwrites a person's
 * work, and the pull request opened or refreshed in place. Nothing reaches the forge unless every
 * update in the unit succeeded.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConflictError } from '../errors.js';
import { crashPoint } from '../failpoint.js';
import type { Forge, GitRemote } from '../forge/types.js';
import { gitRaw } from '../git/git.js';
import { updateProject } from '../template/index.js';
import { compareVersions, versionOfDescribe } from '../template/version.js';
import type { TemplateIndex } from './drift.js';
import { body, carried, changelogBetween, title, type UnitUpdate } from './pr-body.js';
import type { ComponentStatus, FleetComponent, SyncResult } from './types.js';

export const UPDATE_LABEL = 'template-update';
export const CONFLICT_LABEL = 'template-update-conflicts';
const TRAILER = 'Paved-Fleet';
const BOT = { GIT_AUTHOR_NAME: 'Paved fleet', GIT_AUTHOR_EMAIL: 'fleet@paved.local', GIT_COMMITTER_NAME: 'Paved fleet', GIT_COMMITTER_EMAIL: 'fleet@paved.local' };

export interface UnitContext {
  forge: Forge;
  index: TemplateIndex;
  /** Where git clones a repository from (the local forge's bare folder, or the forge's URL). */
  cloneFrom(repo: FleetComponent['repo']): GitRemote;
  sourceFor(src: string): string;
  dryRun: boolean;
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
  if (ctx.dryRun) return results(open ? 'updated' : 'opened');

  const work = await mkdtemp(path.join(os.tmpdir(), 'paved-fleet-'));
  try {
    const remote = ctx.cloneFrom(unit.repo);
    // The clone checks out the default branch itself: the update is committed on it and pushed to
    // the update branch by id, so no second checkout. No template: no sample hooks to write and delete.
    await gitRaw(['clone', '--quiet', '--no-tags', '--template=', '--branch', unit.repo.defaultBranch, '--', remote.url, work], { cwd: os.tmpdir(), env: remote.env });
    const remoteBranch = (await gitRaw(['rev-parse', '--verify', '--quiet', `refs/remotes/origin/${unit.branch}`], { cwd: work, okCodes: [1] })).stdout.toString('utf8').trim() || null;
    if (remoteBranch) {
      const ours = await git(work, ['log', '-1', `--format=%(trailers:key=${TRAILER},valueonly)`, remoteBranch]);
      if (!ours) {
        // One comment per pushed head: the comment names it by its short id.
        const pushed = remoteBranch.slice(0, 12);
        if (open && !(await forge.listComments(unit.repo, open.number)).some((c) => c.body.includes(pushed))) {
          await forge.comment(unit.repo, open.number, `A newer template version is out, but someone pushed to \`${unit.branch}\` (${pushed}), so \`paved fleet sync\` leaves the branch alone. Merge or close this pull request to get the next update.`);
        }
        return results('skipped', { error: `someone pushed to ${unit.branch}; not overwritten (the pull request got a comment)`, ...(open ? { pullRequest: { number: open.number, url: open.url } } : {}) });
      }
    }
    const updates: UnitUpdate[] = [];
    for (const { component, status } of wanted) {
      const result = await updateProject({ dst: path.join(work, component.path), answersFile: path.basename(component.answersFile), defaults: true, conflict: 'inline', sourceFor: ctx.sourceFor, output: quietOutput });
      updates.push({ component: component.component, path: component.path, template: status.template ?? 'template', from: status.version ?? '?', to: result.version ?? status.latest ?? '?', files: result.files, conflicts: result.conflicts, changelog: await changelogFor(ctx, status) });
    }
    await git(work, ['add', '--all']);
    const message = `${title(updates)}\n\n${updates.map((u) => `${TRAILER}: ${u.component}@${u.to}`).join('\n')}\n`;
    // No auto maintenance: a throw-away clone gains nothing from a `git maintenance run --auto` (two processes).
    await gitRaw(['-c', 'commit.gpgsign=false', '-c', 'maintenance.auto=false', 'commit', '--quiet', '--no-verify', '--allow-empty', '-F', '-'], { cwd: work, env: BOT, input: message });
    // The commit, and whether it has the same tree on the same parent as the branch already pushed: one process.
    const [head = '', ourTree, ourParent, theirTree, theirParent] = (await git(work, ['rev-parse', 'HEAD', ...(remoteBranch === null ? [] : ['HEAD^{tree}', 'HEAD^', `${remoteBranch}^{tree}`, `${remoteBranch}^`])])).split('\n');
    const sameAsRemote = remoteBranch !== null && ourTree === theirTree && ourParent === theirParent;
    if (!sameAsRemote) {
      await forge.push(unit.repo, work, [{ src: head, dst: unit.branch, expected: remoteBranch }]).catch((error: unknown) => {
        throw error instanceof ConflictError ? new ConflictError(`${unit.branch} moved while this run worked on it; the next run picks it up`, {}, { cause: error }) : error;
      });
    }
    crashPoint('fleet:pushed');
    const conflicts = updates.flatMap((u) => u.conflicts.map((c) => (u.path ? `${u.path}/${c}` : c)));
    const labels = [UPDATE_LABEL, ...(conflicts.length > 0 ? [CONFLICT_LABEL] : [])];
    const text = { title: title(updates), body: body(updates), labels };
    let pr = open;
    let outcome: SyncResult['outcome'];
    if (!pr) {
      pr = await forge.openPullRequest(unit.repo, { head: unit.branch, base: unit.repo.defaultBranch, ...text });
      outcome = 'opened';
    } else if (sameAsRemote && pr.body === text.body && pr.title === text.title) {
      outcome = 'unchanged';
    } else {
      pr = await forge.updatePullRequest(unit.repo, pr.number, text);
      outcome = 'updated';
    }
    if (conflicts.length > 0 && outcome !== 'unchanged') outcome = 'conflicted';
    return results(outcome, { pullRequest: { number: pr.number, url: pr.url }, ...(conflicts.length > 0 ? { conflicts } : {}) });
  } finally {
    // Asynchronous: deleting a clone file by file must not hold up the other units' event loop.
    await rm(work, { recursive: true, force: true });
  }
}
