/**
 * What a team may use in one namespace (ResourceQuota) and what a container gets when it says
 * nothing (LimitRange), so that a pod without resources still fits the quota.
 *
 * paved.yaml's quota maps to ResourceQuota `hard` as:
 *   cpu                    → requests.cpu           (CPU is quota'd on requests only: CPU limits
 *                                                    throttle, and the platform does not ask for them)
 *   memory                 → requests.memory and limits.memory (memory limits are what the kernel enforces)
 *   pods                   → pods
 *   services               → services
 *   persistentVolumeClaims → persistentvolumeclaims
 * A team's quota replaces the environment's as a whole (no field-by-field merge): the team's
 * entry in paved.yaml is the full statement of what it may use.
 */
import type { EnvironmentConfig, Quota, TeamConfig } from '../config/index.js';
import type { K8sObject } from '../deploy/k8s.js';
import { InputError } from '../errors.js';
import { larger, quantityValue, smaller } from './quantity.js';

export const QUOTA_NAME = 'paved-quota';
export const LIMIT_RANGE_NAME = 'paved-container-defaults';

/** What a container gets in an environment whose defaults name no resources. */
export const FALLBACK_CONTAINER_RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } } as const;

export interface EffectiveQuota {
  quota: Quota;
  /** Where it came from; written on the ResourceQuota so whoever reads the cluster knows what to edit. */
  source: 'team' | 'environment';
}

/** The team's quota, else the environment's; undefined when neither sets any field. */
export function effectiveQuota(team: TeamConfig, environment: EnvironmentConfig): EffectiveQuota | undefined {
  const chosen: EffectiveQuota | undefined = team.quota ? { quota: team.quota, source: 'team' } : environment.quota ? { quota: environment.quota, source: 'environment' } : undefined;
  return chosen && Object.keys(quotaHard(chosen.quota)).length > 0 ? chosen : undefined;
}

function quotaHard(quota: Quota): Record<string, string> {
  const hard: Record<string, string> = {};
  if (quota.cpu !== undefined) hard['requests.cpu'] = quota.cpu;
  if (quota.memory !== undefined) {
    hard['requests.memory'] = quota.memory;
    hard['limits.memory'] = quota.memory;
  }
  if (quota.pods !== undefined) hard.pods = String(quota.pods);
  if (quota.services !== undefined) hard.services = String(quota.services);
  if (quota.persistentVolumeClaims !== undefined) hard.persistentvolumeclaims = String(quota.persistentVolumeClaims);
  return hard;
}

export function renderResourceQuota(namespace: string, labels: Record<string, string>, team: TeamConfig, environment: EnvironmentConfig): K8sObject | undefined {
  const effective = effectiveQuota(team, environment);
  if (!effective) return undefined;
  const annotations = { 'paved.dev/quota-source': effective.source === 'team' ? `teams.${team.name}.quota` : `environments.${environment.name}.quota` };
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: QUOTA_NAME, namespace, labels, annotations }, spec: { hard: quotaHard(effective.quota) } };
}

export interface ContainerDefaults {
  defaultRequest: { cpu: string; memory: string };
  default: { cpu?: string; memory: string };
}

/**
 * The environment's default resources, completed with the platform's fallbacks so that every
 * container has a CPU request, a memory request and a memory limit; a fallback never exceeds a
 * limit the environment sets, and a fallback limit is never below the request.
 */
export function containerDefaults(environment: EnvironmentConfig): ContainerDefaults {
  const set = environment.defaults.resources;
  const fallback = FALLBACK_CONTAINER_RESOURCES;
  const limitCpu = set?.limits?.cpu;
  const requestCpu = set?.requests?.cpu ?? (limitCpu ? smaller(fallback.requests.cpu, limitCpu) : fallback.requests.cpu);
  const requestMemory = set?.requests?.memory ?? (set?.limits?.memory ? smaller(fallback.requests.memory, set.limits.memory) : fallback.requests.memory);
  const limitMemory = set?.limits?.memory ?? larger(fallback.limits.memory, requestMemory);
  for (const [resource, request, limit] of [['cpu', requestCpu, limitCpu], ['memory', requestMemory, limitMemory]] as const) {
    if (limit !== undefined && quantityValue(request) > quantityValue(limit)) {
      throw new InputError(
        `environment '${environment.name}': defaults.resources.requests.${resource} (${request}) is more than defaults.resources.limits.${resource} (${limit}); a container cannot request more than its limit, so lower the request or raise the limit in paved.yaml`,
        { environment: environment.name, resource },
      );
    }
  }
  return { defaultRequest: { cpu: requestCpu, memory: requestMemory }, default: limitCpu ? { cpu: limitCpu, memory: limitMemory } : { memory: limitMemory } };
}

export function renderLimitRange(namespace: string, labels: Record<string, string>, environment: EnvironmentConfig): K8sObject {
  const defaults = containerDefaults(environment);
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: LIMIT_RANGE_NAME, namespace, labels },
    spec: { limits: [{ type: 'Container', defaultRequest: defaults.defaultRequest, default: defaults.default }] },
  };
}
