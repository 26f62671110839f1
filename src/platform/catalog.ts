/**
 * The catalog as the platform keeps it: every repository's catalog files plus the platform's
 * teams and users, each component enriched with what runs in each environment. Refreshed whole
 * on demand, and per repository on every push to a default branch while `paved start` runs.
 */
import { Catalog, PLATFORM_SOURCE, refreshAll, refreshRepository, type Deployments, type ListPage, type ListQuery, type RefreshSummary } from '../catalog/index.js';
import type { ComponentInput } from '../deploy/render.js';
import { collectComponents } from './deploy.js';
import { repoRefOf } from '../forge/types.js';
import type { Platform } from './platform.js';

/** environment → version, per component with a deploy.yaml: a promoted pin, else its newest release. */
export function deploymentsFrom(platform: Platform, inputs: ComponentInput[]): Deployments {
  const deployments: Record<string, Record<string, string>> = {};
  for (const input of inputs) {
    const name = input.spec.component ?? input.component!;
    deployments[name] = Object.fromEntries(platform.workspace.config.environments.map((e) => [e.name, input.versions?.[e.name] ?? input.version]));
  }
  return deployments;
}

export async function deploymentsOf(platform: Platform, only?: string[]): Promise<Deployments> {
  return deploymentsFrom(platform, await collectComponents(platform, only).catch(() => []));
}

export async function refreshPlatformCatalog(platform: Platform): Promise<RefreshSummary> {
  const { config } = platform.workspace;
  return refreshAll(platform.forge, platform.store, config.organisation, { config, deployments: await deploymentsOf(platform) });
}

/** `inputs`: the repository's components when the caller has read them already (paved new). */
export async function refreshComponentRepository(platform: Platform, name: string, inputs?: ComponentInput[]) {
  const ref = { owner: platform.workspace.config.organisation, name };
  const deployments = inputs ? deploymentsFrom(platform, inputs) : await deploymentsOf(platform, [name]);
  return refreshRepository(platform.forge, platform.store, ref, { deployments });
}

/** A page of the catalog; the first listing of a workspace (or `refresh`) reads every repository first. */
export async function listCatalog(platform: Platform, query: ListQuery & { refresh?: boolean }): Promise<ListPage> {
  const catalog = new Catalog(platform.store);
  const { refresh, ...filters } = query;
  if (refresh || !(await catalog.sources()).includes(PLATFORM_SOURCE)) await refreshPlatformCatalog(platform);
  return catalog.list(filters);
}

/**
 * Follows the organisation's pushes and refreshes the pushed repository's entities, until the
 * signal aborts. A failing refresh is recorded by the catalog for that repository; the loop goes on.
 */
export async function followPushes(platform: Platform, signal: AbortSignal): Promise<void> {
  const owner = platform.workspace.config.organisation;
  const since = await platform.forge.eventCursor(owner);
  try {
    for await (const event of platform.forge.events(owner, { since, signal })) {
      if (event.type !== 'push' || !event.after) continue;
      const { name } = repoRefOf(event.repo);
      const repo = await platform.forge.getRepository({ owner, name });
      if (!repo || event.ref !== `refs/heads/${repo.defaultBranch}`) continue;
      await refreshComponentRepository(platform, name).catch(() => undefined);
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}
