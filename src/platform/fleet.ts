/**
 * The fleet engine on the platform's forge: git reads and writes the local forge's bare
 * repositories directly (branches still move through the forge, which records the pushes), and a template recorded by its forge URL (`http://127.0.0.1:7070/acme/x.git`) is read
 * from its bare repository, whether or not `paved start` runs.
 */
import { existsSync } from 'node:fs';
import { fleetStatus, fleetSync, type FleetContext, type FleetFilter, type SyncOptions } from '../fleet/run.js';
import type { ComponentStatus, SyncResult } from '../fleet/types.js';
import { GITOPS_REPOSITORY } from './gitops.js';
import type { Platform } from './platform.js';

export function platformFleetContext(platform: Platform): FleetContext {
  const { forge } = platform;
  const served = forge.gitRemote({ owner: platform.workspace.config.organisation, name: GITOPS_REPOSITORY }).url;
  const origins = new Set([platform.workspace.config.forge.url, served].map((u) => new URL(u).origin));
  return {
    forge,
    owner: platform.workspace.config.organisation,
    skip: [GITOPS_REPOSITORY],
    cloneFrom: (repo) => ({ url: forge.repoDir(repo), env: {} }),
    localGitDir: (repo) => forge.repoDir(repo),
    sourceFor: (src) => {
      let url: URL;
      try {
        url = new URL(src);
      } catch {
        return src;
      }
      const match = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url.pathname);
      if (!origins.has(url.origin) || !match) return src;
      const bare = forge.repoDir({ owner: match[1]!, name: match[2]! });
      return existsSync(bare) ? bare : src;
    },
  };
}

export function platformFleetStatus(platform: Platform, filter: FleetFilter = {}, options: { grouped?: boolean } = {}): Promise<ComponentStatus[]> {
  return fleetStatus(platformFleetContext(platform), filter, options);
}

export function platformFleetSync(platform: Platform, options: SyncOptions = {}): Promise<SyncResult[]> {
  return fleetSync(platformFleetContext(platform), options);
}
