/**
 * A platform workspace with a local forge for the release tests: repositories published from
 * TestRepo histories (branch main and its tags), pull requests merged as a person would, pushes
 * by a person to the bot's branch, and the real CLI. One workspace per test file (init takes
 * seconds); each test makes its own repository.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PullRequest, Repository } from '../../src/forge/types.js';
import { initWorkspace } from '../../src/platform/init.js';
import { openPlatform, type Platform } from '../../src/platform/platform.js';
import { platformReleasePr, platformReleaseTag } from '../../src/platform/releases.js';
import { paved, type Ran } from '../support/exec.js';
import { TestRepo } from './git-repo.js';

export const OWNER = 'acme';
export const DATE = '2025-03-04';

export class ReleaseForge {
  private readonly repos: TestRepo[] = [];

  private constructor(
    readonly root: string,
    readonly workspace: string,
    readonly platform: Platform,
  ) {}

  static async build(): Promise<ReleaseForge> {
    const root = mkdtempSync(path.join(os.tmpdir(), 'paved-release-forge-'));
    const workspace = path.join(root, 'ws');
    await initWorkspace(workspace);
    return new ReleaseForge(root, workspace, await openPlatform(workspace));
  }

  get forge() {
    return this.platform.forge;
  }

  /** A local repository, removed with the workspace. */
  local(): TestRepo {
    const repo = new TestRepo();
    this.repos.push(repo);
    return repo;
  }

  /** Creates `name` on the forge from the repository's main and tags; the local repository's origin then points at it. */
  async publish(name: string, local: TestRepo): Promise<Repository> {
    const repo = await this.forge.createRepository({ owner: OWNER, name, defaultBranch: 'main' });
    const tags = local.git('tag', '--list').split('\n').filter(Boolean);
    await this.forge.push(repo, local.dir, [{ src: 'HEAD', dst: 'main', expected: null }, ...tags.map((t) => ({ src: `refs/tags/${t}`, dst: `refs/tags/${t}`, expected: null }))]);
    local.git('remote', 'add', 'origin', this.forge.repoDir(repo));
    return repo;
  }

  /** Pushes the local main (a fast-forward) to the forge. */
  async push(repo: Repository, local: TestRepo): Promise<void> {
    await this.forge.push(repo, local.dir, [{ src: 'HEAD', dst: 'main' }]);
  }

  /** Brings the forge's main (after a merge) into the local repository. */
  pull(local: TestRepo): void {
    local.git('fetch', '-q', '--tags', 'origin', '+refs/heads/main:refs/remotes/origin/main');
    local.git('reset', '-q', '--hard', 'refs/remotes/origin/main');
  }

  pr(repo: Repository, options: { dryRun?: boolean } = {}) {
    return platformReleasePr(this.platform, repo, { date: DATE, ...options });
  }

  tag(repo: Repository) {
    return platformReleaseTag(this.platform, repo);
  }

  async pullRequest(repo: Repository, number: number): Promise<PullRequest> {
    const pr = await this.forge.getPullRequest(repo, number);
    if (!pr) throw new Error(`no pull request #${number}`);
    return pr;
  }

  async file(repo: Repository, file: string, ref: string): Promise<string | undefined> {
    return (await this.forge.readFile(repo, file, ref))?.data.toString('utf8');
  }

  async branchHead(repo: Repository, branch: string): Promise<string | undefined> {
    return (await this.forge.getBranch(repo, branch))?.commit;
  }

  /** A person's commit on `branch` (no Paved-Release trailer), pushed as a fast-forward; returns it. */
  async personPush(repo: Repository, branch: string, file: string, text: string): Promise<string> {
    const work = new TestRepo();
    this.repos.push(work);
    work.git('fetch', '-q', this.forge.repoDir(repo), `+refs/heads/${branch}:refs/heads/work`);
    work.git('checkout', '-q', 'work');
    work.write({ [file]: text });
    work.git('add', '-A');
    work.git('commit', '-q', '-m', 'fix: by hand');
    await this.forge.push(repo, work.dir, [{ src: 'HEAD', dst: branch }]);
    return work.git('rev-parse', 'HEAD');
  }

  /** Runs the real CLI on this workspace with --json, in `cwd` (without blocking: see test/support/exec.ts). */
  async cli(args: string[], cwd = this.root): Promise<Ran & { json: Record<string, unknown> | undefined }> {
    const result = await paved([...args, '--json'], { cwd, workspace: this.workspace });
    return { ...result, json: result.stdout ? (JSON.parse(result.stdout) as Record<string, unknown>) : undefined };
  }

  async close(): Promise<void> {
    await this.platform.close();
    for (const repo of this.repos) repo.remove();
    rmSync(this.root, { recursive: true, force: true });
  }
}
