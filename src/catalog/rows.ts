/** How a catalog entity sits in the store: the row written for it and the item read back. */
import type { CatalogEntityRow } from '../store/schema.js';
import type { Enrichment } from './enrichment.js';
import { entityRef, ownerAndSystem } from './relations.js';
import type { Entity } from './schema.js';

/** Backstage's annotation for the file an entity was read from. */
export const LOCATION_ANNOTATION = 'backstage.io/managed-by-location';
export const ORIGIN_LOCATION_ANNOTATION = 'backstage.io/managed-by-origin-location';

export interface CatalogItem {
  ref: string;
  kind: Entity['kind'];
  namespace: string;
  name: string;
  /** A repository's full name (`acme/orders-api`) or `platform`. */
  source: string;
  location: string;
  title?: string;
  description?: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  type?: string;
  template?: string;
  tags: string[];
  entity: Entity;
  enrichment?: Enrichment;
  /** When the entity or its enrichment last changed. */
  updatedAt: string;
}

export function toRow(entity: Entity, source: string, enrichment: Enrichment | undefined, updatedAt: string): CatalogEntityRow {
  const { metadata } = entity;
  const spec = entity.spec as { lifecycle?: unknown; type?: unknown };
  const tags = metadata.tags ?? [];
  return {
    ref: entityRef(entity),
    kind: entity.kind,
    namespace: metadata.namespace,
    name: metadata.name,
    source,
    location: metadata.annotations?.[LOCATION_ANNOTATION] ?? source,
    title: metadata.title ?? null,
    description: metadata.description ?? null,
    ...ownerAndSystem(entity),
    lifecycle: typeof spec.lifecycle === 'string' ? spec.lifecycle : null,
    type: typeof spec.type === 'string' ? spec.type : null,
    template: enrichment?.template?.name ?? null,
    tags: JSON.stringify(tags),
    search: [metadata.name, metadata.title ?? '', metadata.description ?? '', ...tags].join('\n').toLowerCase(),
    entity: JSON.stringify(entity),
    enrichment: enrichment && Object.keys(enrichment).length > 0 ? JSON.stringify(enrichment) : null,
    updatedAt,
  };
}

export function fromRow(row: CatalogEntityRow): CatalogItem {
  const optional = { title: row.title, description: row.description, owner: row.owner, system: row.system, lifecycle: row.lifecycle, type: row.type, template: row.template };
  return {
    ref: row.ref,
    kind: row.kind as Entity['kind'],
    namespace: row.namespace,
    name: row.name,
    source: row.source,
    location: row.location,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== null)),
    tags: JSON.parse(row.tags) as string[],
    entity: JSON.parse(row.entity) as Entity,
    ...(row.enrichment ? { enrichment: JSON.parse(row.enrichment) as Enrichment } : {}),
    updatedAt: row.updatedAt,
  };
}
