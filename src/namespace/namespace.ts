/**
 * The Namespace itself (labelled for selection and for Pod Security Admission) and the RoleBinding
 * that lets the team's identity provider group work in it.
 */
import type { ClusterConfig, TeamConfig } from '../config/index.js';
import { MANAGED_BY, type K8sObject } from '../deploy/k8s.js';

/** Labels on every object Paved renders for a team. */
export function teamLabels(team: string): Record<string, string> {
  return { ...MANAGED_BY, 'paved.dev/team': team };
}

/** Pod Security Admission: the `restricted` profile, enforced, warned about and audited at the cluster's version. */
export const POD_SECURITY_LABELS = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'latest',
  'pod-security.kubernetes.io/warn': 'restricted',
  'pod-security.kubernetes.io/warn-version': 'latest',
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/audit-version': 'latest',
} as const;

export function renderNamespace(team: TeamConfig, cluster: ClusterConfig): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: team.name,
      labels: { ...teamLabels(team.name), 'paved.dev/environment': cluster.environment, 'paved.dev/cluster': cluster.name, ...POD_SECURITY_LABELS },
    },
  };
}

export const TEAM_ROLE_BINDING = 'paved-team-edit';

/**
 * The team's group may do what the built-in `edit` ClusterRole allows in its namespace: manage
 * workloads, services, config and secrets, but not RBAC, quotas or limit ranges. No other binding
 * is rendered: other teams have no access, and the platform's own controllers have theirs already.
 * A team without an idpGroup gets no binding (the caller reports a warning).
 */
export function renderTeamRoleBinding(team: TeamConfig, labels: Record<string, string>): K8sObject | undefined {
  if (!team.idpGroup) return undefined;
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: TEAM_ROLE_BINDING, namespace: team.name, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: team.idpGroup }],
  };
}
