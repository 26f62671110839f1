/** Teams as paved.yaml declares them, with their namespace and quota in every environment; and self-service namespaces. */
import { z } from 'zod';
import type { PlatformConfig, TeamConfig } from '../config/index.js';
import { NotFoundError } from '../errors.js';
import { effectiveQuota } from '../namespace/index.js';
import { assertMayActForTeam } from '../platform/access.js';
import { createTeamNamespaces } from '../platform/namespace.js';
import { route } from './route.js';

export const NamespaceBody = z.strictObject({
  environment: z.string().describe('only this environment; default: every environment').optional(),
});

function teamOrNotFound(config: PlatformConfig, name: string): TeamConfig {
  const team = config.teams.find((t) => t.name === name);
  if (!team) throw new NotFoundError(`no team '${name}' in paved.yaml; use one of: ${config.teams.map((t) => t.name).join(', ') || '(none yet)'}`, { team: name });
  return team;
}

/** The namespace is named after the team (one per cluster, so one per environment too). */
function describeTeam(config: PlatformConfig, team: TeamConfig) {
  return {
    name: team.name,
    description: team.description,
    idpGroup: team.idpGroup ?? null,
    members: team.members,
    environments: config.environments.map((environment) => {
      const quota = effectiveQuota(team, environment);
      return {
        environment: environment.name,
        namespace: team.name,
        clusters: config.clusters.filter((c) => c.environment === environment.name).map((c) => c.name),
        quota: quota?.quota ?? null,
        quotaSource: quota?.source ?? null,
      };
    }),
  };
}

export const teamRoutes = [
  route({
    id: 'listTeams', method: 'GET', path: '/teams', tag: 'teams', summary: 'Teams with their members, idpGroup, and namespace and quota per environment',
    handle: async ({ platform }) => platform.workspace.config.teams.map((team) => describeTeam(platform.workspace.config, team)),
  }),
  route({
    id: 'getTeam', method: 'GET', path: '/teams/:team', tag: 'teams', summary: 'One team',
    handle: async ({ platform, params }) => describeTeam(platform.workspace.config, teamOrNotFound(platform.workspace.config, params.team!)),
  }),
  route({
    id: 'createTeamNamespaces', method: 'POST', path: '/teams/:team/namespaces', tag: 'teams', summary: "Write the team's namespaces (every environment, or one) to the GitOps repository; members and admins only",
    body: NamespaceBody,
    handle: async ({ platform, login, params, body }) => {
      const team = teamOrNotFound(platform.workspace.config, params.team!);
      assertMayActForTeam(platform.workspace.config, login!, team.name, 'change namespaces');
      return createTeamNamespaces(platform, { team: team.name, ...body });
    },
  }),
];
