import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { toYaml, validateObjects, type K8sObject } from '../deploy/k8s.js';
import { DEFAULT_CONFIG } from '../platform/init.js';
import { renderTeamNamespace, renderTeamNamespaces } from './render.js';

const GOLDEN = fileURLToPath(new URL('./__golden__/', import.meta.url));
const GITOPS = 'http://127.0.0.1:7070/acme/gitops.git';
/** Chart repositories for one team, so the golden files show what they look like. */
const CHARTS: Record<string, string[]> = { payments: ['https://charts.acme.example/payments'] };

/** Every file `paved namespace create` would write for every team of the default paved.yaml, path → bytes. */
function renderAll(text = DEFAULT_CONFIG): Map<string, string> {
  const config = parseConfig(text);
  const out = new Map<string, string>();
  for (const team of config.teams) {
    for (const file of renderTeamNamespaces(config, { team: team.name, gitopsRepoUrl: GITOPS, chartRepositories: CHARTS[team.name] }).files) out.set(file.path, toYaml(file.objects));
  }
  return out;
}

function goldenFiles(): string[] {
  if (!existsSync(GOLDEN)) return [];
  return readdirSync(GOLDEN, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(GOLDEN, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

describe('team namespaces', () => {
  it('render the golden files (regenerate with PAVED_UPDATE_GOLDEN=1 npx vitest run src/namespace, then review the diff)', () => {
    const rendered = renderAll();
    if (process.env.PAVED_UPDATE_GOLDEN === '1') {
      rmSync(GOLDEN, { recursive: true, force: true });
      for (const [file, text] of rendered) {
        mkdirSync(path.dirname(path.join(GOLDEN, file)), { recursive: true });
        writeFileSync(path.join(GOLDEN, file), text);
      }
    }
    const hint = 'if the change is intended, run PAVED_UPDATE_GOLDEN=1 npx vitest run src/namespace and review the diff of src/namespace/__golden__';
    expect(goldenFiles(), `the rendered files and the golden files differ in names; ${hint}`).toEqual([...rendered.keys()].sort());
    for (const [file, text] of rendered) expect(text, `${file} differs from its golden file; ${hint}`).toBe(readFileSync(path.join(GOLDEN, file), 'utf8'));
  });

  it('lays files out per cluster and one AppProject per team', () => {
    expect([...renderAll().keys()]).toEqual([
      'clusters/dev-euw1/namespaces/payments.yaml',
      'clusters/staging-euw1/namespaces/payments.yaml',
      'clusters/prod-euw1/namespaces/payments.yaml',
      'clusters/prod-use1/namespaces/payments.yaml',
      'argocd/projects/payments.yaml',
      'clusters/dev-euw1/namespaces/platform.yaml',
      'clusters/staging-euw1/namespaces/platform.yaml',
      'clusters/prod-euw1/namespaces/platform.yaml',
      'clusters/prod-use1/namespaces/platform.yaml',
      'argocd/projects/platform.yaml',
    ]);
    const config = parseConfig(DEFAULT_CONFIG);
    const prod = renderTeamNamespaces(config, { team: 'payments', environment: 'prod', gitopsRepoUrl: GITOPS });
    expect(prod.files.map((f) => f.path)).toEqual(['clusters/prod-euw1/namespaces/payments.yaml', 'clusters/prod-use1/namespaces/payments.yaml', 'argocd/projects/payments.yaml']);
    // The AppProject does not depend on --env: creating dev after prod must not take prod away.
    const dev = renderTeamNamespaces(config, { team: 'payments', environment: 'dev', gitopsRepoUrl: GITOPS });
    expect(toYaml(dev.files.at(-1)!.objects)).toBe(toYaml(prod.files.at(-1)!.objects));
  });

  it('renders every kind, and every object passes its official schema', () => {
    const config = parseConfig(DEFAULT_CONFIG);
    const objects = config.teams.flatMap((team) => renderTeamNamespaces(config, { team: team.name, gitopsRepoUrl: GITOPS }).files.flatMap((f) => f.objects));
    expect(new Set(objects.map((o) => `${o.apiVersion} ${o.kind}`))).toEqual(
      new Set(['v1 Namespace', 'v1 ResourceQuota', 'v1 LimitRange', 'rbac.authorization.k8s.io/v1 RoleBinding', 'networking.k8s.io/v1 NetworkPolicy', 'argoproj.io/v1alpha1 AppProject']),
    );
    expect(validateObjects(objects)).toEqual([]);
    // Not vacuous: the same check finds a broken object of each kind.
    for (const object of objects) {
      const broken = { ...structuredClone(object), metadata: { ...object.metadata, labels: { broken: 1 } } } as unknown as K8sObject;
      expect(validateObjects([broken]).length, `${object.kind} ${object.metadata.name}`).toBeGreaterThan(0);
    }
  });

  it('renders the same bytes twice: creating a namespace again changes nothing', () => {
    const first = renderAll();
    const again = renderAll();
    expect(again).toEqual(first);
    const config = parseConfig(DEFAULT_CONFIG);
    const before = structuredClone(config);
    renderTeamNamespaces(config, { team: 'platform', gitopsRepoUrl: GITOPS });
    expect(config, 'rendering leaves the config as it was').toEqual(before);
  });

  it('keeps every namespaced object in the team namespace and labels it', () => {
    const config = parseConfig(DEFAULT_CONFIG);
    for (const team of config.teams) {
      for (const cluster of config.clusters) {
        const [namespace, ...rest] = renderTeamNamespace(config, { team: team.name, cluster: cluster.name }).objects;
        expect(namespace).toMatchObject({ kind: 'Namespace', metadata: { name: team.name, labels: { 'app.kubernetes.io/managed-by': 'paved', 'paved.dev/team': team.name, 'paved.dev/environment': cluster.environment, 'paved.dev/cluster': cluster.name, 'pod-security.kubernetes.io/enforce': 'restricted' } } });
        for (const object of rest) expect(object.metadata, `${object.kind} ${object.metadata.name}`).toMatchObject({ namespace: team.name, labels: { 'app.kubernetes.io/managed-by': 'paved', 'paved.dev/team': team.name } });
      }
    }
  });

  it('binds only the team group to edit, and skips the binding with a warning when the team has none', () => {
    const config = parseConfig(`${DEFAULT_CONFIG}`.replace('teams:\n', 'teams:\n  - name: robots\n    description: CI only\n'));
    const payments = renderTeamNamespace(config, { team: 'payments', cluster: 'prod-euw1' });
    const bindings = payments.objects.filter((o) => o.kind === 'RoleBinding');
    expect(bindings).toEqual([expect.objectContaining({ roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'acme-payments' }] })]);
    expect(payments.warnings).toEqual([]);
    const robots = renderTeamNamespaces(config, { team: 'robots', gitopsRepoUrl: GITOPS });
    expect(robots.files.flatMap((f) => f.objects).filter((o) => o.kind === 'RoleBinding')).toEqual([]);
    expect((robots.files.at(-1)!.objects[0]!.spec as Record<string, unknown>).roles).toBeUndefined();
    expect(robots.warnings).toEqual([
      "team 'robots' has no idpGroup, so its namespaces get no RoleBinding and its AppProject no role: only the platform can reach them; set teams[].idpGroup in paved.yaml to give the team access",
    ]);
  });

  it('denies all traffic, then allows the same namespace, labelled ingress namespaces, DNS and HTTPS out', () => {
    const config = parseConfig(DEFAULT_CONFIG);
    const policies = renderTeamNamespace(config, { team: 'payments', cluster: 'dev-euw1' }).objects.filter((o) => o.kind === 'NetworkPolicy');
    expect(policies.map((p) => p.metadata.name)).toEqual(['paved-default-deny', 'paved-allow-same-namespace', 'paved-allow-ingress', 'paved-allow-dns', 'paved-allow-https-egress']);
    expect(policies[0]!.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    // Nothing admits another team namespace by name or every namespace by an empty selector.
    const text = toYaml(policies);
    expect(text).not.toMatch(/namespaceSelector: \{\}/);
    expect(text).not.toContain('platform');
  });
});
