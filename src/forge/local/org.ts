/**
 * The organisation on the local forge: teams, members, team permissions on repositories and
 * branch protection, kept in the store. Changing them takes an admin (a forge admin or an admin
 * of the organisation), as on GitHub. What each means locally is in docs/org.md: protection is
 * enforced on push (protection.ts); team permissions decide who may bypass it; required reviews
 * and status checks are recorded for GitHub, since the local forge has neither.
 */
import { ConflictError, InputError, NotFoundError, PermissionError } from '../../errors.js';
import { now, type Store, type StoreDb } from '../../store/index.js';
import type { RepositoryRow } from '../../store/schema.js';
import { TEAM_PERMISSIONS, type BranchProtection, type RepoRef, type Team, type TeamMember, type TeamPermission, type TeamRepository } from '../types.js';
import * as bare from './bare.js';
import { writeRules } from './protection.js';
import { getUser, isOrgAdmin } from './users.js';

export interface OrgContext {
  store: Store;
  actor: string;
  repoDir(ref: RepoRef): string;
  /** The repository's row, checked writable by the actor. */
  writableRow(ref: RepoRef): Promise<RepositoryRow>;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;

/** GitHub's slug of a team name: lower-cased, runs of other characters as one '-'. */
export function teamSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

async function assertOrgAdmin(db: StoreDb, actor: string, org: string): Promise<void> {
  if (await isOrgAdmin(db, actor, org)) return;
  throw new PermissionError(`${actor} may not change the teams or branch protection of ${org}: only admins may; run it as an admin (admin: true in paved.yaml)`, { login: actor, owner: org });
}

async function requireOrg(db: StoreDb, org: string): Promise<void> {
  const owner = await db.selectFrom('owners').select('kind').where('login', '=', org).executeTakeFirst();
  if (owner?.kind !== 'organization') throw new NotFoundError(`no organisation '${org}' on the local forge; set organisation in paved.yaml and run 'paved init'`, { owner: org });
}

async function requireTeam(db: StoreDb, org: string, slug: string): Promise<Team> {
  const row = await db.selectFrom('teams').selectAll().where('owner', '=', org).where('slug', '=', slug).executeTakeFirst();
  if (!row) throw new NotFoundError(`no team '${slug}' in ${org} on the local forge; create it first ('paved org apply' creates the teams of paved.yaml)`, { owner: org, team: slug });
  return { slug: row.slug, name: row.name, description: row.description };
}

export async function listTeams(ctx: OrgContext, org: string): Promise<Team[]> {
  const rows = await ctx.store.db.selectFrom('teams').selectAll().where('owner', '=', org).orderBy('slug').execute();
  return rows.map((r) => ({ slug: r.slug, name: r.name, description: r.description }));
}

export async function createTeam(ctx: OrgContext, org: string, input: { name: string; description?: string }): Promise<Team> {
  const { db } = ctx.store;
  await requireOrg(db, org);
  await assertOrgAdmin(db, ctx.actor, org);
  const slug = teamSlug(input.name);
  if (!SLUG.test(slug)) throw new InputError(`'${input.name}' is not a usable team name: it needs letters or digits`, { name: input.name });
  await ctx.store.write(async (tx) => {
    const taken = await tx.selectFrom('teams').select('slug').where('owner', '=', org).where('slug', '=', slug).executeTakeFirst();
    if (taken) throw new ConflictError(`team '${slug}' already exists in ${org}`, { reason: 'exists', team: slug });
    await tx.insertInto('teams').values({ owner: org, slug, name: input.name, description: input.description ?? '', createdAt: now() }).execute();
  });
  return requireTeam(db, org, slug);
}

export async function updateTeam(ctx: OrgContext, org: string, slug: string, input: { description: string }): Promise<Team> {
  const { db } = ctx.store;
  await assertOrgAdmin(db, ctx.actor, org);
  await requireTeam(db, org, slug);
  await ctx.store.write((tx) => tx.updateTable('teams').set({ description: input.description }).where('owner', '=', org).where('slug', '=', slug).execute());
  return requireTeam(db, org, slug);
}

export async function listTeamMembers(ctx: OrgContext, org: string, slug: string): Promise<TeamMember[]> {
  const rows = await ctx.store.db.selectFrom('teamMembers').select(['login', 'role']).where('owner', '=', org).where('team', '=', slug).orderBy('login').execute();
  return rows.map((r) => ({ login: r.login, role: r.role }));
}

export async function setTeamMember(ctx: OrgContext, org: string, slug: string, login: string, role: TeamMember['role'] = 'member'): Promise<void> {
  const { db } = ctx.store;
  await assertOrgAdmin(db, ctx.actor, org);
  await requireTeam(db, org, slug);
  if (!(await getUser(db, login))) throw new NotFoundError(`no user '${login}' on the local forge; add it under users in paved.yaml and run 'paved init'`, { login });
  await ctx.store.write((tx) =>
    tx.insertInto('teamMembers').values({ owner: org, team: slug, login, role }).onConflict((oc) => oc.columns(['owner', 'team', 'login']).doUpdateSet({ role })).execute(),
  );
}

export async function removeTeamMember(ctx: OrgContext, org: string, slug: string, login: string): Promise<void> {
  await assertOrgAdmin(ctx.store.db, ctx.actor, org);
  await ctx.store.write((tx) => tx.deleteFrom('teamMembers').where('owner', '=', org).where('team', '=', slug).where('login', '=', login).execute());
}

export async function listTeamRepositories(ctx: OrgContext, org: string, slug: string): Promise<TeamRepository[]> {
  const rows = await ctx.store.db
    .selectFrom('teamRepositories')
    .innerJoin('repositories', 'repositories.id', 'teamRepositories.repoId')
    .select(['repositories.owner', 'repositories.name', 'teamRepositories.permission'])
    .where('teamRepositories.owner', '=', org)
    .where('teamRepositories.team', '=', slug)
    .orderBy('repositories.owner')
    .orderBy('repositories.name')
    .execute();
  return rows.map((r) => ({ repo: `${r.owner}/${r.name}`, permission: r.permission }));
}

export async function setTeamPermission(ctx: OrgContext, org: string, slug: string, ref: RepoRef, permission: TeamPermission): Promise<void> {
  if (!TEAM_PERMISSIONS.includes(permission)) throw new InputError(`'${String(permission)}' is not a repository permission; use one of: ${TEAM_PERMISSIONS.join(', ')}`, { permission });
  const { db } = ctx.store;
  await assertOrgAdmin(db, ctx.actor, org);
  await requireTeam(db, org, slug);
  const row = await ctx.writableRow(ref);
  if (row.owner !== org) throw new InputError(`${row.owner}/${row.name} does not belong to ${org}; a team gets permissions only on its organisation's repositories`, { repo: `${row.owner}/${row.name}` });
  await ctx.store.write((tx) =>
    tx.insertInto('teamRepositories').values({ owner: org, team: slug, repoId: row.id, permission }).onConflict((oc) => oc.columns(['owner', 'team', 'repoId']).doUpdateSet({ permission })).execute(),
  );
}

export async function removeTeamPermission(ctx: OrgContext, org: string, slug: string, ref: RepoRef): Promise<void> {
  await assertOrgAdmin(ctx.store.db, ctx.actor, org);
  const row = await ctx.writableRow(ref);
  await ctx.store.write((tx) => tx.deleteFrom('teamRepositories').where('owner', '=', org).where('team', '=', slug).where('repoId', '=', row.id).execute());
}

async function protectionsOf(db: StoreDb, repoId: number): Promise<BranchProtection[]> {
  const rows = await db.selectFrom('branchProtections').selectAll().where('repoId', '=', repoId).orderBy('branch').execute();
  return rows.map((r) => ({
    branch: r.branch,
    requiredReviews: r.requiredReviews,
    requiredChecks: JSON.parse(r.requiredChecks) as string[],
    enforceAdmins: r.enforceAdmins === 1,
    allowForcePushes: r.allowForcePushes === 1,
    allowDeletions: r.allowDeletions === 1,
  }));
}

export async function getBranchProtection(ctx: OrgContext, ref: RepoRef, branch: string): Promise<BranchProtection | undefined> {
  const row = await ctx.store.db.selectFrom('repositories').select('id').where('owner', '=', ref.owner).where('name', '=', ref.name).executeTakeFirst();
  if (!row) return undefined;
  return (await protectionsOf(ctx.store.db, row.id)).find((p) => p.branch === branch);
}

export async function setBranchProtection(ctx: OrgContext, ref: RepoRef, protection: BranchProtection): Promise<BranchProtection> {
  const row = await ctx.writableRow(ref);
  await assertOrgAdmin(ctx.store.db, ctx.actor, row.owner);
  if (protection.requiredReviews !== null && (!Number.isInteger(protection.requiredReviews) || protection.requiredReviews < 0 || protection.requiredReviews > 6)) {
    throw new InputError(`requiredReviews must be a whole number from 0 to 6 (GitHub's range), got ${protection.requiredReviews}`, { requiredReviews: protection.requiredReviews });
  }
  const dir = ctx.repoDir(ref);
  // As on GitHub: a rule protects a branch that exists (which also makes its name one the hook's rules file can hold).
  if (/\s/.test(protection.branch) || !(await bare.listRefs(dir, `refs/heads/${protection.branch}`)).has(`refs/heads/${protection.branch}`)) {
    throw new NotFoundError(`no branch '${protection.branch}' in ${row.owner}/${row.name} to protect; push it first`, { branch: protection.branch });
  }
  const others = (await protectionsOf(ctx.store.db, row.id)).filter((p) => p.branch !== protection.branch);
  const saved: BranchProtection = { ...protection, requiredChecks: [...protection.requiredChecks] };
  await writeRules(dir, [...others, saved]);
  const values = {
    requiredReviews: saved.requiredReviews,
    requiredChecks: JSON.stringify(saved.requiredChecks),
    enforceAdmins: saved.enforceAdmins ? 1 : 0,
    allowForcePushes: saved.allowForcePushes ? 1 : 0,
    allowDeletions: saved.allowDeletions ? 1 : 0,
    updatedAt: now(),
  };
  await ctx.store.write((tx) =>
    tx.insertInto('branchProtections').values({ repoId: row.id, branch: saved.branch, ...values }).onConflict((oc) => oc.columns(['repoId', 'branch']).doUpdateSet(values)).execute(),
  );
  return saved;
}

export async function removeBranchProtection(ctx: OrgContext, ref: RepoRef, branch: string): Promise<void> {
  const row = await ctx.writableRow(ref);
  await assertOrgAdmin(ctx.store.db, ctx.actor, row.owner);
  const others = (await protectionsOf(ctx.store.db, row.id)).filter((p) => p.branch !== branch);
  await writeRules(ctx.repoDir(ref), others);
  await ctx.store.write((tx) => tx.deleteFrom('branchProtections').where('repoId', '=', row.id).where('branch', '=', branch).execute());
}
