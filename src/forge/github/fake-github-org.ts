/**
 * A GitHub organisation with state, on the fake GitHub server: the REST routes `paved org` uses
 * (teams, memberships, team repositories, branch protection, labels) answering from and changing
 * an in-memory organisation, so a plan, its apply and the next plan run against one GitHub-shaped
 * server. Every route must be used at least once (`times: 'many'`), as the fake's other answers.
 */
import { gh, type FakeGitHub, type FakeRequest } from './fake-github-server.js';

export interface FakeOrgState {
  org: string;
  teams: Map<string, { description: string; members: Map<string, 'member' | 'maintainer'>; repos: Map<string, 'pull' | 'triage' | 'push' | 'maintain' | 'admin'> }>;
  /** `owner/name:branch` → the protection as GitHub returns it. */
  protections: Map<string, ReturnType<typeof gh.protection>>;
  /** `owner/name` → label name → label. */
  labels: Map<string, Map<string, { name: string; color: string; description: string }>>;
}

export function fakeOrgState(org: string): FakeOrgState {
  return { org, teams: new Map(), protections: new Map(), labels: new Map() };
}

const notFound = { status: 404, body: { message: 'Not Found' } };

type Routes = 'teams' | 'members' | 'repos' | 'protection' | 'labels';

/** Serves `state` on `fake`; `routes` limits which groups are expected (all by default). */
export function serveOrganisation(fake: FakeGitHub, state: FakeOrgState, routes: Routes[] = ['teams', 'members', 'repos', 'protection', 'labels']): void {
  const team = (r: FakeRequest) => state.teams.get(r.params.team!);
  const many = { times: 'many' as const };
  if (routes.includes('teams')) {
    fake.on(`GET /orgs/${state.org}/teams`, () => ({ body: [...state.teams].map(([slug, t]) => gh.team(slug, { description: t.description })) }), many);
    fake.on(`POST /orgs/${state.org}/teams`, (r) => {
      const { name, description = '' } = r.body as { name: string; description?: string };
      if (state.teams.has(name)) return { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'Team', code: 'custom', field: 'name', message: 'Name must be unique for this org' }] } };
      // As GitHub does: the creator becomes the team's maintainer.
      state.teams.set(name, { description, members: new Map([['paved-bot', 'maintainer']]), repos: new Map() });
      return { status: 201, body: gh.team(name, { description }) };
    }, many);
  }
  if (routes.includes('members')) {
    fake.on(`GET /orgs/${state.org}/teams/:team/members`, (r) => {
      const found = team(r);
      if (!found) return notFound;
      const role = r.query.get('role') ?? 'all';
      return { body: [...found.members].filter(([, m]) => role === 'all' || m === role).map(([login]) => gh.user(login)) };
    }, many);
    fake.on(`GET /orgs/${state.org}/teams/:team/invitations`, (r) => (team(r) ? { body: [] } : notFound), many);
    fake.on(`PUT /orgs/${state.org}/teams/:team/memberships/:login`, (r) => {
      const found = team(r);
      if (!found) return notFound;
      const role = ((r.body as { role?: string } | undefined)?.role ?? 'member') as 'member' | 'maintainer';
      found.members.set(r.params.login!, role);
      return { body: { state: 'active', role, url: '' } };
    }, many);
  }
  if (routes.includes('repos')) {
    fake.on(`GET /orgs/${state.org}/teams/:team/repos`, (r) => {
      const found = team(r);
      return found ? { body: [...found.repos].map(([repo, permission]) => gh.teamRepo(repo, permission)) } : notFound;
    }, many);
    fake.on(`PUT /orgs/${state.org}/teams/:team/repos/:owner/:repo`, (r) => {
      const found = team(r);
      if (!found) return notFound;
      found.repos.set(`${r.params.owner}/${r.params.repo}`, (r.body as { permission: 'push' }).permission);
      return { status: 204 };
    }, many);
  }
  if (routes.includes('protection')) {
    const key = (r: FakeRequest) => `${r.params.owner}/${r.params.repo}:${r.params.branch}`;
    fake.on('GET /repos/:owner/:repo/branches/:branch/protection', (r) => {
      const found = state.protections.get(key(r));
      return found ? { body: found } : { status: 404, body: { message: 'Branch not protected' } };
    }, many);
    fake.on('PUT /repos/:owner/:repo/branches/:branch/protection', (r) => {
      const body = r.body as { required_status_checks: { contexts: string[] } | null; enforce_admins: boolean; required_pull_request_reviews: { required_approving_review_count: number } | null; allow_force_pushes: boolean; allow_deletions: boolean };
      const saved = gh.protection({
        reviews: body.required_pull_request_reviews?.required_approving_review_count ?? null,
        ...(body.required_status_checks ? { checks: body.required_status_checks.contexts } : {}),
        enforceAdmins: body.enforce_admins,
        allowForcePushes: body.allow_force_pushes,
        allowDeletions: body.allow_deletions,
      });
      state.protections.set(key(r), saved);
      return { body: saved };
    }, many);
  }
  if (routes.includes('labels')) {
    const labelsOf = (r: FakeRequest) => {
      const repo = `${r.params.owner}/${r.params.repo}`;
      if (!state.labels.has(repo)) state.labels.set(repo, new Map());
      return state.labels.get(repo)!;
    };
    fake.on('GET /repos/:owner/:repo/labels', (r) => ({ body: [...labelsOf(r).values()] }), many);
    fake.on('GET /repos/:owner/:repo/labels/:name', (r) => {
      const found = labelsOf(r).get(r.params.name!);
      return found ? { body: found } : notFound;
    }, many);
    fake.on('POST /repos/:owner/:repo/labels', (r) => {
      const label = r.body as { name: string; color: string; description: string };
      labelsOf(r).set(label.name, label);
      return { status: 201, body: label };
    }, many);
  }
}
