/**
 * Team namespaces as files of the platform's GitOps repository. Pure: the same paved.yaml gives
 * the same objects and the same bytes, so rendering again after no change is no diff, and a
 * writer can compare before it writes.
 *
 * Layout of the GitOps repository:
 *   clusters/<cluster>/namespaces/<team>.yaml   the team's namespace on that cluster: Namespace,
 *                                               ResourceQuota, LimitRange, RoleBinding and
 *                                               NetworkPolicies, all platform-owned
 *   argocd/projects/<team>.yaml                 the team's AppProject, for the cluster running ArgoCD
 *   clusters/<cluster>/apps/<team>/<component>/… what the deploy renderer writes for components
 *
 * The namespace is named like the team (one team namespace per cluster; a cluster belongs to one
 * environment, so that is one per team and environment too).
 */
import type { PlatformConfig } from '../config/index.js';
import { assertValid, type K8sObject } from '../deploy/k8s.js';
import { InputError } from '../errors.js';
import { renderAppProject, type AppProjectOptions } from './app-project.js';
import { renderNamespace, renderTeamRoleBinding, teamLabels } from './namespace.js';
import { clusterFor, environmentFor, teamFor } from './names.js';
import { renderNetworkPolicies } from './network-policies.js';
import { renderLimitRange, renderResourceQuota } from './quota.js';

export interface GitopsFile {
  /** Relative to the GitOps repository's root, with '/'. */
  path: string;
  objects: K8sObject[];
}

export interface TeamNamespace {
  objects: K8sObject[];
  /** What was left out and why (a team without idpGroup gets no RoleBinding); for the user to read. */
  warnings: string[];
}

export interface TeamNamespaceFiles {
  files: GitopsFile[];
  warnings: string[];
}

export const namespaceFilePath = (cluster: string, team: string): string => `clusters/${cluster}/namespaces/${team}.yaml`;
export const projectFilePath = (team: string): string => `argocd/projects/${team}.yaml`;

/** The team's namespace and what governs it on one cluster; every object checked against its schema. */
export function renderTeamNamespace(config: PlatformConfig, options: { team: string; cluster: string }): TeamNamespace {
  const team = teamFor(config, options.team);
  const cluster = clusterFor(config, options.cluster);
  const environment = environmentFor(config, cluster.environment);
  const labels = teamLabels(team.name);
  const quota = renderResourceQuota(team.name, labels, team, environment);
  const binding = renderTeamRoleBinding(team, labels);
  // A deep copy: the objects share no label maps with each other, so a caller may change one alone.
  const objects = structuredClone([renderNamespace(team, cluster), ...(quota ? [quota] : []), renderLimitRange(team.name, labels, environment), ...(binding ? [binding] : []), ...renderNetworkPolicies(team.name, labels)]);
  assertValid(objects, `namespace ${team.name} on cluster ${cluster.name}`);
  return { objects, warnings: binding ? [] : [noGroupWarning(team.name)] };
}

/**
 * The team's namespace on every cluster (of one environment when given), then its AppProject,
 * which always covers every cluster (see app-project.ts).
 */
export function renderTeamNamespaces(config: PlatformConfig, options: { team: string; environment?: string } & AppProjectOptions): TeamNamespaceFiles {
  const team = teamFor(config, options.team);
  if (options.environment !== undefined) environmentFor(config, options.environment);
  const clusters = config.clusters.filter((c) => options.environment === undefined || c.environment === options.environment);
  if (clusters.length === 0) {
    const where = options.environment === undefined ? 'paved.yaml has no clusters' : `environment '${options.environment}' has no clusters`;
    throw new InputError(`${where}, so there is nowhere to create namespace '${team.name}'; add a cluster under clusters in paved.yaml`, { environment: options.environment });
  }
  const files: GitopsFile[] = [];
  const warnings = new Set<string>();
  for (const cluster of clusters) {
    const rendered = renderTeamNamespace(config, { team: team.name, cluster: cluster.name });
    files.push({ path: namespaceFilePath(cluster.name, team.name), objects: rendered.objects });
    rendered.warnings.forEach((w) => warnings.add(w));
  }
  files.push({ path: projectFilePath(team.name), objects: [renderAppProject(config, team.name, options)] });
  return { files, warnings: [...warnings] };
}

function noGroupWarning(team: string): string {
  return `team '${team}' has no idpGroup, so its namespaces get no RoleBinding and its AppProject no role: only the platform can reach them; set teams[].idpGroup in paved.yaml to give the team access`;
}
