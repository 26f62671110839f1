/**
 * Keeping the catalog in step with the forge. A repository is refreshed whole: when all its
 * catalog files read cleanly its entities replace the old ones; when any file is broken the
 * source keeps the entities of its last good refresh and the problems are recorded for it (a
 * typo in one push must not make a component vanish from the catalog). One repository's
 * failure never touches another's entities.
 */
import type { PlatformConfig } from '../config/index.js';
import { ConflictError, isPavedError } from '../errors.js';
import type { Forge, RepoRef } from '../forge/types.js';
import type { Store } from '../store/index.js';
import { Catalog, type SourceError } from './catalog.js';
import { enrichComponents, type Deployments } from './enrich-components.js';
import { readRepositoryCatalog, type FileProblem } from './forge-source.js';
import { PLATFORM_SOURCE, platformEntities } from './platform-entities.js';
import { entityRef } from './relations.js';

export interface RefreshOptions {
  /** What runs where, per component (a ref, or a bare component name): environment → version. */
  deployments?: Deployments;
}

export interface RefreshAllOptions extends RefreshOptions {
  /** The platform config whose teams and users become Groups and Users; left alone when absent. */
  config?: Pick<PlatformConfig, 'organisation' | 'teams' | 'users'>;
  /** Repositories read at once (default 4). */
  concurrency?: number;
}

export interface SourceRefresh {
  source: string;
  /** Whether the stored entities are this refresh's (false: the last good ones were kept). */
  refreshed: boolean;
  /** Entities the source has in the catalog now. */
  entities: number;
  errors: SourceError[];
}

export interface RefreshSummary {
  repos: number;
  entities: number;
  errors: SourceError[];
}

export async function refreshRepository(forge: Forge, store: Store, repo: RepoRef, options: RefreshOptions = {}): Promise<SourceRefresh> {
  const catalog = new Catalog(store);
  const source = `${repo.owner}/${repo.name}`;
  return settle(catalog, source, () => refreshFrom(forge, catalog, repo, source, options));
}

/** Refreshes every repository of `owner` and, given the config, the platform's own entities. */
export async function refreshAll(forge: Forge, store: Store, owner: string, options: RefreshAllOptions = {}): Promise<RefreshSummary> {
  const catalog = new Catalog(store);
  const repositories = await forge.listRepositories(owner);
  const results: SourceRefresh[] = [];
  const queue = [...repositories];
  const worker = async () => {
    for (let repo = queue.shift(); repo; repo = queue.shift()) results.push(await refreshRepository(forge, store, repo, options));
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  // Repositories that are gone or archived take their entities and errors with them.
  const live = new Set(repositories.map((r) => r.fullName));
  for (const source of await catalog.sources()) {
    if (source.startsWith(`${owner}/`) && !live.has(source)) await catalog.replaceSource(source, []);
  }
  const config = options.config;
  if (config) {
    const platform = await settle(catalog, PLATFORM_SOURCE, async () => {
      await catalog.replaceSource(PLATFORM_SOURCE, platformEntities(config));
      return [];
    });
    results.push(platform);
  }
  const errors = results.flatMap((r) => r.errors).sort((a, b) => a.source.localeCompare(b.source) || a.location.localeCompare(b.location));
  return { repos: repositories.length, entities: results.reduce((sum, r) => sum + r.entities, 0), errors };
}

async function refreshFrom(forge: Forge, catalog: Catalog, repo: RepoRef, source: string, options: RefreshOptions): Promise<FileProblem[]> {
  const repository = await forge.getRepository(repo);
  // Gone, archived or no longer visible: its entities go with it.
  if (!repository || repository.archived) {
    await catalog.replaceSource(source, []);
    return [];
  }
  const read = await readRepositoryCatalog(forge, repository);
  if (read.problems.length > 0) return read.problems;
  const enrichment = await enrichComponents(forge, repository, read, options.deployments);
  if (enrichment.problems.length > 0) return enrichment.problems;
  try {
    await catalog.replaceSource(source, read.entities.map((e) => e.entity), enrichment.byRef);
    return [];
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const file = read.entities.find((e) => entityRef(e.entity) === error.details.ref)?.file ?? '';
    return [{ location: file, message: `${file}: ${error.message}` }];
  }
}

/** Runs one source's refresh; whatever goes wrong is recorded against that source, not thrown. */
async function settle(catalog: Catalog, source: string, work: () => Promise<FileProblem[]>): Promise<SourceRefresh> {
  let problems: FileProblem[];
  try {
    problems = await work();
  } catch (error) {
    const file = isPavedError(error) && typeof error.details.file === 'string' ? error.details.file : '';
    problems = [{ location: file, message: error instanceof Error ? error.message : String(error) }];
  }
  if (problems.length > 0) await catalog.recordSourceErrors(source, problems);
  return {
    source,
    refreshed: problems.length === 0,
    entities: await catalog.countSource(source),
    errors: problems.length > 0 ? await catalog.sourceErrors(source) : [],
  };
}
