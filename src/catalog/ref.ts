/**
 * Entity references as Backstage writes them: `[kind:][namespace/]name`. A field that leaves out
 * the kind or the namespace gets the field's default kind and the referring entity's namespace
 * (`owner: payments` in namespace `default` is `group:default/payments`). Refs compare
 * case-insensitively, so the stored, canonical form is lower-case.
 */
import { InputError } from '../errors.js';

export const DEFAULT_NAMESPACE = 'default';

export interface CompoundRef {
  kind: string;
  namespace: string;
  name: string;
}

export interface RefDefaults {
  defaultKind?: string;
  defaultNamespace?: string;
}

/** Parses a ref, or returns a sentence saying what is wrong with it. */
export function tryParseEntityRef(ref: string, defaults: RefDefaults = {}): CompoundRef | string {
  const text = ref.trim();
  const colon = text.indexOf(':');
  const kind = colon === -1 ? defaults.defaultKind : text.slice(0, colon);
  const rest = colon === -1 ? text : text.slice(colon + 1);
  const slash = rest.indexOf('/');
  const namespace = slash === -1 ? (defaults.defaultNamespace ?? DEFAULT_NAMESPACE) : rest.slice(0, slash);
  const name = slash === -1 ? rest : rest.slice(slash + 1);
  if (kind === undefined) return `'${ref}' names no kind; write it as kind:name, such as component:${name || 'x'} or resource:${name || 'x'}`;
  if (!kind || !namespace || !name || name.includes('/') || name.includes(':')) return `'${ref}' is not an entity ref; expected [kind:][namespace/]name, such as group:default/payments`;
  return { kind, namespace, name };
}

export function parseEntityRef(ref: string, defaults: RefDefaults = {}): CompoundRef {
  const parsed = tryParseEntityRef(ref, defaults);
  if (typeof parsed === 'string') throw new InputError(parsed, { ref });
  return parsed;
}

/** The canonical form: `component:default/orders-api`. */
export function stringifyEntityRef(ref: CompoundRef): string {
  return `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase();
}

/** Parses and canonicalises in one step: `normalizeEntityRef('payments', { defaultKind: 'Group' })` is `group:default/payments`. */
export function normalizeEntityRef(ref: string, defaults: RefDefaults = {}): string {
  return stringifyEntityRef(parseEntityRef(ref, defaults));
}
