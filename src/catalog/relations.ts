/**
 * Relations between entities, Backstage's "well-known relations": each spec field that names
 * another entity yields a pair, one relation from each end (`ownedBy` here, `ownerOf` there), so
 * either entity lists it without a reverse lookup. Pure: computed from one entity at a time.
 */
import { normalizeEntityRef, stringifyEntityRef } from './ref.js';
import type { Entity } from './schema.js';

export const RELATION_PAIRS = {
  ownedBy: 'ownerOf',
  partOf: 'hasPart',
  dependsOn: 'dependencyOf',
  providesApi: 'apiProvidedBy',
  consumesApi: 'apiConsumedBy',
  memberOf: 'hasMember',
  childOf: 'parentOf',
  subcomponentOf: 'hasSubcomponent',
} as const;

type Forward = keyof typeof RELATION_PAIRS;
type Reverse = (typeof RELATION_PAIRS)[Forward];
export type RelationType = Forward | Reverse;

const INVERSE = Object.fromEntries(Object.entries(RELATION_PAIRS).flatMap(([a, b]) => [[a, b], [b, a]])) as Record<RelationType, RelationType>;

export interface Relation {
  source: string;
  type: RelationType;
  target: string;
}

/** The canonical ref of an entity: `component:default/orders-api`. */
export function entityRef(entity: Pick<Entity, 'kind' | 'metadata'>): string {
  return stringifyEntityRef({ kind: entity.kind, namespace: entity.metadata.namespace, name: entity.metadata.name });
}

/** A spec field, the kind its refs default to, and the relation it declares from this entity. */
type Field = [value: string | readonly string[] | undefined, defaultKind: string | undefined, type: RelationType];

function fields(entity: Entity): Field[] {
  switch (entity.kind) {
    case 'Component': {
      const s = entity.spec;
      return [
        [s.owner, 'Group', 'ownedBy'],
        [s.system, 'System', 'partOf'],
        [s.subcomponentOf, 'Component', 'subcomponentOf'],
        [s.providesApis, 'API', 'providesApi'],
        [s.consumesApis, 'API', 'consumesApi'],
        [s.dependsOn, undefined, 'dependsOn'],
        [s.dependencyOf, undefined, 'dependencyOf'],
      ];
    }
    case 'API':
      return [[entity.spec.owner, 'Group', 'ownedBy'], [entity.spec.system, 'System', 'partOf']];
    case 'System':
      return [[entity.spec.owner, 'Group', 'ownedBy'], [entity.spec.domain, 'Domain', 'partOf']];
    case 'Domain':
      return [[entity.spec.owner, 'Group', 'ownedBy'], [entity.spec.subdomainOf, 'Domain', 'partOf']];
    case 'Resource': {
      const s = entity.spec;
      return [
        [s.owner, 'Group', 'ownedBy'],
        [s.system, 'System', 'partOf'],
        [s.dependsOn, undefined, 'dependsOn'],
        [s.dependencyOf, undefined, 'dependencyOf'],
      ];
    }
    case 'Group':
      return [[entity.spec.parent, 'Group', 'childOf'], [entity.spec.children, 'Group', 'parentOf'], [entity.spec.members, 'User', 'hasMember']];
    case 'User':
      return [[entity.spec.memberOf, 'Group', 'memberOf']];
    case 'Location':
      return [];
  }
}

/** Every relation the entity declares, from both ends, without repeats. Refs must be valid (validated entities are). */
export function entityRelations(entity: Entity): Relation[] {
  const self = entityRef(entity);
  const out = new Map<string, Relation>();
  const add = (relation: Relation) => out.set(`${relation.source} ${relation.type} ${relation.target}`, relation);
  for (const [value, defaultKind, type] of fields(entity)) {
    for (const written of [value ?? []].flat()) {
      const target = normalizeEntityRef(written, { defaultKind, defaultNamespace: entity.metadata.namespace });
      add({ source: self, type, target });
      add({ source: target, type: INVERSE[type], target: self });
    }
  }
  return [...out.values()];
}

/** Where an entity points for the catalog's filter columns: its owner and its system. */
export function ownerAndSystem(entity: Entity): { owner: string | null; system: string | null } {
  const defaults = { defaultNamespace: entity.metadata.namespace };
  const spec = entity.spec as { owner?: unknown; system?: unknown };
  return {
    owner: typeof spec.owner === 'string' ? normalizeEntityRef(spec.owner, { ...defaults, defaultKind: 'Group' }) : null,
    system: typeof spec.system === 'string' ? normalizeEntityRef(spec.system, { ...defaults, defaultKind: 'System' }) : null,
  };
}
