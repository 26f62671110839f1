import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.js';
import { applyOrgPlan, desiredOrg, describeChange, planOrg, readActualOrg } from '../../org/index.js';
import { fakeOrgState, serveOrganisation } from './fake-github-org.js';
import { fakeOptions, gh, useFakeGitHub } from './fake-github-server.js';
import { createGitHubForge } from './index.js';

describe('organisation calls against a fake GitHub', () => {
  const fake = useFakeGitHub();

  it('lists, creates and updates teams', async () => {
    fake()
      .on('GET /orgs/acme/teams?per_page=100', { body: [gh.team('platform', { description: 'The platform team' }), gh.team('payments')] })
      .on('POST /orgs/acme/teams', (r) => ({ status: 201, body: gh.team('search', { description: (r.body as { description: string }).description }) }))
      .on('POST /orgs/acme/teams', { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'Team', code: 'custom', field: 'name', message: 'Name must be unique for this org' }] } })
      .on('PATCH /orgs/acme/teams/search', (r) => ({ body: gh.team('search', r.body as Record<string, unknown>) }));
    const forge = await createGitHubForge(fakeOptions(fake()));
    expect(await forge.listTeams('acme')).toEqual([
      { slug: 'payments', name: 'payments', description: '' },
      { slug: 'platform', name: 'platform', description: 'The platform team' },
    ]);
    expect(await forge.createTeam('acme', { name: 'search', description: 'Search' })).toEqual({ slug: 'search', name: 'search', description: 'Search' });
    expect(fake().requests[1]?.body).toEqual({ name: 'search', description: 'Search', privacy: 'closed' });
    await expect(forge.createTeam('acme', { name: 'search' })).rejects.toMatchObject({ code: 'conflict', details: { reason: 'exists' } });
    expect((await forge.updateTeam('acme', 'search', { description: 'Find things' })).description).toBe('Find things');
  });

  it('reads members with their roles and pending invitations, and adds and removes members', async () => {
    fake()
      .on('GET /orgs/acme/teams/payments/members?role=all', { body: [gh.user('alice'), gh.user('bob')] })
      .on('GET /orgs/acme/teams/payments/members?role=maintainer', { body: [gh.user('bob')] })
      .on('GET /orgs/acme/teams/payments/invitations', { body: [{ login: 'carol', role: 'direct_member' }] })
      .on('PUT /orgs/acme/teams/payments/memberships/dave', { body: { state: 'pending', role: 'member' } })
      .on('DELETE /orgs/acme/teams/payments/memberships/alice', { status: 204 });
    const forge = await createGitHubForge(fakeOptions(fake()));
    expect(await forge.listTeamMembers('acme', 'payments')).toEqual([
      { login: 'alice', role: 'member' },
      { login: 'bob', role: 'maintainer' },
      { login: 'carol', role: 'member', pending: true },
    ]);
    await forge.setTeamMember('acme', 'payments', 'dave');
    expect(fake().requests.at(-1)?.body).toEqual({ role: 'member' });
    await forge.removeTeamMember('acme', 'payments', 'alice');
  });

  it('maps team repository roles to permissions and sets and removes them', async () => {
    fake()
      .on('GET /orgs/acme/teams/payments/repos', { body: [gh.teamRepo('acme/orders', 'push'), gh.teamRepo('acme/billing', 'maintain'), { ...gh.repo('acme/custom'), role_name: 'security-auditor', permissions: { pull: true, triage: true, push: false } }] })
      .on('PUT /orgs/acme/teams/payments/repos/acme/orders', { status: 204 })
      .on('DELETE /orgs/acme/teams/payments/repos/acme/billing', { status: 204 });
    const forge = await createGitHubForge(fakeOptions(fake()));
    expect(await forge.listTeamRepositories('acme', 'payments')).toEqual([
      { repo: 'acme/billing', permission: 'maintain' },
      { repo: 'acme/custom', permission: 'triage' },
      { repo: 'acme/orders', permission: 'push' },
    ]);
    await forge.setTeamPermission('acme', 'payments', { owner: 'acme', name: 'orders' }, 'maintain');
    expect(fake().requests.at(-1)?.body).toEqual({ permission: 'maintain' });
    await forge.removeTeamPermission('acme', 'payments', { owner: 'acme', name: 'billing' });
  });

  it('reads, sets and removes branch protection; an unprotected branch reads as none', async () => {
    fake()
      .on('GET /repos/acme/web/branches/main/protection', { status: 404, body: { message: 'Branch not protected' } })
      .on('PUT /repos/acme/web/branches/main/protection', { body: gh.protection({ reviews: 2, checks: ['node / lint, test, build (.)'] }) })
      .on('GET /repos/acme/web/branches/dev/protection', { body: gh.protection({ reviews: null, enforceAdmins: true, allowDeletions: true }) })
      .on('DELETE /repos/acme/web/branches/main/protection', { status: 204 });
    const forge = await createGitHubForge(fakeOptions(fake()));
    const web = { owner: 'acme', name: 'web' };
    expect(await forge.getBranchProtection(web, 'main')).toBeUndefined();
    const wanted = { branch: 'main', requiredReviews: 2, requiredChecks: ['node / lint, test, build (.)'], enforceAdmins: false, allowForcePushes: false, allowDeletions: false };
    expect(await forge.setBranchProtection(web, wanted)).toEqual(wanted);
    expect(fake().requests[1]?.body).toEqual({
      required_status_checks: { strict: false, contexts: ['node / lint, test, build (.)'] },
      enforce_admins: false,
      required_pull_request_reviews: { required_approving_review_count: 2 },
      restrictions: null,
      allow_force_pushes: false,
      allow_deletions: false,
    });
    expect(await forge.getBranchProtection(web, 'dev')).toEqual({ branch: 'dev', requiredReviews: null, requiredChecks: [], enforceAdmins: true, allowForcePushes: false, allowDeletions: true });
    await forge.removeBranchProtection(web, 'main');
  });

  it('plans, applies and then plans nothing for an organisation on the fake GitHub', async () => {
    const state = fakeOrgState('acme');
    state.teams.set('legacy', { description: 'made by hand', members: new Map([['zed', 'member']]), repos: new Map() });
    state.teams.set('payments', { description: 'old words', members: new Map([['alice', 'member'], ['zed', 'maintainer']]), repos: new Map([['acme/orders', 'pull']]) });
    state.labels.set('acme/orders', new Map([['template-update', { name: 'template-update', color: 'ededed', description: '' }]]));
    serveOrganisation(fake(), state);
    fake().on('PATCH /orgs/acme/teams/payments', (r) => {
      state.teams.get('payments')!.description = (r.body as { description: string }).description;
      return { body: gh.team('payments', r.body as Record<string, unknown>) };
    });
    fake().on('PATCH /repos/acme/orders/labels/template-update', (r) => {
      const label = { name: 'template-update', ...(r.body as { color: string; description: string }) };
      state.labels.get('acme/orders')!.set(label.name, label);
      return { body: label };
    });
    const config = parseConfig(`apiVersion: paved/v1
organisation: acme
forge: { kind: github }
users: [{ login: alice }, { login: bob }, { login: root, admin: true }]
teams:
  - { name: payments, description: Payments, members: [alice, bob] }
  - { name: platform, members: [root] }
org: { requiredReviews: 2 }
`);
    const forge = await createGitHubForge(fakeOptions(fake()));
    const desired = desiredOrg(config, [{ name: 'orders', repo: 'acme/orders', owner: 'payments' }], [{ repo: 'acme/orders', defaultBranch: 'main', hasDefaultBranch: true, checks: ['node / lint, test, build (.)'] }]);
    const plan = planOrg(desired, await readActualOrg(forge, desired));
    expect(plan.unmanagedTeams).toEqual(['legacy']);
    expect(plan.changes.map(describeChange)).toEqual([
      "~ team payments (description: 'old words' → 'Payments')",
      '+ team platform',
      '+ member payments/bob',
      '+ member platform/root',
      '~ permission payments → acme/orders: pull → push',
      '+ permission platform → acme/orders: admin',
      '+ protection acme/orders:main: 2 review(s), checks [node / lint, test, build (.)], no force-push, no deletion',
      '+ label acme/orders autorelease: pending (#fbca04)',
      '+ label acme/orders autorelease: tagged (#0e8a16)',
      '~ label acme/orders template-update (#ededed → #1d76db)',
      '+ label acme/orders template-update-conflicts (#d93f0b)',
    ]);
    const applied = await applyOrgPlan(forge, plan);
    expect(applied.failed).toBe(0);
    // Conservative: zed (not in paved.yaml) stays in payments, and the legacy team is untouched.
    expect([...state.teams.get('payments')!.members.keys()].sort()).toEqual(['alice', 'bob', 'zed']);
    expect(state.teams.get('legacy')?.description).toBe('made by hand');
    const again = planOrg(desired, await readActualOrg(forge, desired));
    expect(again.changes).toEqual([]);
  });
});
