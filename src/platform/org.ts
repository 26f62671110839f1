/**
 * `paved org plan | apply` over a workspace: the catalog's components (read fresh from every
 * repository), the facts of the repositories holding them, the desired organisation, the forge's
 * actual one, and the plan between them. Works on the local forge and on GitHub (the token from
 * the environment variable paved.yaml names in forge.tokenEnv).
 */
import { existsSync } from 'node:fs';
import { Catalog, parseEntityRef, refreshAll } from '../catalog/index.js';
import { loadWorkspace, type PlatformConfig } from '../config/index.js';
import { AuthenticationError, InputError } from '../errors.js';
import type { Forge } from '../forge/types.js';
import { applyOrgPlan, desiredOrg, planOrg, readActualOrg, readRepositoryFacts, type OrgApplyResult, type OrgComponent, type OrgPlan } from '../org/index.js';
import { openSqliteStore, type Store } from '../store/index.js';
import { refreshPlatformCatalog } from './catalog.js';
import { dataPaths, openPlatform } from './platform.js';

export interface OrgTarget {
  config: PlatformConfig;
  forge: Forge;
  store: Store;
  /** Reads every repository's catalog files again. */
  refreshCatalog(): Promise<void>;
  close(): Promise<void>;
}

export interface OrgOptions {
  workspace?: string;
  /** The environment to read the GitHub token from (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

export async function openOrgTarget(options: OrgOptions = {}): Promise<OrgTarget> {
  const workspace = loadWorkspace(options.workspace);
  const { config } = workspace;
  if (config.forge.kind === 'local') {
    const platform = await openPlatform(workspace.dir);
    return { config, forge: platform.forge, store: platform.store, refreshCatalog: async () => void (await refreshPlatformCatalog(platform)), close: () => platform.close() };
  }
  const env = options.env ?? process.env;
  const token = env[config.forge.tokenEnv];
  if (!token) throw new AuthenticationError(`${config.forge.tokenEnv} is not set: paved org needs a GitHub token with organisation administration rights; export it, or name another variable in forge.tokenEnv`, { env: config.forge.tokenEnv });
  const file = dataPaths(workspace.dataDir).store;
  if (!existsSync(file)) throw new InputError(`${workspace.dir} has no platform data yet (${file}); run 'paved init ${workspace.dir}'`, {});
  const { createGitHubForge } = await import('../forge/github/index.js');
  const forge = await createGitHubForge({ token, baseUrl: config.forge.url });
  const store = await openSqliteStore(file);
  return { config, forge, store, refreshCatalog: async () => void (await refreshAll(forge, store, config.organisation, { config })), close: () => store.close() };
}

/** Every component in the catalog, with its repository and the team owning it. */
export async function catalogComponents(store: Store): Promise<OrgComponent[]> {
  const catalog = new Catalog(store);
  const components: OrgComponent[] = [];
  for (let cursor: string | undefined, first = true; first || cursor; first = false) {
    const page = await catalog.list({ kind: 'Component', limit: 500, ...(cursor ? { cursor } : {}) });
    for (const item of page.items) {
      if (!item.source.includes('/')) continue;
      const owner = item.owner ? parseEntityRef(item.owner) : undefined;
      components.push({ name: item.name, repo: item.source, ...(owner && owner.kind.toLowerCase() === 'group' ? { owner: owner.name } : {}) });
    }
    cursor = page.nextCursor;
  }
  return components;
}

export interface OrgPlanReport extends OrgPlan {
  forge: Forge['kind'];
}

export async function planOrganisation(target: OrgTarget): Promise<OrgPlanReport> {
  await target.refreshCatalog();
  const components = await catalogComponents(target.store);
  const facts = await readRepositoryFacts(target.forge, components.map((c) => c.repo));
  const desired = desiredOrg(target.config, components, facts);
  const plan = planOrg(desired, await readActualOrg(target.forge, desired));
  return { forge: target.forge.kind, ...plan };
}

export interface OrgApplyReport extends OrgApplyResult {
  forge: Forge['kind'];
  plan: OrgPlan;
}

export async function applyOrganisation(target: OrgTarget): Promise<OrgApplyReport> {
  const { forge, ...plan } = await planOrganisation(target);
  return { forge, plan, ...(await applyOrgPlan(target.forge, plan)) };
}
