/**
 * The organisation paved.yaml and the catalog ask for: the config's teams with their members;
 * every repository holding a catalog component, with the teams owning its components (and the
 * platform team) as team permissions, a protected default branch and the platform's labels.
 */
import { orgSettings, type PlatformConfig } from '../config/index.js';
import { InputError } from '../errors.js';
import { TEAM_PERMISSIONS, type BranchProtection, type TeamPermission } from '../forge/types.js';
import { CI_WORKFLOW } from './checks.js';
import { PLATFORM_LABELS, type LabelSpec } from './labels.js';

/** A catalog component, reduced to what the organisation needs. */
export interface OrgComponent {
  name: string;
  /** `owner/name` of the repository holding it. */
  repo: string;
  /** The owning team's name (a Group ref's name), if the owner is a group. */
  owner?: string;
}

/** What the forge says about a managed repository before anything is planned. */
export interface RepositoryFacts {
  /** `owner/name`. */
  repo: string;
  defaultBranch: string;
  /** False for a repository nothing was pushed to yet: there is no branch to protect. */
  hasDefaultBranch: boolean;
  /** The checks its CI workflow reports (checks.ts). */
  checks: string[];
}

export interface DesiredTeam {
  name: string;
  description: string;
  members: string[];
}

export interface DesiredRepository {
  repo: string;
  defaultBranch: string;
  /** Team name → permission. */
  teams: Record<string, TeamPermission>;
  /** Undefined when the default branch does not exist yet. */
  protection?: BranchProtection;
  labels: readonly LabelSpec[];
  components: string[];
}

export interface DesiredOrg {
  organisation: string;
  teams: DesiredTeam[];
  repositories: DesiredRepository[];
  prune: boolean;
  warnings: string[];
}

/** TEAM_PERMISSIONS lists them weakest first. */
export function strongest(a: TeamPermission | undefined, b: TeamPermission): TeamPermission {
  return a !== undefined && TEAM_PERMISSIONS.indexOf(a) >= TEAM_PERMISSIONS.indexOf(b) ? a : b;
}

/** The platform team: `org.platformTeam`, else a team named `platform`, else none. */
export function platformTeamOf(config: PlatformConfig): string | undefined {
  const settings = orgSettings(config);
  const names = new Set(config.teams.map((t) => t.name));
  if (settings.platformTeam !== undefined) {
    if (!names.has(settings.platformTeam)) {
      throw new InputError(`paved.yaml: org.platformTeam: '${settings.platformTeam}' is not a team; use one of: ${[...names].join(', ') || '(no teams defined)'}`, { key: 'org.platformTeam' });
    }
    return settings.platformTeam;
  }
  return names.has('platform') ? 'platform' : undefined;
}

export function desiredOrg(config: PlatformConfig, components: OrgComponent[], facts: RepositoryFacts[]): DesiredOrg {
  const settings = orgSettings(config);
  const platformTeam = platformTeamOf(config);
  const teamNames = new Set(config.teams.map((t) => t.name));
  const warnings: string[] = [];
  const byRepo = new Map<string, OrgComponent[]>();
  for (const component of components) byRepo.set(component.repo, [...(byRepo.get(component.repo) ?? []), component]);
  const repositories: DesiredRepository[] = [];
  for (const fact of [...facts].sort((a, b) => a.repo.localeCompare(b.repo))) {
    const owned = (byRepo.get(fact.repo) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    const teams: Record<string, TeamPermission> = {};
    for (const component of owned) {
      if (component.owner && teamNames.has(component.owner)) teams[component.owner] = strongest(teams[component.owner], settings.ownerPermission);
      else warnings.push(`${fact.repo}: component ${component.name} is owned by ${component.owner ? `'${component.owner}', not a team in paved.yaml` : 'no group'}; no team gets ${settings.ownerPermission} for it`);
    }
    if (platformTeam) teams[platformTeam] = 'admin';
    const checks = settings.requiredChecks ?? fact.checks;
    if (fact.hasDefaultBranch && settings.requiredChecks === undefined && checks.length === 0) {
      warnings.push(`${fact.repo}: no status check to require (no pull-request job in ${CI_WORKFLOW}); set org.requiredChecks to require some`);
    }
    if (!fact.hasDefaultBranch) warnings.push(`${fact.repo}: branch ${fact.defaultBranch} does not exist yet; it is protected by the first apply after it is pushed`);
    repositories.push({
      repo: fact.repo,
      defaultBranch: fact.defaultBranch,
      teams: Object.fromEntries(Object.entries(teams).sort(([a], [b]) => a.localeCompare(b))),
      ...(fact.hasDefaultBranch
        ? {
            protection: {
              branch: fact.defaultBranch,
              requiredReviews: settings.requiredReviews,
              requiredChecks: [...new Set(checks)],
              enforceAdmins: settings.enforceAdmins,
              allowForcePushes: false,
              allowDeletions: false,
            },
          }
        : {}),
      labels: PLATFORM_LABELS,
      components: owned.map((c) => c.name),
    });
  }
  const teams = config.teams.map((t) => ({ name: t.name, description: t.description, members: [...new Set(t.members)].sort() })).sort((a, b) => a.name.localeCompare(b.name));
  return { organisation: config.organisation, teams, repositories, prune: settings.prune, warnings };
}
