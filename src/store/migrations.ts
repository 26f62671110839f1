/**
 * The store's schema history. Migrations only ever get appended: a released one is never edited,
 * because workspaces out there already ran it. Each runs in its own transaction (Kysely's
 * Migrator), so an interrupted start leaves the schema at a whole version.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_forge': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('login', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('admin', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('login', 'text', (c) => c.notNull().references('users.login').onDelete('cascade'))
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('owners')
        .addColumn('login', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('memberships')
        .addColumn('owner', 'text', (c) => c.notNull().references('owners.login').onDelete('cascade'))
        .addColumn('login', 'text', (c) => c.notNull().references('users.login').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
        .addPrimaryKeyConstraint('memberships_pk', ['owner', 'login'])
        .execute();
      await db.schema
        .createTable('repositories')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('owner', 'text', (c) => c.notNull().references('owners.login'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('default_branch', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('private', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('next_number', 'integer', (c) => c.notNull().defaultTo(1))
        .addUniqueConstraint('repositories_owner_name', ['owner', 'name'])
        .execute();
      await db.schema
        .createTable('pull_requests')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('repo_id', 'integer', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('head', 'text', (c) => c.notNull())
        .addColumn('head_sha', 'text', (c) => c.notNull())
        .addColumn('base', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('merged_at', 'text')
        .addColumn('merge_commit', 'text')
        .addColumn('merging_commit', 'text')
        .addColumn('merging_base', 'text')
        .addUniqueConstraint('pull_requests_repo_number', ['repo_id', 'number'])
        .execute();
      // At most one open pull request per head branch, enforced by the database itself, so two
      // racing "open or refresh" runs cannot both open one.
      await sql`CREATE UNIQUE INDEX pull_requests_open_head ON pull_requests (repo_id, head) WHERE state = 'open'`.execute(db);
      await db.schema.createIndex('pull_requests_repo_state').on('pull_requests').columns(['repo_id', 'state']).execute();
      await db.schema
        .createTable('labels')
        .addColumn('repo_id', 'integer', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('color', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addPrimaryKeyConstraint('labels_pk', ['repo_id', 'name'])
        .execute();
      await db.schema
        .createTable('pull_request_labels')
        .addColumn('pull_request_id', 'integer', (c) => c.notNull().references('pull_requests.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('pull_request_labels_pk', ['pull_request_id', 'name'])
        .execute();
      await db.schema.createIndex('pull_request_labels_name').on('pull_request_labels').columns(['name']).execute();
      await db.schema
        .createTable('comments')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('pull_request_id', 'integer', (c) => c.notNull().references('pull_requests.id').onDelete('cascade'))
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('comments_pull_request').on('comments').columns(['pull_request_id']).execute();
      await db.schema
        .createTable('releases')
        .addColumn('repo_id', 'integer', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
        .addColumn('tag', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('prerelease', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('releases_pk', ['repo_id', 'tag'])
        .execute();
      // The refs each repository had when the platform last looked: pushes are found by comparing
      // git's refs with these, so a push whose bookkeeping was interrupted is caught up later.
      await db.schema
        .createTable('refs')
        .addColumn('repo_id', 'integer', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('commit', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('refs_pk', ['repo_id', 'ref'])
        .execute();
      await db.schema
        .createTable('events')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('repo', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_owner_id').on('events').columns(['owner', 'id']).execute();
    },
  },
  '0002_catalog': {
    async up(db: Kysely<unknown>) {
      // One row per catalog entity. The columns the catalog filters on are copied out of the
      // entity JSON so every filter is an indexed equality, on SQLite and PostgreSQL alike.
      await db.schema
        .createTable('catalog_entities')
        .addColumn('ref', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('namespace', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('description', 'text')
        .addColumn('owner', 'text')
        .addColumn('system', 'text')
        .addColumn('lifecycle', 'text')
        .addColumn('type', 'text')
        .addColumn('template', 'text')
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('search', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('enrichment', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('catalog_entities_source').on('catalog_entities').columns(['source']).execute();
      await db.schema.createIndex('catalog_entities_kind_owner').on('catalog_entities').columns(['kind', 'owner', 'ref']).execute();
      await db.schema.createIndex('catalog_entities_owner').on('catalog_entities').columns(['owner', 'ref']).execute();
      await db.schema.createIndex('catalog_entities_system').on('catalog_entities').columns(['system', 'ref']).execute();
      await db.schema.createIndex('catalog_entities_lifecycle').on('catalog_entities').columns(['lifecycle', 'ref']).execute();
      await db.schema.createIndex('catalog_entities_type').on('catalog_entities').columns(['type', 'ref']).execute();
      await db.schema.createIndex('catalog_entities_template').on('catalog_entities').columns(['template', 'ref']).execute();
      // Relations are stored from both ends, each row tagged with the source whose entity declared
      // it, so replacing a source removes exactly what it declared, wherever the other end lives.
      await db.schema
        .createTable('catalog_relations')
        .addColumn('source_ref', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('target_ref', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('catalog_relations_pk', ['source_ref', 'type', 'target_ref', 'origin'])
        .execute();
      await db.schema.createIndex('catalog_relations_origin').on('catalog_relations').columns(['origin']).execute();
      await db.schema
        .createTable('catalog_errors')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('catalog_errors_pk', ['source', 'location'])
        .execute();
    },
  },
  '0003_creations': {
    async up(db: Kysely<unknown>) {
      // One row per `paved new`: the journal that makes it resumable. A row still 'started' is
      // an interrupted creation that a rerun with the same template and team finishes; a 'done'
      // row is a name taken for good.
      await db.schema
        .createTable('creations')
        .addColumn('component', 'text', (c) => c.primaryKey())
        .addColumn('team', 'text', (c) => c.notNull())
        .addColumn('template', 'text', (c) => c.notNull())
        .addColumn('template_url', 'text', (c) => c.notNull())
        .addColumn('version', 'text')
        .addColumn('ref', 'text')
        .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
    },
  },
  '0004_org': {
    async up(db: Kysely<unknown>) {
      // The local forge's organisation as code (`paved org`): teams, their members, their
      // repository permissions, and the branches held to protection rules on push.
      await db.schema
        .createTable('teams')
        .addColumn('owner', 'text', (c) => c.notNull().references('owners.login').onDelete('cascade'))
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('teams_pk', ['owner', 'slug'])
        .execute();
      await db.schema
        .createTable('team_members')
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('team', 'text', (c) => c.notNull())
        .addColumn('login', 'text', (c) => c.notNull().references('users.login').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
        .addPrimaryKeyConstraint('team_members_pk', ['owner', 'team', 'login'])
        .addForeignKeyConstraint('team_members_team', ['owner', 'team'], 'teams', ['owner', 'slug'], (fk) => fk.onDelete('cascade'))
        .execute();
      await db.schema
        .createTable('team_repositories')
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('team', 'text', (c) => c.notNull())
        .addColumn('repo_id', 'integer', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
        .addColumn('permission', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('team_repositories_pk', ['owner', 'team', 'repo_id'])
        .addForeignKeyConstraint('team_repositories_team', ['owner', 'team'], 'teams', ['owner', 'slug'], (fk) => fk.onDelete('cascade'))
        .execute();
      await db.schema.createIndex('team_repositories_repo').on('team_repositories').columns(['repo_id']).execute();
      await db.schema
        .createTable('branch_protections')
        .addColumn('repo_id', 'integer', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
        .addColumn('branch', 'text', (c) => c.notNull())
        .addColumn('required_reviews', 'integer')
        .addColumn('required_checks', 'text', (c) => c.notNull())
        .addColumn('enforce_admins', 'integer', (c) => c.notNull())
        .addColumn('allow_force_pushes', 'integer', (c) => c.notNull())
        .addColumn('allow_deletions', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('branch_protections_pk', ['repo_id', 'branch'])
        .execute();
    },
  },
  '0005_creation_step': {
    async up(db: Kysely<unknown>) {
      // The step a creation is at, so anyone watching (the portal, another shell) sees it move.
      await db.schema.alterTable('creations').addColumn('step', 'text').execute();
    },
  },
};
