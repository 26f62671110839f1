import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import type { K8sObject } from '../deploy/k8s.js';
import { DEFAULT_CONFIG } from '../platform/init.js';
import { PLATFORM_OWNED_KINDS, renderAppProject } from './app-project.js';
import { renderTeamNamespace, renderTeamNamespaces } from './render.js';

const GITOPS = 'http://127.0.0.1:7070/acme/gitops.git';

interface ProjectSpec {
  sourceRepos: string[];
  destinations: Array<{ server?: string; name?: string; namespace?: string }>;
  clusterResourceWhitelist: unknown[];
  namespaceResourceBlacklist: Array<{ group: string; kind: string }>;
  orphanedResources: { warn: boolean };
  roles?: Array<{ name: string; groups: string[]; policies: string[] }>;
}

const spec = (project: K8sObject): ProjectSpec => project.spec as ProjectSpec;

/** The default config plus teams whose names are prefixes of each other, where a careless pattern would leak. */
const MANY_TEAMS = DEFAULT_CONFIG.replace('teams:\n', 'teams:\n  - name: pay\n    idpGroup: acme-pay\n  - name: payments-eu\n  - name: plat\n    idpGroup: acme-plat\n');

describe('a team AppProject', () => {
  it.each([['the default config', DEFAULT_CONFIG], ['teams named like prefixes of each other', MANY_TEAMS]])('never grants another team namespace (%s)', (_, text) => {
    const config = parseConfig(text);
    expect(config.teams.length).toBeGreaterThanOrEqual(2);
    const servers = config.clusters.map((c) => c.apiServer);
    for (const team of config.teams) {
      const project = renderTeamNamespaces(config, { team: team.name, gitopsRepoUrl: GITOPS }).files.at(-1)!.objects[0]!;
      expect(project).toMatchObject({ kind: 'AppProject', metadata: { name: team.name, namespace: 'argocd' } });
      const destinations = spec(project).destinations;
      // Exactly the team's namespace on every cluster, once each, and by exact value.
      expect(destinations).toEqual(servers.map((server) => ({ server, namespace: team.name })));
      for (const destination of destinations) {
        for (const other of config.teams.filter((t) => t !== team)) expect(destination.namespace).not.toBe(other.name);
        expect(`${destination.server} ${destination.namespace}`).not.toMatch(/[*?[\]!]/);
        expect(destination.name).toBeUndefined();
      }
      // Per cluster, the namespace the objects land in is the one the project grants there.
      for (const cluster of config.clusters) {
        const namespaced = renderTeamNamespace(config, { team: team.name, cluster: cluster.name }).objects.filter((o) => o.kind !== 'Namespace');
        for (const object of namespaced) expect(destinations).toContainEqual({ server: cluster.apiServer, namespace: object.metadata.namespace });
      }
    }
  });

  it('allows nothing cluster-scoped and none of the kinds the platform renders into the namespace', () => {
    const config = parseConfig(DEFAULT_CONFIG);
    const project = spec(renderAppProject(config, 'payments', { gitopsRepoUrl: GITOPS }));
    expect(project.clusterResourceWhitelist).toEqual([]);
    expect(project.orphanedResources).toEqual({ warn: true });
    const denied = new Set(project.namespaceResourceBlacklist.map((k) => `${k.group}/${k.kind}`));
    expect(denied).toEqual(new Set(PLATFORM_OWNED_KINDS.map((k) => `${k.group}/${k.kind}`)));
    for (const required of ['/ResourceQuota', '/LimitRange', 'networking.k8s.io/NetworkPolicy', 'rbac.authorization.k8s.io/RoleBinding', 'rbac.authorization.k8s.io/Role']) expect(denied).toContain(required);
    const rendered = renderTeamNamespace(config, { team: 'payments', cluster: 'prod-euw1' }).objects.filter((o) => o.kind !== 'Namespace');
    for (const object of rendered) {
      const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
      expect(denied, `${object.kind} is platform-owned, so the team's Applications may not touch it`).toContain(`${group}/${object.kind}`);
    }
  });

  it('lists the GitOps repository, then the team chart repositories sorted and once each', () => {
    const config = parseConfig(DEFAULT_CONFIG);
    const project = renderAppProject(config, 'payments', {
      gitopsRepoUrl: GITOPS,
      chartRepositories: ['https://charts.acme.example/z', 'ghcr.io/acme/charts', 'https://charts.acme.example/z', GITOPS],
    });
    expect(spec(project).sourceRepos).toEqual([GITOPS, 'ghcr.io/acme/charts', 'https://charts.acme.example/z']);
  });

  it.each([
    [{ gitopsRepoUrl: '*' }, "the GitOps repository URL '*' is a pattern or has spaces; a team's AppProject lists each repository by its exact URL"],
    [{ gitopsRepoUrl: ' ' }, 'the GitOps repository URL is empty; give the repository URL as ArgoCD clones it'],
    [{ gitopsRepoUrl: GITOPS, chartRepositories: ['https://charts.acme.example/*'] }, "a chart repository URL 'https://charts.acme.example/*' is a pattern or has spaces"],
    [{ gitopsRepoUrl: GITOPS, chartRepositories: ['!https://github.com/acme/x'] }, "a chart repository URL '!https://github.com/acme/x' is a pattern or has spaces"],
  ])('refuses repositories given as patterns: %j', (options, message) => {
    expect(() => renderAppProject(parseConfig(DEFAULT_CONFIG), 'payments', options)).toThrow(message);
  });

  it('gives the team group a project role that can see and sync, nothing more', () => {
    const roles = spec(renderAppProject(parseConfig(DEFAULT_CONFIG), 'payments', { gitopsRepoUrl: GITOPS })).roles;
    expect(roles).toEqual([
      expect.objectContaining({
        name: 'team',
        groups: ['acme-payments'],
        policies: ['p, proj:payments:team, applications, get, payments/*, allow', 'p, proj:payments:team, applications, sync, payments/*, allow'],
      }),
    ]);
  });

  it('refuses two clusters with one API server, which would make two destinations one', () => {
    const text = DEFAULT_CONFIG.replace('apiServer: "https://prod-use1.k8s.acme.example"', 'apiServer: "https://prod-euw1.k8s.acme.example"');
    expect(() => renderAppProject(parseConfig(text), 'payments', { gitopsRepoUrl: GITOPS })).toThrow(
      "clusters 'prod-euw1' and 'prod-use1' have the same apiServer https://prod-euw1.k8s.acme.example; each cluster needs its own in paved.yaml",
    );
  });
});
