/**
 * The organisation as code on GitHub: teams, team memberships, team permissions on repositories
 * (REST `teams`), and branch protection (REST `repos/…/branches/…/protection`). Branch protection
 * rather than rulesets: it is per branch like the local forge's rules, reads back exactly what was
 * set, and exists on GitHub Enterprise Server versions without rulesets.
 */
import { ConflictError } from '../../errors.js';
import type { BranchProtection, RepoRef, Team, TeamMember, TeamPermission, TeamRepository } from '../types.js';
import type { GitHubClient } from './client.js';
import { fullName, params } from './repos.js';

const MEMBERS_READ = 'members: read (organisation)';
const MEMBERS_WRITE = 'members: write (organisation)';
const ADMINISTRATION = 'administration: write';

interface GhTeam {
  slug: string;
  name: string;
  description?: string | null;
}

const toTeam = (t: GhTeam): Team => ({ slug: t.slug, name: t.name, description: t.description ?? '' });

export async function listTeams(client: GitHubClient, org: string): Promise<Team[]> {
  const teams = await client.call({ action: `list the teams of ${org}`, permission: MEMBERS_READ }, (o) => o.paginate(o.rest.teams.list, { org, per_page: 100 }));
  return teams.map(toTeam).sort((a, b) => a.slug.localeCompare(b.slug));
}

export async function createTeam(client: GitHubClient, org: string, input: { name: string; description?: string }): Promise<Team> {
  const op = { action: `create team '${input.name}' in ${org}`, permission: MEMBERS_WRITE };
  // `closed`: visible to the whole organisation, as owners of repositories should be.
  const created = await client.call(op, (o) => o.rest.teams.create({ org, name: input.name, description: input.description ?? '', privacy: 'closed' }), (failure) =>
    failure.status === 422 && /already exists|name must be unique/i.test(JSON.stringify(failure.data) + failure.message) ? new ConflictError(`team '${input.name}' already exists in ${org}`, { reason: 'exists', team: input.name }) : undefined,
  );
  return toTeam(created.data);
}

export async function updateTeam(client: GitHubClient, org: string, slug: string, input: { description: string }): Promise<Team> {
  const updated = await client.call({ action: `update team '${slug}' in ${org}`, permission: MEMBERS_WRITE }, (o) => o.rest.teams.updateInOrg({ org, team_slug: slug, description: input.description }));
  return toTeam(updated.data);
}

/** Members, maintainers marked, and pending invitations (which count: inviting again changes nothing). */
export async function listTeamMembers(client: GitHubClient, org: string, slug: string): Promise<TeamMember[]> {
  const op = { action: `list the members of team '${slug}' in ${org}`, permission: MEMBERS_READ };
  const all = await client.call(op, (o) => o.paginate(o.rest.teams.listMembersInOrg, { org, team_slug: slug, role: 'all', per_page: 100 }));
  const maintainers = new Set((await client.call(op, (o) => o.paginate(o.rest.teams.listMembersInOrg, { org, team_slug: slug, role: 'maintainer', per_page: 100 }))).map((u) => u.login));
  const invited = await client.call(op, (o) => o.paginate(o.rest.teams.listPendingInvitationsInOrg, { org, team_slug: slug, per_page: 100 }));
  const members = new Map<string, TeamMember>();
  for (const user of all) members.set(user.login, { login: user.login, role: maintainers.has(user.login) ? 'maintainer' : 'member' });
  for (const invitation of invited) {
    if (invitation.login && !members.has(invitation.login)) members.set(invitation.login, { login: invitation.login, role: 'member', pending: true });
  }
  return [...members.values()].sort((a, b) => a.login.localeCompare(b.login));
}

export async function setTeamMember(client: GitHubClient, org: string, slug: string, login: string, role: TeamMember['role'] = 'member'): Promise<void> {
  await client.call({ action: `add ${login} to team '${slug}' in ${org}`, permission: MEMBERS_WRITE }, (o) => o.rest.teams.addOrUpdateMembershipForUserInOrg({ org, team_slug: slug, username: login, role }));
}

export async function removeTeamMember(client: GitHubClient, org: string, slug: string, login: string): Promise<void> {
  await client.call({ action: `remove ${login} from team '${slug}' in ${org}`, permission: MEMBERS_WRITE }, (o) => o.rest.teams.removeMembershipForUserInOrg({ org, team_slug: slug, username: login }));
}

interface GhTeamRepo {
  full_name: string;
  role_name?: string;
  permissions?: Partial<Record<'admin' | 'maintain' | 'push' | 'triage' | 'pull', boolean>>;
}

