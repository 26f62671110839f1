/** The fleet's drift and its template-update pull requests, per component and in aggregate. */
import { z } from 'zod';
import { carried } from '../fleet/pr-body.js';
import { isConflicted, UPDATE_LABEL } from '../fleet/sync-unit.js';
import { PullStateQuery } from './pull-routes.js';
import type { ComponentStatus } from '../fleet/types.js';
import { platformFleetStatus } from '../platform/fleet.js';
import { route } from './route.js';

const FleetQuery = z.strictObject({
  team: z.string().min(1).describe("only this team's components").optional(),
  template: z.string().min(1).describe('only components of this template (name or source)').optional(),
  grouped: z.enum(['true', 'false']).describe('look for one update pull request per repository').optional(),
});

function aggregate(components: ComponentStatus[]) {
  const count = (pick: (c: ComponentStatus) => boolean) => components.filter(pick).length;
  const templates = [...new Set(components.map((c) => c.template ?? '?'))].sort();
  return {
    total: components.length,
    states: { current: count((c) => c.state === 'current'), behind: count((c) => c.state === 'behind'), unknownTemplate: count((c) => c.state === 'unknown-template'), broken: count((c) => c.state === 'broken') },
    pullRequests: { open: count((c) => c.pullRequest !== undefined), conflicted: count((c) => c.pullRequest?.conflicted === true) },
    byTemplate: templates.map((template) => {
      const of = components.filter((c) => (c.template ?? '?') === template);
      return { template, latest: of.find((c) => c.latest)?.latest ?? null, total: of.length, behind: of.filter((c) => c.state === 'behind').length };
    }),
  };
}

const FleetPullsQuery = z.strictObject({
  state: PullStateQuery.describe('default: all').optional(),
});

export const fleetRoutes = [
  route({
    id: 'fleetPullRequests', method: 'GET', path: '/fleet/pulls', tag: 'fleet',
    summary: 'The template-update pull requests of the organisation (default: every state), most recently updated first, with the components and versions each carries and whether it has conflicts',
    query: FleetPullsQuery,
    handle: async ({ forge, platform, query }) => {
      const prs = await forge.listOwnerPullRequests(platform.workspace.config.organisation, { state: query.state ?? 'all', label: UPDATE_LABEL });
      return prs.map((pr) => ({
        repo: pr.repo, number: pr.number, title: pr.title, url: pr.url, head: pr.head, state: pr.state,
        conflicted: isConflicted(pr.labels), updates: carried(pr.body), createdAt: pr.createdAt, updatedAt: pr.updatedAt,
        ...(pr.mergedAt ? { mergedAt: pr.mergedAt } : {}),
      }));
    },
  }),
  route({
    id: 'fleetStatus', method: 'GET', path: '/fleet', tag: 'fleet', summary: "Every component's template drift with its open update pull request, and the totals",
    query: FleetQuery,
    // Read as the platform: drift is about every repository, as the catalog is.
    handle: async ({ service, query }) => {
      const components = await platformFleetStatus(service, { team: query.team, template: query.template }, { grouped: query.grouped === 'true' });
      return { summary: aggregate(components), components };
    },
  }),
];
