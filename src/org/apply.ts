/**
 * Making a plan real, one change at a time in the plan's order (teams before their members and
 * permissions). A failing change becomes that change's outcome and the run goes on; changes that
 * need a team whose creation failed are skipped. Every change sets a state rather than toggling
 * one, so running apply again after a failure finishes the work without redoing any.
 */
import { isPavedError } from '../errors.js';
import { repoRefOf, type Forge } from '../forge/types.js';
import type { OrgChange, OrgPlan } from './plan.js';
import { organisationForge } from './read.js';

export interface OrgChangeResult {
  change: OrgChange;
  outcome: 'done' | 'failed' | 'skipped';
  error?: { code: string; message: string };
}

export interface OrgApplyResult {
  organisation: string;
  results: OrgChangeResult[];
  failed: number;
}


async function applyChange(forge: ReturnType<typeof organisationForge>, org: string, change: OrgChange): Promise<void> {
  switch (change.kind) {
    case 'team':
      if (change.action === 'create') await forge.createTeam(org, { name: change.team, description: change.description });
      else await forge.updateTeam(org, change.team, { description: change.description });
      return;
    case 'team-member':
      if (change.action === 'create') await forge.setTeamMember(org, change.team, change.login, 'member');
      else await forge.removeTeamMember(org, change.team, change.login);
      return;
    case 'team-repository':
      if (change.action === 'delete') await forge.removeTeamPermission(org, change.team, repoRefOf(change.repo));
      else await forge.setTeamPermission(org, change.team, repoRefOf(change.repo), change.permission!);
      return;
    case 'branch-protection':
      await forge.setBranchProtection(repoRefOf(change.repo), change.protection);
      return;
    case 'label':
      await forge.ensureLabel(repoRefOf(change.repo), change.label);
      return;
  }
}

export async function applyOrgPlan(forge: Forge, plan: OrgPlan): Promise<OrgApplyResult> {
  const org = organisationForge(forge);
  const brokenTeams = new Set<string>();
  const results: OrgChangeResult[] = [];
  for (const change of plan.changes) {
    const team = change.kind === 'team-member' || change.kind === 'team-repository' ? change.team : undefined;
    if (team && brokenTeams.has(team)) {
      results.push({ change, outcome: 'skipped', error: { code: 'not-found', message: `team '${team}' could not be created; fix that first and apply again` } });
      continue;
    }
    try {
      await applyChange(org, plan.organisation, change);
      results.push({ change, outcome: 'done' });
    } catch (error) {
      if (change.kind === 'team' && change.action === 'create') brokenTeams.add(change.team);
      const described = isPavedError(error) ? { code: error.code, message: error.message } : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
      results.push({ change, outcome: 'failed', error: described });
    }
  }
  return { organisation: plan.organisation, results, failed: results.filter((r) => r.outcome !== 'done').length };
}
