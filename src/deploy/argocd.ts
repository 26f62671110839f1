/**
 * ArgoCD objects for components: one Application per component and cluster, in its team's
 * AppProject, syncing the component's folder of the GitOps repo (or a team-owned Helm chart), with
 * the environment's sync policy.
 */
import { stringify } from 'yaml';
import type { ClusterConfig, EnvironmentConfig } from '../config/index.js';
import { MANAGED_BY, type K8sObject } from './k8s.js';
import type { DeploySpec } from './spec.js';

export const ARGOCD_NAMESPACE = 'argocd';

/** The AppProject of a team (rendered with its namespaces, src/namespace). */
export function projectName(team: string): string {
  return team;
}

export interface ApplicationInput {
  component: string;
  team: string;
  namespace: string;
  environment: EnvironmentConfig;
  cluster: ClusterConfig;
  gitopsRepoUrl: string;
  /** The component's folder in the GitOps repo. */
  path: string;
  chart?: DeploySpec['chart'];
  /** Helm values of a team chart, after the environment's overrides. */
  chartValues?: Record<string, unknown>;
}

export function renderApplication(input: ApplicationInput): K8sObject {
  const policy = { automated: true, prune: true, selfHeal: true, ...input.environment.defaults.syncPolicy };
  const source = input.chart
    ? {
        repoURL: input.chart.repoURL,
        targetRevision: input.chart.version,
        ...(input.chart.chart ? { chart: input.chart.chart } : { path: input.chart.path ?? '.' }),
        helm: { releaseName: input.component, ...(input.chartValues && Object.keys(input.chartValues).length > 0 ? { values: stringify(input.chartValues) } : {}) },
      }
    : { repoURL: input.gitopsRepoUrl, targetRevision: 'HEAD', path: input.path };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: `${input.component}-${input.cluster.name}`,
      namespace: ARGOCD_NAMESPACE,
      labels: { ...MANAGED_BY, 'paved.dev/team': input.team, 'paved.dev/component': input.component, 'paved.dev/environment': input.environment.name, 'paved.dev/cluster': input.cluster.name },
      // Deleting the Application deletes what it deployed.
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    } as K8sObject['metadata'],
    spec: {
      project: projectName(input.team),
      source,
      destination: { server: input.cluster.apiServer, namespace: input.namespace },
      syncPolicy: {
        ...(policy.automated ? { automated: { prune: policy.prune, selfHeal: policy.selfHeal } } : {}),
        syncOptions: ['CreateNamespace=false', 'PrunePropagationPolicy=foreground'],
        retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
      },
    },
  };
}

export const PLATFORM_PROJECT = 'paved-platform';
const IN_CLUSTER = 'https://kubernetes.default.svc';

/**
 * The AppProject of the platform's own Applications. Not ArgoCD's `default` project, which may
 * deploy anything anywhere: this one reads only the GitOps repository, writes Applications and
 * AppProjects into ArgoCD's namespace, and on each cluster only the teams' namespaces and the
 * kinds of a namespace bundle.
 */
export function renderPlatformProject(clusters: ClusterConfig[], teams: string[], gitopsRepoUrl: string): K8sObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: PLATFORM_PROJECT, namespace: ARGOCD_NAMESPACE, labels: { ...MANAGED_BY, 'paved.dev/role': 'bootstrap' } },
    spec: {
      description: "Paved's own Applications: the teams' AppProjects, namespaces and app-of-apps",
      sourceRepos: [gitopsRepoUrl],
      destinations: [
        { server: IN_CLUSTER, namespace: ARGOCD_NAMESPACE },
        ...clusters.flatMap((cluster) => [...new Set(teams)].sort().map((team) => ({ server: cluster.apiServer, namespace: team }))),
      ],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
      namespaceResourceWhitelist: [
        { group: '', kind: 'ResourceQuota' },
        { group: '', kind: 'LimitRange' },
        { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
        { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
        { group: 'argoproj.io', kind: 'Application' },
        { group: 'argoproj.io', kind: 'AppProject' },
      ],
    },
  };
}

/**
 * What a platform engineer applies once per ArgoCD (`kubectl apply -f argocd/bootstrap/`): the
 * platform's AppProject and the Applications that sync everything else from the GitOps repo —
 * the teams' AppProjects, and per cluster its namespaces and its components' Applications (app
 * of apps), on the cluster ArgoCD runs in.
 */
export function renderBootstrap(clusters: ClusterConfig[], teams: string[], gitopsRepoUrl: string): K8sObject[] {
  const app = (name: string, path: string, destination: { server: string; namespace: string }, labels: Record<string, string>): K8sObject => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: ARGOCD_NAMESPACE, labels: { ...MANAGED_BY, 'paved.dev/role': 'bootstrap', ...labels } },
    spec: {
      project: PLATFORM_PROJECT,
      source: { repoURL: gitopsRepoUrl, targetRevision: 'HEAD', path, directory: { recurse: true } },
      destination,
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['PrunePropagationPolicy=foreground'] },
    },
  });
  const inArgo = { server: IN_CLUSTER, namespace: ARGOCD_NAMESPACE };
  return [
    renderPlatformProject(clusters, teams, gitopsRepoUrl),
    app('paved-projects', 'argocd/projects', inArgo, {}),
    ...clusters.flatMap((cluster) => [
      // Every object of a namespace bundle names its namespace; this one is only ArgoCD's fallback.
      app(`paved-namespaces-${cluster.name}`, `clusters/${cluster.name}/namespaces`, { server: cluster.apiServer, namespace: [...teams].sort()[0] ?? 'default' }, { 'paved.dev/cluster': cluster.name }),
      app(`paved-apps-${cluster.name}`, `argocd/applications/${cluster.name}`, inArgo, { 'paved.dev/cluster': cluster.name }),
    ]),
  ];
}
