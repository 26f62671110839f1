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

/**
 * What a platform engineer applies once per ArgoCD (`kubectl apply -f argocd/bootstrap/`): the
 * Applications that sync everything else from the GitOps repo — the teams' AppProjects, and per
 * cluster its namespaces and its components' Applications (app of apps). Platform-owned, so they
 * live in ArgoCD's `default` project, on the cluster ArgoCD runs in.
 */
export function renderBootstrap(clusters: ClusterConfig[], gitopsRepoUrl: string): K8sObject[] {
  const app = (name: string, path: string, destination: { server: string; namespace: string }, labels: Record<string, string>): K8sObject => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: ARGOCD_NAMESPACE, labels: { ...MANAGED_BY, 'paved.dev/role': 'bootstrap', ...labels } },
    spec: {
      project: 'default',
      source: { repoURL: gitopsRepoUrl, targetRevision: 'HEAD', path, directory: { recurse: true } },
      destination,
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['PrunePropagationPolicy=foreground'] },
    },
  });
  const inArgo = { server: 'https://kubernetes.default.svc', namespace: ARGOCD_NAMESPACE };
  return [
    app('paved-projects', 'argocd/projects', inArgo, {}),
    ...clusters.flatMap((cluster) => [
      app(`paved-namespaces-${cluster.name}`, `clusters/${cluster.name}/namespaces`, { server: cluster.apiServer, namespace: 'default' }, { 'paved.dev/cluster': cluster.name }),
      app(`paved-apps-${cluster.name}`, `argocd/applications/${cluster.name}`, inArgo, { 'paved.dev/cluster': cluster.name }),
    ]),
  ];
}
