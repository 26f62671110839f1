/**
 * What a component runs with in one environment, after precedence: the platform's defaults for
 * the environment < the deploy spec < the spec's section for that environment. (Overlays, the
 * escape hatch, apply last, to the rendered objects: see overlay.ts.)
 */
import type { EnvironmentConfig, Resources } from '../config/index.js';
import type { DeploySpec } from './spec.js';

export interface ResolvedWorkload {
  component: string;
  team: string;
  environment: string;
  image: string;
  tag: string;
  ports: Array<{ name: string; port: number; protocol: 'TCP' | 'UDP' }>;
  env: Record<string, string>;
  secrets: Array<{ env: string; key: string; property?: string }>;
  resources: Resources;
  replicas: number;
  autoscaling?: { minReplicas: number; maxReplicas: number; targetCPUUtilization: number };
  probes: { liveness: Probe; readiness: Probe };
  ingress?: { host?: string; path: string; public: boolean };
  iamRole?: string;
  observability: Record<string, unknown>;
}

interface Probe {
  path: string;
  port: string;
  initialDelaySeconds?: number;
  periodSeconds?: number;
  failureThreshold?: number;
}

/** Used when neither the platform nor the spec says: small, and never unbounded in memory. */
export const FALLBACK_RESOURCES: Resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } };

function mergeResources(...layers: Array<Resources | undefined>): Resources {
  const out: Resources = {};
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.requests) out.requests = { ...out.requests, ...layer.requests };
    if (layer.limits) out.limits = { ...out.limits, ...layer.limits };
  }
  return out;
}

export function resolveWorkload(spec: DeploySpec, component: string, environment: EnvironmentConfig, version: string): ResolvedWorkload {
  const over = spec.environments?.[environment.name] ?? {};
  const firstPort = spec.ports[0]!.name;
  const probe = (p: { path: string; port?: string } & Omit<Probe, 'path' | 'port'>): Probe => ({ ...p, port: p.port ?? firstPort });
  const ingress = over.ingress ?? spec.ingress;
  const secretsByEnv = new Map<string, { env: string; key: string; property?: string }>();
  for (const secret of [...(spec.secrets ?? []), ...(over.secrets ?? [])]) secretsByEnv.set(secret.env, secret);
  return {
    component,
    team: spec.team,
    environment: environment.name,
    image: over.image?.repository ?? spec.image.repository,
    tag: over.image?.tag ?? spec.image.tag ?? version,
    ports: spec.ports,
    env: { ...spec.env, ...over.env },
    secrets: [...secretsByEnv.values()],
    resources: mergeResources(FALLBACK_RESOURCES, environment.defaults.resources, spec.resources, over.resources),
    replicas: over.replicas ?? spec.replicas ?? environment.defaults.replicas ?? 1,
    autoscaling: over.autoscaling ?? spec.autoscaling,
    probes: {
      liveness: probe(spec.probes?.liveness ?? { path: '/healthz' }),
      readiness: probe(spec.probes?.readiness ?? { path: '/readyz' }),
    },
    ingress: ingress && ingress.enabled ? { host: ingress.host, path: ingress.path, public: ingress.public } : undefined,
    iamRole: spec.serviceAccount?.iamRole,
    observability: { ...spec.observability, ...over.observability },
  };
}
