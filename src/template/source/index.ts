import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NotFoundError } from '../../errors.js';
import { git, gitRaw } from '../../git/git.js';
import { readCommitFiles, readObjects } from '../../git/objects.js';
import { workTreeState, type WorkTreeState } from '../../git/repo.js';
import type { TreeEntry } from '../../git/tree.js';
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
  /** Ends the repository's background git process. */
  close(): void;
}

/** Opens a template source: a local folder, a local git repo, or a git URL (mirrored in the cache). */
export async function openTemplate(src: string, cwd = process.cwd(), progress?: NodeJS.WritableStream): Promise<TemplateRepo> {
  const parsed = parseSource(src, cwd);
  if (parsed.kind === 'remote') {
    // Fetching is the one step that can take a while; say so rather than sit silent.
    progress?.write(`fetching template ${parsed.location}…\n`);
    return gitTemplate(src, await mirrorRemote(parsed.location), false);
  }
  const dir = parsed.location;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new NotFoundError(`template '${src}' not found: no such folder (give a folder, a git repo or a git URL)`, { src });
  }
  // As in Copier, a folder inside some other repo is a plain folder; only a repo root is versioned.
  // Looking at the folder, not asking git, saves a process on every run.
  if (existsSync(path.join(dir, '.git'))) return gitTemplate(src, dir, true);
  const bare = ['HEAD', 'objects', 'refs'].every((entry) => existsSync(path.join(dir, entry)));
  if (bare) return gitTemplate(src, dir, false);
  return folderTemplate(src, dir);
}

function folderTemplate(src: string, dir: string): TemplateRepo {
  return {
    src,
    isGit: false,
    tags: async () => [],
    close: () => undefined,
    async snapshot(ref) {
      if (ref) throw new NotFoundError(`template '${src}' is not a git repo, so --vcs-ref '${ref}' cannot be used`, { src, ref });
      return { src, files: readFolder(dir), warnings: [] };
    },
  };
}

function gitTemplate(src: string, repoDir: string, local: boolean): TemplateRepo {
  let tagCache: Promise<Map<string, string>> | undefined;
  const tagCommits = () => (tagCache ??= listTagCommits(repoDir));
  // Blobs by id across the versions read: two versions of a template share most of theirs.
  const blobs = new Map<string, Buffer>();
  return {
    src,
    isGit: true,
    tags: async () => [...(await tagCommits()).keys()],
    async snapshot(ref, options = {}) {
      const warnings: string[] = [];
      const [state, tags] = await Promise.all([local ? workTreeState(repoDir) : undefined, tagCommits()]);
      const clean = state?.dirty.length === 0;
      if (state && !clean && (!ref || ref === 'HEAD')) {
        warnings.push(`template '${src}' has uncommitted changes; they are included as they stand (commit and tag them to release them)`);
        return { src, warnings, ...(await draftSnapshot(repoDir)) };
      }
      let wanted = ref;
      if (!wanted) {
        wanted = latestVersionTag([...tags.keys()], options);
        if (!wanted) {
          warnings.push(`template '${src}' has no version tags; using HEAD (tag releases, e.g. v1.0.0, so projects can update)`);
          wanted = 'HEAD';
        }
      }
      const commit = tags.get(wanted) ?? (await resolveCommit(repoDir, wanted, src));
      // A clean work tree at the wanted commit holds exactly its files: reading them from disk
      // spares inflating every object (and gives what a checkout gives, as Copier's clone does).
      const files = clean && state?.head === commit ? readFolder(repoDir, { asGit: true, skip: ignoredBy(state) }) : readCommitFiles(repoDir, commit, blobs);
      const [describe, read] = await Promise.all([describeCommit(repoDir, commit, tags), files]);
      return { src, commit, describe, version: versionOfDescribe(describe), files: read, warnings };
    },
    close() {
      blobs.clear();
    },
  };
}

function ignoredBy(state: WorkTreeState): (rel: string) => boolean {
  const ignored = new Set(state.ignored);
  return (rel) => ignored.has(rel) || ignored.has(`${rel}/`);
}

/** Tag name → the commit it points at (annotated tags peeled), in one process. */
async function listTagCommits(repoDir: string): Promise<Map<string, string>> {
  const out = await git(['for-each-ref', '--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)', 'refs/tags'], { cwd: repoDir });
  const tags = new Map<string, string>();
  for (const line of out.split('\n')) {
    if (!line) continue;
    const [name, object, peeled] = line.split('\0');
    if (name && object) tags.set(name, peeled || object);
  }
  return tags;
}

/** `git describe --tags --always`, without a process when exactly one tag names the commit (the usual case). */
async function describeCommit(repoDir: string, commit: string, tags: Map<string, string>): Promise<string> {
  const names = [...tags].filter(([, target]) => target === commit).map(([name]) => name);
  if (names.length === 1) return names[0]!;
  return git(['describe', '--tags', '--always', commit], { cwd: repoDir });
}

async function resolveCommit(repoDir: string, ref: string, src: string): Promise<string> {
  // The candidates in git's order of preference, resolved by one process.
  const candidates = /[\n\0]/.test(ref) ? [] : [ref, `refs/tags/${ref}`, `origin/${ref}`].map((c) => `${c}^{commit}`);
  const found = await readObjects(repoDir, candidates);
  for (const candidate of candidates) {
    const object = found.get(candidate);
    if (object) return object.oid;
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
    return { commit, describe, version: versionOfDescribe(describe), files: await readCommitFiles(repoDir, commit, new Map(), env) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
