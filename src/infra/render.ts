/**
 * `paved infra render` as a pure function: paved.yaml in, the files of every root module and every
 * ArgoCD cluster registration out, sorted by path.
 */
import type { PlatformConfig } from '../config/index.js';
import { shippedModuleVersions, type ModuleVersions } from './modules.js';
import { planInfra, type InfraPlan } from './plan.js';
import { renderRegistrations } from './registration.js';
import { renderNewRelicRoot, renderRoot, type RenderedFile } from './root-module.js';

export interface InfraRender {
  plan: InfraPlan;
  files: RenderedFile[];
}

export function renderInfra(config: PlatformConfig, versions: ModuleVersions = shippedModuleVersions()): InfraRender {
  const plan = planInfra(config, versions);
  const files = [
    ...plan.roots.flatMap((root) => renderRoot(root, plan)),
    ...(plan.newrelic ? renderNewRelicRoot(plan.newrelic, plan) : []),
    ...renderRegistrations(plan.clusters),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { plan, files };
}
