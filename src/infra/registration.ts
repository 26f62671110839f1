/**
 * ArgoCD's cluster registrations: one Secret per cluster in ArgoCD's namespace on the hub, labelled
 * `argocd.argoproj.io/secret-type: cluster` and with the cluster's environment, region and account,
 * so an ApplicationSet's cluster generator can select "every prod cluster in eu-west-1".
 * ArgoCD authenticates with `argocd-k8s-auth aws`: its own role (Pod Identity on the hub) assumes
 * the cluster's argocd-manager role, so the Secret holds no credential.
 */
import { assertValid, MANAGED_BY, toYaml, type K8sObject } from '../deploy/k8s.js';
import type { ClusterPlan } from './plan.js';
import { INFRA_HEADER, type RenderedFile } from './root-module.js';

export const ARGOCD_NAMESPACE = 'argocd';

export const registrationPath = (cluster: string): string => `argocd/clusters/${cluster}.yaml`;

export function renderClusterSecret(cluster: ClusterPlan & { caData: string }): K8sObject {
  const config = {
    awsAuthConfig: { clusterName: cluster.name, roleARN: cluster.managerRoleArn },
    tlsClientConfig: { insecure: false, caData: cluster.caData },
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `cluster-${cluster.name}`,
      namespace: ARGOCD_NAMESPACE,
      labels: {
        ...MANAGED_BY,
        'argocd.argoproj.io/secret-type': 'cluster',
        'paved.dev/cluster': cluster.name,
        'paved.dev/environment': cluster.environment,
        'paved.dev/region': cluster.region,
        'paved.dev/account': cluster.account,
      },
    },
    type: 'Opaque',
    stringData: { name: cluster.name, server: cluster.apiServer, config: JSON.stringify(config) },
  };
}

/** The registrations of the clusters whose CA is known; the others wait (plan.ts warns about them). */
export function renderRegistrations(clusters: ClusterPlan[]): RenderedFile[] {
  const ready = clusters.filter((c): c is ClusterPlan & { caData: string } => c.caData !== undefined);
  const objects = ready.map(renderClusterSecret);
  assertValid(objects, 'ArgoCD cluster registrations');
  return ready.map((cluster, i) => ({ path: registrationPath(cluster.name), content: `${INFRA_HEADER}\n${toYaml([objects[i]!])}` }));
}
