import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import type { BranchProtection } from '../forge/types.js';
import { desiredOrg } from './desired.js';
import { PLATFORM_LABELS } from './labels.js';
import { describeChange, planOrg } from './plan.js';
import type { ActualOrg } from './read.js';

const config = (org = '') =>
  parseConfig(`apiVersion: paved/v1
organisation: acme
users: [{ login: ana }, { login: bo }, { login: root, admin: true }]
teams:
  - { name: payments, members: [ana, bo] }
  - { name: core, members: [root] }
${org}`);

const protection = (extra: Partial<BranchProtection> = {}): BranchProtection => ({ branch: 'main', requiredReviews: 1, requiredChecks: ['test'], enforceAdmins: false, allowForcePushes: false, allowDeletions: false, ...extra });

const facts = [
  { repo: 'acme/orders', defaultBranch: 'main', hasDefaultBranch: true, checks: ['test'] },
  { repo: 'acme/fresh', defaultBranch: 'trunk', hasDefaultBranch: false, checks: [] },
];

/** Everything the config asks for already in place, except what a test takes away. */
function current(): ActualOrg {
  const labels = PLATFORM_LABELS.map((l) => ({ ...l }));
  return {
    teams: {
      payments: { team: { slug: 'payments', name: 'payments', description: '' }, members: [{ login: 'Ana', role: 'member' }, { login: 'bo', role: 'maintainer' }, { login: 'zed', role: 'member' }], repositories: [{ repo: 'acme/orders', permission: 'push' }, { repo: 'acme/fresh', permission: 'push' }, { repo: 'acme/elsewhere', permission: 'admin' }] },
      core: { team: { slug: 'core', name: 'core', description: '' }, members: [{ login: 'root', role: 'member' }], repositories: [{ repo: 'acme/orders', permission: 'admin' }, { repo: 'acme/fresh', permission: 'admin' }] },
    },
    unmanagedTeams: [],
    repositories: { 'acme/orders': { protection: protection(), labels }, 'acme/fresh': { labels } },
  };
}

const components = [
  { name: 'orders', repo: 'acme/orders', owner: 'payments' },
  { name: 'fresh', repo: 'acme/fresh', owner: 'payments' },
];

describe('planning the organisation', () => {
  it('plans nothing when the forge matches, logins compared case-insensitively and roles kept', () => {
    const desired = desiredOrg(config('org: { platformTeam: core }\n'), components, facts);
    expect(desired.repositories.find((r) => r.repo === 'acme/fresh')?.protection).toBeUndefined();
    expect(planOrg(desired, current()).changes).toEqual([]);
  });

  it('names the protection fields that differ, ignoring the order of checks', () => {
    const desired = desiredOrg(config('org: { platformTeam: core, requiredChecks: [test, lint], ownerPermission: maintain }\n'), components, facts);
    const actual = current();
    actual.repositories['acme/orders']!.protection = protection({ requiredChecks: ['lint'], allowForcePushes: true });
    expect(planOrg(desired, actual).changes.map(describeChange)).toEqual([
      '~ permission payments → acme/fresh: push → maintain',
      '~ permission payments → acme/orders: push → maintain',
      '~ protection acme/orders:main: requiredChecks, allowForcePushes → 1 review(s), checks [test, lint], no force-push, no deletion',
    ]);
  });

  it('removes members and permissions on managed repositories only with prune', () => {
    const desired = desiredOrg(config('org: { platformTeam: core, prune: true }\n'), [components[0]!], [facts[0]!]);
    expect(planOrg(desired, current()).changes.map(describeChange)).toEqual(['- member payments/zed']);
    const pruneFresh = desiredOrg(config('org: { platformTeam: core, prune: true }\n'), [{ ...components[1]!, owner: 'core' }, components[0]!], facts);
    expect(planOrg(pruneFresh, current()).changes.map(describeChange)).toEqual(['- member payments/zed', '- permission payments → acme/fresh: push (removed)']);
  });

  it('refuses a platform team that is not a team', () => {
    expect(() => desiredOrg(config('org: { platformTeam: nobody }\n'), components, facts)).toThrow(/org\.platformTeam: 'nobody' is not a team/);
  });
});
