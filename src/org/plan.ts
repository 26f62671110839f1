/**
 * The difference between the organisation paved.yaml asks for and the one on the forge, as a
 * serialisable list of changes in a stable order (kind, then target). Pure: `paved org plan`
 * prints it, `paved org apply` executes it (apply.ts), tests assert on it.
 *
 * Conservative by design: nothing is deleted unless `org.prune` is on, and then only members of
 * the teams paved.yaml names and their permissions on managed repositories. Teams, repositories,
 * labels and branch protection are never deleted; member roles set on the forge are kept.
 */
import type { BranchProtection, TeamPermission } from '../forge/types.js';
import type { DesiredOrg } from './desired.js';
import type { LabelSpec } from './labels.js';
import type { ActualOrg } from './read.js';

export type OrgChange =
  | { kind: 'team'; action: 'create' | 'update'; target: string; team: string; description: string; before?: { description: string } }
  | { kind: 'team-member'; action: 'create' | 'delete'; target: string; team: string; login: string }
  | { kind: 'team-repository'; action: 'create' | 'update' | 'delete'; target: string; team: string; repo: string; permission?: TeamPermission; before?: TeamPermission }
  | { kind: 'branch-protection'; action: 'create' | 'update'; target: string; repo: string; protection: BranchProtection; before?: BranchProtection; fields: string[] }
  | { kind: 'label'; action: 'create' | 'update'; target: string; repo: string; label: LabelSpec; before?: LabelSpec };

export type OrgChangeKind = OrgChange['kind'];

export interface OrgPlan {
  organisation: string;
  changes: OrgChange[];
  /** What is managed: teams by name, repositories by full name. */
  managed: { teams: string[]; repositories: string[] };
  /** Teams on the forge that paved.yaml does not name (left alone). */
  unmanagedTeams: string[];
  warnings: string[];
}

const KIND_ORDER: OrgChangeKind[] = ['team', 'team-member', 'team-repository', 'branch-protection', 'label'];

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The fields of `after` that `before` does not match (check order does not matter). */
export function protectionDifferences(before: BranchProtection, after: BranchProtection): string[] {
  const fields: string[] = [];
  if (before.requiredReviews !== after.requiredReviews) fields.push('requiredReviews');
  const checks = (p: BranchProtection) => JSON.stringify([...p.requiredChecks].sort());
  if (checks(before) !== checks(after)) fields.push('requiredChecks');
  if (before.enforceAdmins !== after.enforceAdmins) fields.push('enforceAdmins');
  if (before.allowForcePushes !== after.allowForcePushes) fields.push('allowForcePushes');
  if (before.allowDeletions !== after.allowDeletions) fields.push('allowDeletions');
  return fields;
}

export function planOrg(desired: DesiredOrg, actual: ActualOrg): OrgPlan {
  const changes: OrgChange[] = [];
  const managedRepos = new Set(desired.repositories.map((r) => r.repo.toLowerCase()));
  for (const team of desired.teams) {
    const current = actual.teams[team.name];
    if (!current) changes.push({ kind: 'team', action: 'create', target: team.name, team: team.name, description: team.description });
    else if (current.team.description !== team.description) changes.push({ kind: 'team', action: 'update', target: team.name, team: team.name, description: team.description, before: { description: current.team.description } });
    const members = current?.members ?? [];
    for (const login of team.members) {
      if (!members.some((m) => same(m.login, login))) changes.push({ kind: 'team-member', action: 'create', target: `${team.name}/${login}`, team: team.name, login });
    }
    if (desired.prune) {
      for (const member of members) {
        if (!team.members.some((login) => same(login, member.login))) changes.push({ kind: 'team-member', action: 'delete', target: `${team.name}/${member.login}`, team: team.name, login: member.login });
      }
    }
  }
  for (const repo of desired.repositories) {
    for (const [team, permission] of Object.entries(repo.teams)) {
      const held = actual.teams[team]?.repositories.find((r) => same(r.repo, repo.repo));
      const target = `${team} → ${repo.repo}`;
      if (!held) changes.push({ kind: 'team-repository', action: 'create', target, team, repo: repo.repo, permission });
      else if (held.permission !== permission) changes.push({ kind: 'team-repository', action: 'update', target, team, repo: repo.repo, permission, before: held.permission });
    }
  }
  if (desired.prune) {
    const wanted = new Map(desired.repositories.map((r) => [r.repo.toLowerCase(), r.teams]));
    for (const [team, current] of Object.entries(actual.teams)) {
      for (const held of current.repositories) {
        if (!managedRepos.has(held.repo.toLowerCase()) || wanted.get(held.repo.toLowerCase())?.[team]) continue;
        changes.push({ kind: 'team-repository', action: 'delete', target: `${team} → ${held.repo}`, team, repo: held.repo, before: held.permission });
      }
    }
  }
  for (const repo of desired.repositories) {
    const current = actual.repositories[repo.repo];
    if (repo.protection) {
      const target = `${repo.repo}:${repo.protection.branch}`;
      const before = current?.protection;
      if (!before) changes.push({ kind: 'branch-protection', action: 'create', target, repo: repo.repo, protection: repo.protection, fields: [] });
      else {
        const fields = protectionDifferences(before, repo.protection);
        if (fields.length > 0) changes.push({ kind: 'branch-protection', action: 'update', target, repo: repo.repo, protection: repo.protection, before, fields });
      }
    }
    for (const label of repo.labels) {
      const found = current?.labels.find((l) => same(l.name, label.name));
      const target = `${repo.repo} ${label.name}`;
      if (!found) changes.push({ kind: 'label', action: 'create', target, repo: repo.repo, label });
      else if (found.color.toLowerCase() !== label.color || found.description !== label.description) {
        changes.push({ kind: 'label', action: 'update', target, repo: repo.repo, label, before: { name: found.name, color: found.color, description: found.description } });
      }
    }
  }
  changes.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  return {
    organisation: desired.organisation,
    changes,
    managed: { teams: desired.teams.map((t) => t.name), repositories: desired.repositories.map((r) => r.repo) },
    unmanagedTeams: actual.unmanagedTeams,
    warnings: desired.warnings,
  };
}

/** One line per change, as `paved org plan` prints it. */
export function describeChange(change: OrgChange): string {
  const sign = { create: '+', update: '~', delete: '-' }[change.action];
  switch (change.kind) {
    case 'team':
      return `${sign} team ${change.target}${change.action === 'update' ? ` (description: '${change.before?.description}' → '${change.description}')` : ''}`;
    case 'team-member':
      return `${sign} member ${change.target}`;
    case 'team-repository':
      return `${sign} permission ${change.target}: ${change.action === 'delete' ? `${change.before} (removed)` : change.before ? `${change.before} → ${change.permission}` : change.permission}`;
    case 'branch-protection': {
      const p = change.protection;
      const rules = `${p.requiredReviews ?? 'no'} review(s), checks [${p.requiredChecks.join(', ')}], no force-push, no deletion${p.enforceAdmins ? ', admins included' : ''}`;
      return `${sign} protection ${change.target}: ${change.action === 'update' ? `${change.fields.join(', ')} → ` : ''}${rules}`;
    }
    case 'label':
      return `${sign} label ${change.target}${change.action === 'update' ? ` (#${change.before?.color} → #${change.label.color})` : ` (#${change.label.color})`}`;
  }
}
