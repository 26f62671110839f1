/**
 * Finding the fleet: every Copier answers file in every repository of the organisation, read
 * from each default branch through the forge's API or, on the local forge, its git folders (no clone), with the catalog entry beside it for
 * the component's name and team.
 */
import path from 'node:path/posix';
import { parse } from 'yaml';
import { tryParseEntityRef } from '../catalog/ref.js';
import type { Forge, Repository } from '../forge/types.js';
import { listTree, readObjects, type ListedEntry, type ListingCache } from '../git/objects.js';
import type { FleetComponent } from './types.js';

const ANSWERS_FILE = /(^|\/)\.copier-answers[^/]*\.ya?ml$/;

function readYaml(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The catalog owner's name: `group:default/payments` or `payments` → `payments`. */
function teamOf(owner: unknown): string | undefined {
  if (typeof owner !== 'string') return undefined;
  const parsed = tryParseEntityRef(owner, { defaultKind: 'group' });
  return typeof parsed === 'string' ? undefined : parsed.name;
}

/** A repository's default branch as discovery reads it: its file list, then a few files. */
export interface RepoFiles {
  paths(): Promise<string[]>;
  read(paths: string[]): Promise<Map<string, Buffer>>;
}

/** Through the forge's API: one tree call, one call per file. */
export function forgeFiles(forge: Forge, repo: Repository): RepoFiles {
  return {
    paths: async () => (await forge.readTree(repo)).filter((t) => t.type === 'blob').map((t) => t.path),
    read: async (paths) => {
      const files = await Promise.all(paths.map(async (p) => [p, (await forge.readFile(repo, p))?.data] as const));
      return new Map(files.filter((f): f is readonly [string, Buffer] => f[1] !== undefined));
    },
  };
}

/** Straight from a git folder on this machine: two git processes, whatever the number of files. */
export function gitFiles(gitDir: string, branch: string, listings?: ListingCache): RepoFiles {
  let listing: Promise<ListedEntry[]> | undefined;
  const ref = `refs/heads/${branch}`;
  const list = () =>
    (listing ??= listTree(gitDir, ref).then(
      (entries) => {
        // The update that may follow reads the same ref: it reuses the listing if the tree is the same.
        listings?.remember(gitDir, ref, entries);
        return entries;
      },
      () => [],
    ));
  return {
    paths: async () => (await list()).filter((e) => e.type === 'blob').map((e) => e.path),
    read: async (paths) => {
      const oids = new Map((await list()).filter((e) => e.type === 'blob' && paths.includes(e.path)).map((e) => [e.path, e.oid]));
      const objects = await readObjects(gitDir, [...oids.values()]);
      return new Map([...oids].flatMap(([p, oid]) => (objects.has(oid) ? [[p, objects.get(oid)!.data] as const] : [])));
    },
  };
}

async function componentsOf(files: RepoFiles, repo: Repository): Promise<FleetComponent[]> {
  const all = await files.paths();
  const answerFiles = all.filter((p) => ANSWERS_FILE.test(p)).sort((a, b) => a.localeCompare(b));
  const dirOf = (file: string) => (path.dirname(file) === '.' ? '' : path.dirname(file));
  const catalogFiles = answerFiles.map((file) => (dirOf(file) ? `${dirOf(file)}/catalog-info.yaml` : 'catalog-info.yaml')).filter((p) => all.includes(p));
  const texts = answerFiles.length > 0 ? await files.read([...answerFiles, ...catalogFiles]) : new Map<string, Buffer>();
  const found: FleetComponent[] = [];
  for (const file of answerFiles) {
    const dir = dirOf(file);
    const ref = { owner: repo.owner, name: repo.name, fullName: repo.fullName, defaultBranch: repo.defaultBranch };
    const answers = readYaml(texts.get(file)?.toString('utf8') ?? '');
    const catalogText = texts.get(dir ? `${dir}/catalog-info.yaml` : 'catalog-info.yaml');
    const entity = catalogText ? readYaml(catalogText.toString('utf8')) : undefined;
    const metadata = entity?.metadata as Record<string, unknown> | undefined;
    const spec = entity?.spec as Record<string, unknown> | undefined;
    const team = teamOf(spec?.owner);
    const component = typeof metadata?.name === 'string' ? metadata.name : dir ? path.basename(dir) : repo.name;
    const base: FleetComponent = { component, repo: ref, path: dir, answersFile: file, ...(team ? { team } : {}) };
    const src = answers?._src_path;
    const commit = answers?._commit;
    if (typeof src !== 'string' || !src) found.push({ ...base, problem: `${file}: no _src_path, so its template is unknown` });
    else if (typeof commit !== 'string' || !commit) found.push({ ...base, src, problem: `${file}: no _commit, so the version it is on is unknown` });
    else found.push({ ...base, src, commit });
  }
  return found;
}

/** Repositories read at once: each read is a few short forge calls (git processes on the local forge), which overlap well. */
const READ_CONCURRENCY = 4;

/** Every component of the organisation, in repository order; a repository that cannot be read is skipped. */
export async function discoverFleet(forge: Forge, owner: string, options: { skip?: string[]; localGitDir?: (repo: Repository) => string; listings?: ListingCache; only?: Repository[] } = {}): Promise<FleetComponent[]> {
  const filesOf = (repo: Repository) => (options.localGitDir ? gitFiles(options.localGitDir(repo), repo.defaultBranch, options.listings) : forgeFiles(forge, repo));
  // A run on given repositories (the per-repository job) reads those, not the whole organisation.
  const listed = options.only ?? (await forge.listRepositories(owner));
  const repos = listed.filter((r) => !options.skip?.includes(r.name));
  const found: FleetComponent[][] = [];
  let next = 0;
  let failed = false;
  const reader = async () => {
    while (!failed && next < repos.length) {
      const i = next++;
      found[i] = await componentsOf(filesOf(repos[i]!), repos[i]!).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, repos.length) }, reader));
  return found.flat();
}
