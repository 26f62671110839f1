/**
 * A component's whole deployment, for every environment and cluster of the platform: the
 * workload objects (or a team chart), its overlays, and its ArgoCD Applications, checked against
 * the schemas before anything is returned. The GitOps layout (docs/gitops.md):
 *
 *   clusters/<cluster>/apps/<team>/<component>/manifests.yaml   what ArgoCD applies
 *   argocd/applications/<cluster>/<component>.yaml              the Application that applies it
 */
import type { PlatformConfig } from '../config/index.js';
import { InputError } from '../errors.js';
import { renderApplication } from './argocd.js';
import { assertValid, toYaml, type K8sObject } from './k8s.js';
import { applyOverlays } from './overlay.js';
import { resolveWorkload } from './resolve.js';
import type { DeploySpec } from './spec.js';
import { renderWorkload } from './workload.js';

export interface GitOpsFile {
  path: string;
  objects: K8sObject[];
}

export interface ComponentInput {
  spec: DeploySpec;
  /** The repository's name when the spec names no component. */
  component?: string;
  /** The version to run (image tag unless the spec pins one)… */
  version: string;
  /** …unless the environment has one pinned by a promotion (releases/<component>.yaml). */
  versions?: Record<string, string>;
  /** For messages: where the spec came from. */
  file?: string;
}

export interface RenderOptions {
  gitopsRepoUrl: string;
  /** Only these environments (default: all). */
  environments?: string[];
}

export function componentPath(cluster: string, team: string, component: string): string {
  return `clusters/${cluster}/apps/${team}/${component}`;
}

export function renderComponent(config: PlatformConfig, input: ComponentInput, options: RenderOptions): GitOpsFile[] {
  const { spec } = input;
  const file = input.file ?? 'deploy.yaml';
  const component = spec.component ?? input.component;
  if (!component) throw new InputError(`${file}: component: missing; name the component (or render it from its repository, whose name is used)`, { file });
  const team = config.teams.find((t) => t.name === spec.team);
  if (!team) throw new InputError(`${file}: team: '${spec.team}' is not a team of the platform; use one of: ${config.teams.map((t) => t.name).join(', ') || '(none in paved.yaml)'}`, { file, field: 'team' });
  for (const name of Object.keys(spec.environments ?? {})) {
    if (!config.environments.some((e) => e.name === name)) {
      throw new InputError(`${file}: environments.${name}: not an environment of the platform; use one of: ${config.environments.map((e) => e.name).join(', ')}`, { file, field: `environments.${name}` });
    }
  }
  const files: GitOpsFile[] = [];
  for (const environment of config.environments) {
    if (options.environments && !options.environments.includes(environment.name)) continue;
    const workload = resolveWorkload(spec, component, environment, input.versions?.[environment.name] ?? input.version);
    for (const cluster of config.clusters.filter((c) => c.environment === environment.name)) {
      const namespace = team.name;
      const path = componentPath(cluster.name, team.name, component);
      if (!spec.chart) {
        const objects = applyOverlays(renderWorkload(workload, { cluster, namespace }), spec.overlays, environment.name, file);
        assertValid(objects, `${file} (${component} in ${cluster.name})`);
        files.push({ path: `${path}/manifests.yaml`, objects });
      }
      const application = renderApplication({ component, team: team.name, namespace, environment, cluster, gitopsRepoUrl: options.gitopsRepoUrl, path, chart: spec.chart, chartValues: spec.chart?.values });
      assertValid([application], `${file} (${component} in ${cluster.name})`);
      files.push({ path: `argocd/applications/${cluster.name}/${component}.yaml`, objects: [application] });
    }
  }
  return files;
}

/** Many components at once; two that would write the same file are refused, naming both. */
export function renderComponents(config: PlatformConfig, inputs: ComponentInput[], options: RenderOptions): GitOpsFile[] {
  const owners = new Map<string, string>();
  const files: GitOpsFile[] = [];
  for (const input of inputs) {
    for (const file of renderComponent(config, input, options)) {
      const other = owners.get(file.path);
      if (other) throw new InputError(`${input.file ?? 'deploy.yaml'} and ${other} both render ${file.path}; component names must be unique`, { path: file.path });
      owners.set(file.path, input.file ?? 'deploy.yaml');
      files.push(file);
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function fileContent(file: GitOpsFile): string {
  return `# Rendered by Paved: edit the component's deploy.yaml or paved.yaml, not this file.\n${toYaml(file.objects)}`;
}
