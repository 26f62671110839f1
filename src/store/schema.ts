/**
 * The platform store's tables, as Kysely sees them. Column names are snake_case in the database
 * and camelCase here (CamelCasePlugin). Timestamps are ISO-8601 strings in UTC; booleans are
 * 0/1 integers, the one form SQLite and PostgreSQL share.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface UsersTable {
  login: string;
  name: string;
  email: string;
  admin: number;
  createdAt: string;
}

export interface TokensTable {
  id: string;
  login: string;
  /** SHA-256 of the token: the token itself is never stored. */
  hash: string;
  description: string;
  createdAt: string;
}

export interface OwnersTable {
  login: string;
  kind: 'organization' | 'user';
  createdAt: string;
}

export interface MembershipsTable {
  owner: string;
  login: string;
  role: 'member' | 'admin';
}

export interface RepositoriesTable {
  id: Generated<number>;
  owner: string;
  name: string;
  defaultBranch: string;
  description: string;
  private: number;
  archived: number;
  createdAt: string;
  /** The number the next pull request gets. */
  nextNumber: number;
}

export interface PullRequestsTable {
  id: Generated<number>;
  repoId: number;
  number: number;
  title: string;
  body: string;
  head: string;
  headSha: string;
  base: string;
  state: 'open' | 'closed' | 'merged';
  author: string;
  createdAt: string;
  updatedAt: string;
  mergedAt: string | null;
  mergeCommit: string | null;
  /**
   * A merge in flight: the commit about to become the base branch's tip. Written before the ref
   * moves, so a merge interrupted after the move is finished (not redone) by the next attempt.
   */
  mergingCommit: string | null;
  mergingBase: string | null;
}

export interface LabelsTable {
  repoId: number;
  name: string;
  color: string;
  description: string;
}

export interface PullRequestLabelsTable {
  pullRequestId: number;
  name: string;
}

export interface CommentsTable {
  id: Generated<number>;
  pullRequestId: number;
  author: string;
  body: string;
  createdAt: string;
}

export interface ReleasesTable {
  repoId: number;
  tag: string;
  name: string;
  body: string;
  prerelease: number;
  createdAt: string;
}

export interface RefsTable {
  repoId: number;
  ref: string;
  commit: string;
}

export interface EventsTable {
  id: Generated<number>;
  owner: string;
  repo: string;
  type: string;
  /** The event's own fields as JSON. */
  payload: string;
  at: string;
}

export interface CatalogEntitiesTable {
  /** `kind:namespace/name`, lower-cased: refs compare case-insensitively, as in Backstage. */
  ref: string;
  /** As written (`Component`). */
  kind: string;
  namespace: string;
  name: string;
  /** Where the entity came from: a repository's full name (`acme/orders-api`) or `platform`. */
  source: string;
  /** The file within the source (Backstage's managed-by-location). */
  location: string;
  title: string | null;
  description: string | null;
  /** Refs, as `ref` is. */
  owner: string | null;
  system: string | null;
  lifecycle: string | null;
  type: string | null;
  /** The template's name, from the enrichment. */
  template: string | null;
  /** JSON array. */
  tags: string;
  /** Name, title, description and tags, lower-cased: what a substring search looks in. */
  search: string;
  /** The entity as JSON. */
  entity: string;
  /** JSON, or null when nothing was learnt beyond the entity. */
  enrichment: string | null;
  updatedAt: string;
}

export interface CatalogRelationsTable {
  sourceRef: string;
  type: string;
  targetRef: string;
  /** The catalog source whose entity declared the relation. */
  origin: string;
}

export interface CatalogErrorsTable {
  source: string;
  location: string;
  message: string;
  at: string;
}

export interface Database {
  users: UsersTable;
  tokens: TokensTable;
  owners: OwnersTable;
  memberships: MembershipsTable;
  repositories: RepositoriesTable;
  pullRequests: PullRequestsTable;
  labels: LabelsTable;
  pullRequestLabels: PullRequestLabelsTable;
  comments: CommentsTable;
  releases: ReleasesTable;
  refs: RefsTable;
  events: EventsTable;
  catalogEntities: CatalogEntitiesTable;
  catalogRelations: CatalogRelationsTable;
  catalogErrors: CatalogErrorsTable;
  creations: CreationsTable;
  teams: TeamsTable;
  teamMembers: TeamMembersTable;
  teamRepositories: TeamRepositoriesTable;
  branchProtections: BranchProtectionsTable;
}

/** A team of an organisation on the local forge (`paved org apply`). */
export interface TeamsTable {
  owner: string;
  slug: string;
  name: string;
  description: string;
  createdAt: string;
}

export interface TeamMembersTable {
  owner: string;
  team: string;
  login: string;
  role: 'member' | 'maintainer';
}

export interface TeamRepositoriesTable {
  owner: string;
  team: string;
  repoId: number;
  permission: 'pull' | 'triage' | 'push' | 'maintain' | 'admin';
}

/** Mirrored into the bare repository, where its pre-receive hook enforces it (src/forge/local/protection.ts). */
export interface BranchProtectionsTable {
  repoId: number;
  branch: string;
  /** Null: pull requests are not required. */
  requiredReviews: number | null;
  /** JSON array of check names. */
  requiredChecks: string;
  enforceAdmins: number;
  allowForcePushes: number;
  allowDeletions: number;
  updatedAt: string;
}

/** The journal of `paved new`, one row per component name. */
export interface CreationsTable {
  component: string;
  team: string;
  template: string;
  templateUrl: string;
  /** The template version (or commit) rendered; fixed at the first attempt so a rerun renders the same. */
  version: string | null;
  /** The template ref rendered (`v1.1.0`, or a describe string), rendered again on a rerun. */
  ref: string | null;
  /** JSON of the answers given, so a rerun without them renders the same files. */
  answers: string;
  state: 'started' | 'done';
  /** The step running (`template`, `repository`, `gitops`, `catalog`), or the last one when done. */
  step: string | null;
  actor: string;
  startedAt: string;
  finishedAt: string | null;
}

export type CreationRow = Selectable<CreationsTable>;
export type RepositoryRow = Selectable<RepositoriesTable>;
export type PullRequestRow = Selectable<PullRequestsTable>;
export type NewPullRequest = Insertable<PullRequestsTable>;
export type EventRow = Selectable<EventsTable>;
export type CatalogEntityRow = Selectable<CatalogEntitiesTable>;
