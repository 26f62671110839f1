/**
 * The platform's predefined "chart", as a TypeScript renderer: a resolved workload becomes the
 * Kubernetes objects a team would otherwise template with Helm — with the safe defaults built
 * in (non-root, read-only root filesystem, no privilege escalation, all capabilities dropped,
 * RuntimeDefault seccomp, no service account token unless asked, spread across zones).
 */
import { createHash } from 'node:crypto';
import type { ClusterConfig } from '../config/index.js';
import { MANAGED_BY, type K8sObject } from './k8s.js';
import type { ResolvedWorkload } from './resolve.js';

/** The ClusterSecretStore External Secrets reads from (installed by the add-ons module). */
export const SECRET_STORE = 'aws-secrets-manager';

export interface WorkloadTarget {
  cluster: ClusterConfig;
  /** The team's namespace on the cluster. */
  namespace: string;
}

export function selectorLabels(w: ResolvedWorkload): Record<string, string> {
  return { 'app.kubernetes.io/name': w.component, 'app.kubernetes.io/instance': w.component };
}

export function workloadLabels(w: ResolvedWorkload, cluster: ClusterConfig): Record<string, string> {
  return {
    ...selectorLabels(w),
    'app.kubernetes.io/version': w.tag.slice(0, 63).replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '') || 'unknown',
    'app.kubernetes.io/part-of': w.team,
    ...MANAGED_BY,
    'paved.dev/team': w.team,
    'paved.dev/environment': w.environment,
    'paved.dev/cluster': cluster.name,
  };
}

function meta(w: ResolvedWorkload, target: WorkloadTarget, name = w.component, annotations?: Record<string, string>) {
  return { name, namespace: target.namespace, labels: workloadLabels(w, target.cluster), ...(annotations ? { annotations } : {}) };
}

function resources(w: ResolvedWorkload): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  if (w.resources.requests && Object.keys(w.resources.requests).length > 0) out.requests = w.resources.requests as Record<string, string>;
  if (w.resources.limits && Object.keys(w.resources.limits).length > 0) out.limits = w.resources.limits as Record<string, string>;
  return out;
}

export function renderWorkload(w: ResolvedWorkload, target: WorkloadTarget): K8sObject[] {
  const objects: K8sObject[] = [];
  const hasEnv = Object.keys(w.env).length > 0;
  const secretName = `${w.component}-secrets`;

  objects.push({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta(w, target, w.component, w.iamRole ? { 'eks.amazonaws.com/role-arn': w.iamRole } : undefined),
    automountServiceAccountToken: false,
  });

  if (hasEnv) {
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(w, target, `${w.component}-env`), data: sortedRecord(w.env) });
  }

  if (w.secrets.length > 0) {
    objects.push({
      apiVersion: 'external-secrets.io/v1beta1',
      kind: 'ExternalSecret',
      metadata: meta(w, target, w.component),
      spec: {
        refreshInterval: '1h',
        secretStoreRef: { kind: 'ClusterSecretStore', name: SECRET_STORE },
        target: { name: secretName, creationPolicy: 'Owner' },
        data: w.secrets.map((s) => ({ secretKey: s.env, remoteRef: { key: s.key, ...(s.property ? { property: s.property } : {}) } })),
      },
    });
  }

  const probe = (p: ResolvedWorkload['probes']['liveness']) => ({
    httpGet: { path: p.path, port: p.port },
    ...(p.initialDelaySeconds !== undefined ? { initialDelaySeconds: p.initialDelaySeconds } : {}),
    periodSeconds: p.periodSeconds ?? 10,
    failureThreshold: p.failureThreshold ?? 3,
  });
  // A config change must roll the pods: the ConfigMap's content is part of the pod template.
  const configHash = createHash('sha256').update(JSON.stringify(sortedRecord(w.env))).digest('hex').slice(0, 16);
  objects.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(w, target),
    spec: {
      ...(w.autoscaling ? {} : { replicas: w.replicas }),
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorLabels(w) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
      template: {
        metadata: { labels: workloadLabels(w, target.cluster), annotations: { 'paved.dev/config-hash': configHash } },
        spec: {
          serviceAccountName: w.component,
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          terminationGracePeriodSeconds: 30,
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selectorLabels(w) } },
          ],
          containers: [
            {
              name: w.component,
              image: `${w.image}:${w.tag}`,
              imagePullPolicy: 'IfNotPresent',
              ports: w.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol })),
              ...(hasEnv ? { envFrom: [{ configMapRef: { name: `${w.component}-env` } }] } : {}),
              ...(w.secrets.length > 0 ? { env: w.secrets.map((s) => ({ name: s.env, valueFrom: { secretKeyRef: { name: secretName, key: s.env } } })) } : {}),
              resources: resources(w),
              livenessProbe: probe(w.probes.liveness),
              readinessProbe: probe(w.probes.readiness),
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  });

  objects.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(w, target),
    spec: { type: 'ClusterIP', selector: selectorLabels(w), ports: w.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.name, protocol: p.protocol })) },
  });

  if (w.autoscaling) {
    objects.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta(w, target),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: w.component },
        minReplicas: w.autoscaling.minReplicas,
        maxReplicas: w.autoscaling.maxReplicas,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: w.autoscaling.targetCPUUtilization } } }],
      },
    });
  }

  // A disruption budget only means something with more than one pod; with one it would block node drains.
  if ((w.autoscaling?.minReplicas ?? w.replicas) > 1) {
    objects.push({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta(w, target), spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(w) } } });
  }

  if (w.ingress) {
    const host = w.ingress.host ?? `${w.component}.${target.cluster.baseDomain}`;
    const port = w.ports[0]!;
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: meta(w, target, w.component, {
        'alb.ingress.kubernetes.io/scheme': w.ingress.public ? 'internet-facing' : 'internal',
        'alb.ingress.kubernetes.io/target-type': 'ip',
        // One load balancer per team and environment, shared by its components.
        'alb.ingress.kubernetes.io/group.name': `${w.team}-${w.environment}${w.ingress.public ? '-public' : ''}`,
        'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
        'alb.ingress.kubernetes.io/ssl-redirect': '443',
        'alb.ingress.kubernetes.io/healthcheck-path': w.probes.readiness.path,
        'external-dns.alpha.kubernetes.io/hostname': host,
      }),
      spec: {
        ingressClassName: target.cluster.ingressClass,
        rules: [{ host, http: { paths: [{ path: w.ingress.path, pathType: 'Prefix', backend: { service: { name: w.component, port: { name: port.name } } } }] } }],
      },
    });
  }

  // The namespace denies all traffic by default (namespace bundle); this opens the component's
  // ports to its own namespace and, when it has an ingress, to the load balancer (ip targets).
  objects.push({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(w, target),
    spec: {
      podSelector: { matchLabels: selectorLabels(w) },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ podSelector: {} }, ...(w.ingress ? [{ ipBlock: { cidr: '0.0.0.0/0' } }] : [])],
          ports: w.ports.map((p) => ({ port: p.port, protocol: p.protocol })),
        },
      ],
    },
  });
  return objects;
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
