/**
 * Seeds a golden repository into the organisation: one commit per released version, each tagged
 * `v<version>` (and the workflows repository's moving major tag, `v1`, which callers pin). The
 * commits are deterministic (fixed author, the CHANGELOG date, the same parent), so a later
 * seed rebuilds the very same commits and can fast-forward a repository to a newer golden
 * version; a repository whose main holds commits the platform did not make is left alone.
 */
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitRaw } from '../git/git.js';
import type { Forge, PushRefspec } from '../forge/types.js';
import { GOLDEN_ROOT, type GoldenRepo } from './content.js';
import { goldenHistory, type GoldenFile } from './history.js';

export type SeedOutcome = 'created' | 'updated' | 'unchanged' | 'skipped';

export interface SeedResult {
  repo: string;
  kind: GoldenRepo['kind'];
  outcome: SeedOutcome;
  versions: string[];
  /** Why a repository was skipped. */
  reason?: string;
}

/** The shipped content names the organisation `acme`; a platform with another name gets its own. */
export function rewriteForOrganisation(file: GoldenFile, organisation: string): GoldenFile {
  if (organisation === 'acme') return file;
  let text = file.data.toString('utf8');
  if (text.includes('\uFFFD')) return file;
  text = text.replaceAll('acme/workflows', `${organisation}/workflows`);
  if (file.path === 'copier.yml') text = text.replace(/((?:^|\n)organisation:\n(?: {2}.*\n)*? {2}default: )acme\b/, `$1${organisation}`);
  return { ...file, data: Buffer.from(text) };
}

function clearWorkTree(dir: string): void {
  for (const entry of readdirSync(dir)) if (entry !== '.git') rmSync(path.join(dir, entry), { recursive: true, force: true });
}

function writeFiles(dir: string, files: GoldenFile[]): void {
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
    writeFileSync(path.join(dir, file.path), file.data, { mode: file.executable ? 0o755 : 0o644 });
  }
}

/**
 * Makes `work` a git repository holding the golden repository's release commits on main, each
 * tagged `v<version>`; returns each version's commit, oldest first.
 */
export async function buildGoldenRepo(work: string, repo: GoldenRepo, organisation: string): Promise<Array<{ version: string; commit: string }>> {
  await gitRaw(['init', '--quiet', '--initial-branch=main'], { cwd: work });
  const commits: Array<{ version: string; commit: string }> = [];
  for (const snapshot of await goldenHistory(repo)) {
    clearWorkTree(work);
    writeFiles(work, snapshot.files.map((f) => rewriteForOrganisation(f, organisation)));
    await gitRaw(['add', '--all'], { cwd: work });
    const when = `${snapshot.date}T12:00:00Z`;
    const env = { GIT_AUTHOR_NAME: 'Paved golden path', GIT_AUTHOR_EMAIL: 'golden-path@paved.local', GIT_AUTHOR_DATE: when, GIT_COMMITTER_NAME: 'Paved golden path', GIT_COMMITTER_EMAIL: 'golden-path@paved.local', GIT_COMMITTER_DATE: when };
    const message = `chore(release): ${repo.name} ${snapshot.version}\n\n${snapshot.notes}\n`;
    await gitRaw(['-c', 'commit.gpgsign=false', 'commit', '--quiet', '--allow-empty', '--no-verify', '-F', '-'], { cwd: work, env, input: message });
    commits.push({ version: snapshot.version, commit: (await gitRaw(['rev-parse', 'HEAD'], { cwd: work })).stdout.toString('utf8').trim() });
    await gitRaw(['tag', `v${snapshot.version}`], { cwd: work });
  }
  return commits;
}

export async function seedGoldenRepo(forge: Forge, organisation: string, repo: GoldenRepo): Promise<SeedResult> {
  const ref = { owner: organisation, name: repo.name };
  const existing = await forge.getRepository(ref);
  const target = existing ?? (await forge.createRepository({ ...ref, description: repo.description, defaultBranch: 'main' }));
  const work = mkdtempSync(path.join(os.tmpdir(), 'paved-seed-'));
  try {
    const commits = await buildGoldenRepo(work, repo, organisation);
    const versions = commits.map((c) => c.version);
    const head = commits.at(-1)!;
    const branch = await forge.getBranch(target, target.defaultBranch);
    const result = (outcome: SeedOutcome, reason?: string): SeedResult => ({ repo: `${organisation}/${repo.name}`, kind: repo.kind, outcome, versions, ...(reason ? { reason } : {}) });
    if (branch && !commits.some((c) => c.commit === branch.commit)) {
      return result('skipped', `${target.defaultBranch} has commits the platform did not make; bring ${path.relative(path.dirname(GOLDEN_ROOT), repo.dir)} ${head.version} in by hand`);
    }
    const tags = new Map((await forge.listTags(target)).map((t) => [t.name, t.commit]));
    const refspecs: PushRefspec[] = [];
    if (branch?.commit !== head.commit) refspecs.push({ src: head.commit, dst: target.defaultBranch, expected: branch?.commit ?? null });
    for (const { version, commit } of commits) if (!tags.has(`v${version}`)) refspecs.push({ src: commit, dst: `refs/tags/v${version}`, expected: null });
    if (repo.kind === 'workflows') {
      // Callers pin `@v1`: the major tag follows the newest release of that major.
      const major = `v${head.version.split('.')[0]}`;
      if (tags.get(major) !== head.commit) refspecs.push({ src: head.commit, dst: `refs/tags/${major}`, expected: tags.get(major) ?? null });
    }
    if (refspecs.length === 0) return result('unchanged');
    await forge.push(target, work, refspecs);
    return result(branch ? 'updated' : 'created');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
