/** The catalog engine: Backstage-compatible entities, their relations, storage, queries and forge ingestion. */
export { Catalog, type CatalogEntry, type EntityRelation, type ReplaceResult, type SourceError } from './catalog.js';
export { TEMPLATE_ANNOTATION, type Deployments } from './enrich-components.js';
export { isAnswersFile, latestRelease, nearestAnswersFile, templateFromAnswers, templateName, type Enrichment, type ReleaseInfo, type TemplateInfo } from './enrichment.js';
export { ROOT_CATALOG_FILE, readRepositoryCatalog, type RepositoryCatalog, type SourcedEntity } from './forge-source.js';
export { parseCatalogFile, validateEntity } from './parse.js';
export { IDP_GROUP_ANNOTATION, PLATFORM_SOURCE, platformEntities } from './platform-entities.js';
export { DEFAULT_LIMIT, MAX_LIMIT, type ListPage, type ListQuery } from './query.js';
export { DEFAULT_NAMESPACE, normalizeEntityRef, parseEntityRef, stringifyEntityRef, type CompoundRef, type RefDefaults } from './ref.js';
export { refreshAll, refreshRepository, type RefreshAllOptions, type RefreshOptions, type RefreshSummary, type SourceRefresh } from './refresh.js';
export { RELATION_PAIRS, entityRef, entityRelations, type Relation, type RelationType } from './relations.js';
export { LOCATION_ANNOTATION, ORIGIN_LOCATION_ANNOTATION, type CatalogItem } from './rows.js';
export { API_VERSIONS, ENTITY_KINDS, type ApiEntity, type ApiVersion, type ComponentEntity, type Entity, type EntityKind, type EntityMetadata, type EntityOf, type EntitySpec, type GroupEntity, type LocationEntity, type UserEntity } from './schema.js';
