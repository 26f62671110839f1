/**
 * The escape hatch: a team changes any rendered object with RFC 6902 JSON patches or RFC 7386
 * merge patches, targeted by kind (and name), optionally per environment. Applied last, after
 * every default and override, and the result is schema-checked like everything else.
 */
import jsonPatch from 'fast-json-patch';
import { InputError } from '../errors.js';
import type { K8sObject } from './k8s.js';
import type { DeployOverlay } from './spec.js';

export function applyOverlays(objects: K8sObject[], overlays: DeployOverlay[] | undefined, environment: string, file = 'deploy.yaml'): K8sObject[] {
  if (!overlays || overlays.length === 0) return objects;
  let result = objects;
  overlays.forEach((overlay, i) => {
    if (overlay.environments && !overlay.environments.includes(environment)) return;
    const where = `${file}: overlays[${i}]`;
    const matches = result.filter((o) => o.kind === overlay.target.kind && (!overlay.target.name || o.metadata.name === overlay.target.name));
    if (matches.length === 0) {
      throw new InputError(`${where}: no rendered ${overlay.target.kind}${overlay.target.name ? ` named ${overlay.target.name}` : ''} to patch; rendered kinds: ${[...new Set(result.map((o) => o.kind))].join(', ')}`, { overlay: i });
    }
    if (!overlay.patch && !overlay.merge) throw new InputError(`${where}: give 'patch' (JSON patch) or 'merge' (merge patch)`, { overlay: i });
    result = result.map((object) => {
      if (!matches.includes(object)) return object;
      let next: unknown = structuredClone(object);
      if (overlay.merge) next = mergePatch(next, overlay.merge);
      if (overlay.patch) {
        try {
          next = jsonPatch.applyPatch(next, overlay.patch as jsonPatch.Operation[], true, false).newDocument;
        } catch (error) {
          const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
          throw new InputError(`${where}: the JSON patch does not apply to ${object.kind} ${object.metadata.name}: ${message}`, { overlay: i }, { cause: error });
        }
      }
      const patched = next as K8sObject;
      if (patched.kind !== object.kind || patched.metadata?.name !== object.metadata.name || patched.metadata?.namespace !== object.metadata.namespace) {
        throw new InputError(`${where}: an overlay may not change an object's kind, name or namespace`, { overlay: i });
      }
      return patched;
    });
  });
  return result;
}

/** RFC 7386: objects merge key by key, `null` deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete base[key];
    else base[key] = mergePatch(base[key], value);
  }
  return base;
}