/** GitHub names roles `read`/`write` where the permission API says `pull`/`push`. */
export function permissionOf(repo: GhTeamRepo): TeamPermission {
  const byRole: Record<string, TeamPermission> = { read: 'pull', pull: 'pull', triage: 'triage', write: 'push', push: 'push', maintain: 'maintain', admin: 'admin' };
  const named = repo.role_name ? byRole[repo.role_name] : undefined;
  if (named) return named;
  // A custom role: the strongest base permission it includes.
  const order: TeamPermission[] = ['admin', 'maintain', 'push', 'triage', 'pull'];
  return order.find((p) => repo.permissions?.[p]) ?? 'pull';
}

export async function listTeamRepositories(client: GitHubClient, org: string, slug: string): Promise<TeamRepository[]> {
  const repos = await client.call({ action: `list the repositories of team '${slug}' in ${org}`, permission: MEMBERS_READ }, (o) => o.paginate(o.rest.teams.listReposInOrg, { org, team_slug: slug, per_page: 100 }));
  return (repos as GhTeamRepo[]).map((r) => ({ repo: r.full_name, permission: permissionOf(r) })).sort((a, b) => a.repo.localeCompare(b.repo));
}

export async function setTeamPermission(client: GitHubClient, org: string, slug: string, repo: RepoRef, permission: TeamPermission): Promise<void> {
  await client.call({ action: `give team '${slug}' ${permission} on ${fullName(repo)}`, permission: `${ADMINISTRATION} and ${MEMBERS_WRITE}` }, (o) =>
    o.rest.teams.addOrUpdateRepoPermissionsInOrg({ org, team_slug: slug, owner: repo.owner, repo: repo.name, permission }),
  );
}

export async function removeTeamPermission(client: GitHubClient, org: string, slug: string, repo: RepoRef): Promise<void> {
  await client.call({ action: `remove team '${slug}' from ${fullName(repo)}`, permission: `${ADMINISTRATION} and ${MEMBERS_WRITE}` }, (o) => o.rest.teams.removeRepoInOrg({ org, team_slug: slug, owner: repo.owner, repo: repo.name }));
}

interface GhProtection {
  required_status_checks?: { contexts?: string[]; checks?: Array<{ context: string }> } | null;
  enforce_admins?: { enabled: boolean } | null;
  required_pull_request_reviews?: { required_approving_review_count?: number } | null;
  allow_force_pushes?: { enabled: boolean } | null;
  allow_deletions?: { enabled: boolean } | null;
}

export function toProtection(branch: string, p: GhProtection): BranchProtection {
  const checks = p.required_status_checks ? (p.required_status_checks.checks?.map((c) => c.context) ?? p.required_status_checks.contexts ?? []) : [];
  return {
    branch,
    requiredReviews: p.required_pull_request_reviews ? (p.required_pull_request_reviews.required_approving_review_count ?? 0) : null,
    requiredChecks: [...new Set(checks)],
    enforceAdmins: p.enforce_admins?.enabled ?? false,
    allowForcePushes: p.allow_force_pushes?.enabled ?? false,
    allowDeletions: p.allow_deletions?.enabled ?? false,
  };
}

export async function getBranchProtection(client: GitHubClient, repo: RepoRef, branch: string): Promise<BranchProtection | undefined> {
  // GitHub answers 404 ("Branch not protected") for a branch without protection.
  const found = await client.find({ action: `read the protection of ${branch} in ${fullName(repo)}`, permission: ADMINISTRATION.replace('write', 'read') }, (o) => o.rest.repos.getBranchProtection({ ...params(repo), branch }));
  return found && toProtection(branch, found.data as GhProtection);
}

export async function setBranchProtection(client: GitHubClient, repo: RepoRef, protection: BranchProtection): Promise<BranchProtection> {
  const set = await client.call({ action: `protect ${protection.branch} in ${fullName(repo)}`, permission: ADMINISTRATION }, (o) =>
    o.rest.repos.updateBranchProtection({
      ...params(repo),
      branch: protection.branch,
      required_status_checks: protection.requiredChecks.length > 0 ? { strict: false, contexts: protection.requiredChecks } : null,
      enforce_admins: protection.enforceAdmins,
      required_pull_request_reviews: protection.requiredReviews === null ? null : { required_approving_review_count: protection.requiredReviews },
      restrictions: null,
      allow_force_pushes: protection.allowForcePushes,
      allow_deletions: protection.allowDeletions,
    }),
  );
  return toProtection(protection.branch, set.data as GhProtection);
}

export async function removeBranchProtection(client: GitHubClient, repo: RepoRef, branch: string): Promise<void> {
  await client.call({ action: `remove the protection of ${branch} in ${fullName(repo)}`, permission: ADMINISTRATION }, (o) => o.rest.repos.deleteBranchProtection({ ...params(repo), branch }));
}
