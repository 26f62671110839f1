/**
 * Every released version of a golden repository, rebuilt from the folder (the newest version) and
 * one patch per older version under `golden-path/history/<repo>/<version>.patch`: the change
 * from that version to the next one. Patches keep the history reviewable in this repository
 * without a copy of every old version, and let the platform seed real tags, so a repo made from
 * an older version can be updated to the newest one.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TemplateError } from '../errors.js';
import { gitRaw } from '../git/git.js';
import type { GoldenRelease, GoldenRepo } from './content.js';

export interface GoldenFile {
  path: string;
  data: Buffer;
  executable: boolean;
}

export interface GoldenSnapshot extends GoldenRelease {
  files: GoldenFile[];
}

export function historyDir(repo: GoldenRepo): string {
  return path.resolve(repo.dir, repo.kind === 'template' ? '../..' : '..', 'history', repo.name);
}

function readFiles(dir: string, prefix = ''): GoldenFile[] {
  const files: GoldenFile[] = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...readFiles(dir, rel));
    else if (entry.isFile()) files.push({ path: rel, data: readFileSync(path.join(dir, rel)), executable: (statSync(path.join(dir, rel)).mode & 0o111) !== 0 });
  }
  return files;
}

/** Oldest first. Versions older than the first missing patch are left out, never guessed. */
export async function goldenHistory(repo: GoldenRepo): Promise<GoldenSnapshot[]> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'paved-golden-'));
  try {
    cpSync(repo.dir, work, { recursive: true });
    const [newest, ...older] = repo.releases;
    const snapshots: GoldenSnapshot[] = [{ ...newest!, files: readFiles(work) }];
    for (const release of older) {
      const patch = path.join(historyDir(repo), `${release.version}.patch`);
      if (!existsSync(patch)) break;
      try {
        await gitRaw(['apply', '--reverse', '--whitespace=nowarn', patch], { cwd: work });
      } catch (error) {
        throw new TemplateError(`${patch} does not apply (in reverse) to ${repo.name} ${snapshots[0]!.version}; regenerate it from the two versions`, { file: patch }, { cause: error });
      }
      snapshots.unshift({ ...release, files: readFiles(work) });
    }
    return snapshots;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
