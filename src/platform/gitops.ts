/**
 * Publishing a rendered tree to the GitOps repo — a private clone, the files written, one commit
 * pushed with compare-and-swap so a concurrent change is never overwritten — or into a folder.
 * `deploy render` and `namespace create` both publish through here.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planTree, writeTree, type TreeFile, type TreePlan } from '../deploy/tree.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { Repository } from '../forge/types.js';
import { gitRaw } from '../git/git.js';
import type { Platform } from './platform.js';

export const GITOPS_REPOSITORY = 'gitops';

export interface PublishOptions {
  /** Write into this folder instead of committing to the GitOps repo. */
  out?: string;
  /** Plan and diff only. */
  dryRun?: boolean;
  /** Folders whose Paved-rendered files not in `files` are deleted (see tree.ts). */
  prune: string[];
  /** The commit's subject. */
  subject: string;
  /** What `--command` to suggest when the repo moved meanwhile. */
  rerun: string;
}

export interface PublishReport {
  target: string;
  plan: TreePlan;
  commit?: string;
  diff?: string;
}

export async function gitopsRepository(platform: Platform): Promise<Repository> {
  const ref = { owner: platform.workspace.config.organisation, name: GITOPS_REPOSITORY };
  const repo = await platform.forge.getRepository(ref);
  if (!repo) throw new NotFoundError(`no GitOps repository ${ref.owner}/${ref.name}; run 'paved init' to create it`, {});
  return repo;
}

export async function publishTree(platform: Platform, files: TreeFile[], options: PublishOptions): Promise<PublishReport> {
  if (options.out) {
    const dir = path.resolve(options.out);
    const plan = planTree(dir, files, options.prune);
    if (options.dryRun) return { target: dir, plan, diff: await treeDiff(dir, files, plan) };
    await writeTree(dir, files, plan);
    return { target: dir, plan };
  }
  const repo = await gitopsRepository(platform);
  const work = mkdtempSync(path.join(os.tmpdir(), 'paved-gitops-'));
  try {
    await gitRaw(['clone', '--quiet', '--', platform.forge.repoDir(repo), work], { cwd: os.tmpdir() });
    const head = (await gitRaw(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: work, okCodes: [1, 128] })).stdout.toString().trim() || null;
    const plan = planTree(work, files, options.prune);
    const target = `${repo.fullName} (${repo.defaultBranch})`;
    if (options.dryRun) return { target, plan, diff: await treeDiff(work, files, plan) };
    if (plan.create.length + plan.update.length + plan.delete.length === 0) return { target, plan };
    await writeTree(work, files, plan);
    await gitRaw(['add', '-A'], { cwd: work });
    const body = [...plan.create.map((p) => `create ${p}`), ...plan.update.map((p) => `update ${p}`), ...plan.delete.map((p) => `delete ${p}`)].join('\n');
    await gitRaw(['-c', 'commit.gpgsign=false', 'commit', '--quiet', '-F', '-'], { cwd: work, input: `${options.subject}\n\n${body}\n` });
    try {
      await platform.forge.push(repo, work, [{ src: 'HEAD', dst: repo.defaultBranch, expected: head }]);
    } catch (error) {
      if (error instanceof ConflictError) throw new ConflictError(`${repo.fullName} changed meanwhile; run '${options.rerun}' again`, { reason: 'stale' }, { cause: error });
      throw error;
    }
    const commit = (await gitRaw(['rev-parse', 'HEAD'], { cwd: work })).stdout.toString().trim();
    return { target, plan, commit };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** git's unified diff between the folder now (a/…) and after writing (b/…). */
async function treeDiff(dir: string, files: TreeFile[], plan: TreePlan): Promise<string> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'paved-diff-'));
  const before = path.join(scratch, 'a');
  const after = path.join(scratch, 'b');
  try {
    mkdirSync(before);
    mkdirSync(after);
    const byPath = new Map(files.map((f) => [f.path, f.content]));
    for (const rel of [...plan.create, ...plan.update, ...plan.delete]) {
      if (existsSync(path.join(dir, rel))) {
        mkdirSync(path.dirname(path.join(before, rel)), { recursive: true });
        cpSync(path.join(dir, rel), path.join(before, rel));
      }
      const content = byPath.get(rel);
      if (content !== undefined) {
        mkdirSync(path.dirname(path.join(after, rel)), { recursive: true });
        writeFileSync(path.join(after, rel), content);
      }
    }
    // Relative folders named a and b: the diff shows repository paths as a/clusters/… and b/clusters/….
    const out = await gitRaw(['diff', '--no-index', '--no-color', '--no-prefix', '--', 'a', 'b'], { cwd: scratch, okCodes: [1] });
    return out.stdout.toString('utf8');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
