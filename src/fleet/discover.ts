/**
 * Finding the fleet: every Copier answers file in every repository of the organisation, read
 * from each default branch through the forge (no clone), with the catalog entry beside it for
 * the component's name and team.
 */
import path from 'node:path/posix';
import { parse } from 'yaml';
import { tryParseEntityRef } from '../catalog/ref.js';
import type { Forge, Repository } from '../forge/types.js';
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

async function componentsOf(forge: Forge, repo: Repository): Promise<FleetComponent[]> {
  const tree = await forge.readTree(repo);
  const found: FleetComponent[] = [];
  for (const item of tree.filter((t) => t.type === 'blob' && ANSWERS_FILE.test(t.path)).sort((a, b) => a.path.localeCompare(b.path))) {
    const dir = path.dirname(item.path) === '.' ? '' : path.dirname(item.path);
    const ref = { owner: repo.owner, name: repo.name, fullName: repo.fullName, defaultBranch: repo.defaultBranch };
    const answers = readYaml((await forge.readFile(repo, item.path))?.data.toString('utf8') ?? '');
    const catalogFile = tree.find((t) => t.path === (dir ? `${dir}/catalog-info.yaml` : 'catalog-info.yaml'));
    const entity = catalogFile ? readYaml((await forge.readFile(repo, catalogFile.path))?.data.toString('utf8') ?? '') : undefined;
    const metadata = entity?.metadata as Record<string, unknown> | undefined;
    const spec = entity?.spec as Record<string, unknown> | undefined;
    const team = teamOf(spec?.owner);
    const component = typeof metadata?.name === 'string' ? metadata.name : dir ? path.basename(dir) : repo.name;
    const base: FleetComponent = { component, repo: ref, path: dir, answersFile: item.path, ...(team ? { team } : {}) };
    const src = answers?._src_path;
    const commit = answers?._commit;
    if (typeof src !== 'string' || !src) found.push({ ...base, problem: `${item.path}: no _src_path, so its template is unknown` });
    else if (typeof commit !== 'string' || !commit) found.push({ ...base, src, problem: `${item.path}: no _commit, so the version it is on is unknown` });
    else found.push({ ...base, src, commit });
  }
  return found;
}

/** Repositories read at once: each read is a few short forge calls (git processes on the local forge), which overlap well. */
const READ_CONCURRENCY = 4;

/** Every component of the organisation, in repository order; a repository that cannot be read is skipped. */
export async function discoverFleet(forge: Forge, owner: string, options: { skip?: string[] } = {}): Promise<FleetComponent[]> {
  const repos = (await forge.listRepositories(owner)).filter((r) => !options.skip?.includes(r.name));
  const found: FleetComponent[][] = [];
  let next = 0;
  let failed = false;
  const reader = async () => {
    while (!failed && next < repos.length) {
      const i = next++;
      found[i] = await componentsOf(forge, repos[i]!).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, repos.length) }, reader));
  return found.flat();
}
