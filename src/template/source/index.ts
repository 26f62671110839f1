import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NotFoundError } from '../../errors.js';
import { git, gitRaw } from '../../git/git.js';
import { dirtyPaths, listTags } from '../../git/repo.js';
import { readTree, type TreeEntry } from '../../git/tree.js';
import { latestVersionTag, versionOfDescribe } from '../version.js';
import { mirrorRemote } from './cache.js';
import { readFolder } from './folder.js';
import { parseSource } from './url.js';

/** One version of a template, read into memory. */
export interface TemplateSnapshot {
  /** The source as the user gave it; recorded as `_src_path`. */
  src: string;
  /** The commit read, when the template is a git repo. */
  commit?: string;
  /** `git describe --tags --always` of that commit; recorded as `_commit`. */
  describe?: string;
  /** PEP 440 version of `describe`, when it is one. */
  version?: string;
  files: TreeEntry[];
  warnings: string[];
}

export interface TemplateRepo {
  src: string;
  isGit: boolean;
  tags(): Promise<string[]>;
  /** Reads one version: a tag, branch or commit; without a ref the latest version tag (or HEAD, or the draft work tree). */
  snapshot(ref?: string, options?: { prereleases?: boolean }): Promise<TemplateSnapshot>;
}

/** Opens a template source: a local folder, a local git repo, or a git URL (mirrored in the cache). */
export async function openTemplate(src: string, cwd = process.cwd()): Promise<TemplateRepo> {
  const parsed = parseSource(src, cwd);
  if (parsed.kind === 'remote') return gitTemplate(src, await mirrorRemote(parsed.location), false);
  const dir = parsed.location;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new NotFoundError(`template '${src}' not found: no such folder (give a folder, a git repo or a git URL)`, { src });
  }
  const top = await gitRaw(['rev-parse', '--show-toplevel'], { cwd: dir, okCodes: [128] });
  // As in Copier, a folder inside some other repo is a plain folder; only a repo root is versioned.
  if (top.code === 0 && path.resolve(top.stdout.toString().trim()) === path.resolve(dir)) return gitTemplate(src, dir, true);
  return folderTemplate(src, dir);
}

function folderTemplate(src: string, dir: string): TemplateRepo {
  return {
    src,
    isGit: false,
    tags: async () => [],
    async snapshot(ref) {
      if (ref) throw new NotFoundError(`template '${src}' is not a git repo, so --vcs-ref '${ref}' cannot be used`, { src, ref });
      return { src, files: await readFolder(dir), warnings: [] };
    },
  };
}

function gitTemplate(src: string, repoDir: string, local: boolean): TemplateRepo {
  let tagCache: Promise<string[]> | undefined;
  const tags = () => (tagCache ??= listTags(repoDir));
  return {
    src,
    isGit: true,
    tags,
    async snapshot(ref, options = {}) {
      const warnings: string[] = [];
      if (local && (!ref || ref === 'HEAD') && (await dirtyPaths(repoDir)).length > 0) {
        warnings.push(`template '${src}' has uncommitted changes; they are included as they stand (commit and tag them to release them)`);
        return { src, warnings, ...(await draftSnapshot(repoDir)) };
      }
      let wanted = ref;
      if (!wanted) {
        wanted = latestVersionTag(await tags(), options);
        if (!wanted) {
          warnings.push(`template '${src}' has no version tags; using HEAD (tag releases, e.g. v1.0.0, so projects can update)`);
          wanted = 'HEAD';
        }
      }
      const commit = await resolveCommit(repoDir, wanted, src);
      const describe = await git(['describe', '--tags', '--always', commit], { cwd: repoDir });
      return { src, commit, describe, version: versionOfDescribe(describe), files: await readTree(repoDir, commit), warnings };
    },
  };
}

async function resolveCommit(repoDir: string, ref: string, src: string): Promise<string> {
  for (const candidate of [ref, `refs/tags/${ref}`, `origin/${ref}`]) {
    const result = await gitRaw(['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`], { cwd: repoDir, okCodes: [1, 128] });
    if (result.code === 0) return result.stdout.toString().trim();
  }
  throw new NotFoundError(`template '${src}' has no tag, branch or commit '${ref}'; run 'git -C ${src} tag' to see its versions`, { src, ref });
}

/**
 * The work tree of a dirty template repo as a commit on top of HEAD, written to a scratch object
 * store that borrows the repo's objects: the user's repo is never modified.
 */
async function draftSnapshot(repoDir: string): Promise<Omit<TemplateSnapshot, 'src' | 'warnings'>> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'paved-draft-'));
  try {
    const objects = await git(['rev-parse', '--path-format=absolute', '--git-path', 'objects'], { cwd: repoDir });
    await mkdir(path.join(scratch, 'objects'));
    const env = {
      GIT_INDEX_FILE: path.join(scratch, 'index'),
      GIT_OBJECT_DIRECTORY: path.join(scratch, 'objects'),
      GIT_ALTERNATE_OBJECT_DIRECTORIES: objects,
    };
    const head = await gitRaw(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: repoDir, okCodes: [1, 128] });
    const parent = head.code === 0 ? ['-p', head.stdout.toString().trim()] : [];
    await git(['add', '-A'], { cwd: repoDir, env });
    const tree = await git(['write-tree'], { cwd: repoDir, env });
    const commit = await git(['commit-tree', tree, ...parent, '-m', 'Paved: uncommitted template changes'], { cwd: repoDir, env });
    const describe = await git(['describe', '--tags', '--always', commit], { cwd: repoDir, env });
    return { commit, describe, version: versionOfDescribe(describe), files: await readTree(repoDir, commit, env) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
