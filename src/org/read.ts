/**
 * Reading the forge: the facts the desired state depends on (default branch, CI checks) and the
 * actual state of what `paved org` manages. Only managed things are read in detail: the teams
 * paved.yaml names and the repositories holding catalog components.
 */
import { InputError } from '../errors.js';
import { repoRefOf, supportsOrganisation, type BranchProtection, type Forge, type Label, type OrganisationForge, type Team, type TeamMember, type TeamRepository } from '../forge/types.js';
import { CI_WORKFLOW, checksFromWorkflow } from './checks.js';
import type { DesiredOrg, RepositoryFacts } from './desired.js';

export interface ActualTeam {
  team: Team;
  members: TeamMember[];
  repositories: TeamRepository[];
}

export interface ActualRepository {
  protection?: BranchProtection;
  labels: Label[];
}

export interface ActualOrg {
  /** The managed teams that exist, by slug. */
  teams: Record<string, ActualTeam>;
  /** Teams on the forge paved.yaml does not name: never touched. */
  unmanagedTeams: string[];
  repositories: Record<string, ActualRepository>;
}

export function organisationForge(forge: Forge): Forge & OrganisationForge {
  if (!supportsOrganisation(forge)) throw new InputError(`the ${forge.kind} forge cannot manage teams and branch protection; paved org works with the local and github forges`, { forge: forge.kind });
  return forge;
}


/** The facts of each repository holding components; a repository the forge no longer has is left out. */
export async function readRepositoryFacts(forge: Forge, repos: string[]): Promise<RepositoryFacts[]> {
  const facts: RepositoryFacts[] = [];
  for (const full of [...new Set(repos)].sort()) {
    const repo = await forge.getRepository(repoRefOf(full));
    if (!repo || repo.archived) continue;
    const branch = await forge.getBranch(repo, repo.defaultBranch);
    const ci = branch ? await forge.readFile(repo, CI_WORKFLOW, repo.defaultBranch) : undefined;
    facts.push({ repo: repo.fullName, defaultBranch: repo.defaultBranch, hasDefaultBranch: branch !== undefined, checks: ci ? checksFromWorkflow(ci.data.toString('utf8')) : [] });
  }
  return facts;
}

export async function readActualOrg(forge: Forge, desired: DesiredOrg): Promise<ActualOrg> {
  const org = organisationForge(forge);
  const wanted = new Set(desired.teams.map((t) => t.name));
  const teams: Record<string, ActualTeam> = {};
  const unmanagedTeams: string[] = [];
  for (const team of await org.listTeams(desired.organisation)) {
    if (!wanted.has(team.slug)) {
      unmanagedTeams.push(team.slug);
      continue;
    }
    teams[team.slug] = { team, members: await org.listTeamMembers(desired.organisation, team.slug), repositories: await org.listTeamRepositories(desired.organisation, team.slug) };
  }
  const repositories: Record<string, ActualRepository> = {};
  for (const repo of desired.repositories) {
    const ref = repoRefOf(repo.repo);
    repositories[repo.repo] = {
      ...(repo.protection ? { protection: await org.getBranchProtection(ref, repo.defaultBranch) } : {}),
      labels: await org.listLabels(ref),
    };
  }
  return { teams, unmanagedTeams: unmanagedTeams.sort(), repositories };
}
