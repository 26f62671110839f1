/**
 * Kubernetes and ArgoCD objects as Paved renders them, checked offline against the official
 * schemas (kubernetes-models: Kubernetes 1.x OpenAPI; @kubernetes-models/argo-cd: ArgoCD's CRDs)
 * and written as deterministic YAML, so the same input always gives the same bytes.
 */
import { createRequire } from 'node:module';
import { stringify } from 'yaml';
import { InputError } from '../errors.js';
import k8sFields from './k8s-fields.json' with { type: 'json' };

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'paved' } as const;

type Model = new (data: object) => { validate(): void };
const require = createRequire(import.meta.url);

/**
 * The fields each kind may have (k8s-fields.json, generated from the models' declarations by
 * scripts/write-k8s-fields.ts). The schema validators accept unknown keys; this map refuses them.
 */
interface FieldMap {
  roots: Record<string, string | null>;
  types: Record<string, Record<string, string | null> | '*'>;
}
const fields = k8sFields as FieldMap;

/** Paths of keys the kind's schema does not know (`spec.replicass`), for a typo to fail loudly. */
export function unknownFields(object: K8sObject): string[] {
  const root = fields.roots[`${object.apiVersion}/${object.kind}`];
  if (!root) return [];
  const found: string[] = [];
  const walk = (value: unknown, type: string | null, at: string) => {
    if (type === null || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, type, `${at}[${i}]`));
      return;
    }
    const known = fields.types[type];
    if (!known || known === '*') return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const path = at ? `${at}.${key}` : key;
      if (!(key in known)) found.push(path);
      else walk(child, known[key] ?? null, path);
    }
  };
  walk(object, root, '');
  return found;
}

/** apiVersion → the module of kubernetes-models holding its kinds. */
const MODULES: Record<string, string> = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'policy/v1': 'kubernetes-models/policy/v1',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'rbac.authorization.k8s.io/v1': 'kubernetes-models/rbac.authorization.k8s.io/v1',
  'argoproj.io/v1alpha1': '@kubernetes-models/argo-cd/argoproj.io/v1alpha1',
};

/** Kinds checked only for shape (no schema ships for them here): External Secrets Operator's. */
const UNCHECKED = new Set(['external-secrets.io/v1beta1/ExternalSecret']);

function modelFor(apiVersion: string, kind: string): Model | undefined {
  const module = MODULES[apiVersion];
  if (!module) return undefined;
  return (require(module) as Record<string, Model | undefined>)[kind];
}

export interface ValidationProblem {
  /** `Deployment payments/orders-api`. */
  object: string;
  /** JSON pointer into the object, as a dotted path (`spec.replicas`). */
  field: string;
  message: string;
}

/** Every problem with every object against its schema; empty when all are valid. */
export function validateObjects(objects: K8sObject[]): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const object of objects) {
    const name = `${object.kind} ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata?.name ?? '(no name)'}`;
    if (!object.metadata?.name) problems.push({ object: name, field: 'metadata.name', message: 'is required' });
    if (UNCHECKED.has(`${object.apiVersion}/${object.kind}`)) continue;
    const Model = modelFor(object.apiVersion, object.kind);
    if (!Model) {
      problems.push({ object: name, field: 'apiVersion', message: `no schema for ${object.apiVersion} ${object.kind}; Paved renders only kinds it can check` });
      continue;
    }
    for (const field of unknownFields(object)) problems.push({ object: name, field, message: `${field}: unknown field; check the spelling against the Kubernetes API reference` });
    try {
      new Model(object).validate();
    } catch (error) {
      const errors = (error as { errors?: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }> }).errors;
      if (!errors) throw error;
      for (const e of errors) {
        const field = e.instancePath.replace(/^\//, '').split('/').join('.') || '(object)';
        const detail = e.params?.missingProperty ? `${field === '(object)' ? '' : `${field}.`}${String(e.params.missingProperty)} is required` : `${field}: ${e.message ?? 'invalid'}`;
        problems.push({ object: name, field, message: detail });
      }
    }
  }
  return problems;
}

/** Throws one InputError listing every problem, so nothing is written when anything is wrong. */
export function assertValid(objects: K8sObject[], what: string): void {
  const problems = validateObjects(objects);
  if (problems.length === 0) return;
  const shown = problems.slice(0, 10).map((p) => `${p.object}: ${p.message}`);
  throw new InputError(`${what}: ${problems.length} rendered object problem(s), nothing written: ${shown.join('; ')}${problems.length > 10 ? '; …' : ''}`, { problems });
}

/**
 * Objects as one YAML stream, in the order given, keys in the order the renderer built them.
 * Written as YAML 1.1, the version Kubernetes and ArgoCD read: strings such as `on`, `yes` or
 * `0755` are quoted so they stay strings instead of becoming booleans or numbers there.
 */
export function toYaml(objects: K8sObject[]): string {
  return objects.map((object) => stringify(object, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false, sortMapEntries: false })).join('---\n');
}
