/**
 * A team's ArgoCD AppProject: one per team (named like the team), in the `argocd` namespace of
 * the cluster where ArgoCD runs, covering the team's namespace on every cluster in paved.yaml.
 * It does not depend on which environment a command names, so rendering for `--env prod` and
 * then `--env dev` writes the same project twice instead of taking clusters away.
 *
 * What it allows: Applications from the platform's GitOps repository and the team's own chart
 * repositories, into the namespace named like the team on each cluster's API server, and nothing
 * cluster-scoped. What stays the platform's: ResourceQuota, LimitRange, NetworkPolicy, Role and
 * RoleBinding (ArgoCD also leaves these out of orphaned-resource warnings, as denied kinds).
 * The team's group, when it has one, may see and sync the project's Applications.
 */
import type { PlatformConfig, TeamConfig } from '../config/index.js';
import { assertValid, type K8sObject } from '../deploy/k8s.js';
import { InputError } from '../errors.js';
import { teamLabels } from './namespace.js';
import { teamFor } from './names.js';

export const ARGOCD_NAMESPACE = 'argocd';

/** Namespaced kinds a team's Applications may not create or change: the platform renders them. */
export const PLATFORM_OWNED_KINDS = [
  { group: '', kind: 'LimitRange' },
  { group: '', kind: 'ResourceQuota' },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { group: 'rbac.authorization.k8s.io', kind: 'Role' },
  { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
] as const;

export interface AppProjectOptions {
  /** The platform's GitOps repository, as ArgoCD clones it. */
  gitopsRepoUrl: string;
  /** Helm chart repositories the team deploys from, besides the GitOps repository. */
  chartRepositories?: string[];
}

export function renderAppProject(config: PlatformConfig, teamName: string, options: AppProjectOptions): K8sObject {
  const team = teamFor(config, teamName);
  const project: K8sObject = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: team.name, namespace: ARGOCD_NAMESPACE, labels: teamLabels(team.name) },
    spec: {
      description: `${team.description || `Team ${team.name}`} (managed by Paved from paved.yaml)`,
      sourceRepos: sourceRepos(options),
      destinations: destinations(config, team),
      clusterResourceWhitelist: [],
      namespaceResourceBlacklist: PLATFORM_OWNED_KINDS.map((k) => ({ ...k })),
      orphanedResources: { warn: true },
      ...(team.idpGroup ? { roles: [teamRole(team, team.idpGroup)] } : {}),
    },
  };
  assertValid([project], `AppProject ${team.name}`);
  return project;
}

/** The GitOps repository first, then the team's chart repositories sorted; no wildcards, no duplicates. */
function sourceRepos(options: AppProjectOptions): string[] {
  const check = (url: string, what: string): string => {
    const trimmed = url.trim();
    if (trimmed === '') throw new InputError(`${what} is empty; give the repository URL as ArgoCD clones it`);
    if (/[*?[\]\s]/.test(trimmed) || trimmed.startsWith('!')) {
      throw new InputError(`${what} '${url}' is a pattern or has spaces; a team's AppProject lists each repository by its exact URL`, { url });
    }
    return trimmed;
  };
  const gitops = check(options.gitopsRepoUrl, 'the GitOps repository URL');
  const charts = (options.chartRepositories ?? []).map((url) => check(url, 'a chart repository URL')).filter((url) => url !== gitops);
  return [gitops, ...[...new Set(charts)].sort()];
}

/** The team's namespace on every cluster, in the order of paved.yaml; never a pattern, never another namespace. */
function destinations(config: PlatformConfig, team: TeamConfig): Array<{ server: string; namespace: string }> {
  if (config.clusters.length === 0) throw new InputError(`no clusters in paved.yaml, so team '${team.name}' has nowhere to deploy; add one under clusters`);
  const seen = new Map<string, string>();
  for (const cluster of config.clusters) {
    const other = seen.get(cluster.apiServer);
    if (other) throw new InputError(`clusters '${other}' and '${cluster.name}' have the same apiServer ${cluster.apiServer}; each cluster needs its own in paved.yaml`, { apiServer: cluster.apiServer });
    seen.set(cluster.apiServer, cluster.name);
  }
  return config.clusters.map((cluster) => ({ server: cluster.apiServer, namespace: team.name }));
}

function teamRole(team: TeamConfig, group: string): { name: string; description: string; groups: string[]; policies: string[] } {
  const subject = `proj:${team.name}:team`;
  return {
    name: 'team',
    description: `Members of ${group} see and sync the project's Applications`,
    groups: [group],
    policies: [`p, ${subject}, applications, get, ${team.name}/*, allow`, `p, ${subject}, applications, sync, ${team.name}/*, allow`],
  };
}
