import { describe, expect, it } from 'vitest';
import { parseConfig, type PlatformConfig } from '../config/index.js';
import { DEFAULT_CONFIG } from '../platform/init.js';
import { namespaceNameProblem, RESERVED_NAMESPACES } from './names.js';
import { renderTeamNamespace, renderTeamNamespaces } from './render.js';

const GITOPS = 'http://127.0.0.1:7070/acme/gitops.git';

function withTeam(name: string): PlatformConfig {
  return parseConfig(DEFAULT_CONFIG.replace('teams:\n', `teams:\n  - name: ${name}\n    idpGroup: acme-${name}\n`));
}

function refusal(action: () => unknown): { code: string; message: string } {
  try {
    action();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe('team namespace names', () => {
  it.each([
    ['kube-system', "'kube-system' is Kubernetes' system namespace"],
    ['kube-public', "'kube-public' is Kubernetes' public namespace"],
    ['kube-node-lease', "'kube-node-lease' is Kubernetes' node heartbeat namespace"],
    ['default', "'default' is Kubernetes' default namespace"],
    ['argocd', "'argocd' is ArgoCD's namespace"],
    ['external-secrets', "'external-secrets' is the External Secrets Operator's namespace"],
    ['karpenter', "'karpenter' is Karpenter's namespace"],
    ['kube-flannel', "'kube-flannel' starts with 'kube-', which Kubernetes keeps for itself"],
  ])('refuses a team named %s, with the reason', (name, reason) => {
    const config = withTeam(name);
    const error = refusal(() => renderTeamNamespace(config, { team: name, cluster: 'dev-euw1' }));
    expect(error).toMatchObject({ code: 'input', message: `team '${name}' cannot have a namespace: ${reason}; rename the team in paved.yaml` });
    expect(() => renderTeamNamespaces(config, { team: name, gitopsRepoUrl: GITOPS })).toThrow(reason);
  });

  it('covers every reserved namespace in the table and accepts names that only look alike', () => {
    for (const name of Object.keys(RESERVED_NAMESPACES)) expect(namespaceNameProblem(name)).toBeDefined();
    for (const name of ['kube', 'kubeflow', 'defaults', 'argocd-apps', 'a', 'x'.repeat(63)]) expect(namespaceNameProblem(name), name).toBeUndefined();
  });

  it('refuses names longer than 63 characters or not DNS labels, even when the config was not parsed', () => {
    expect(namespaceNameProblem('x'.repeat(64))).toBe(`'${'x'.repeat(64)}' is 64 characters long and a namespace name has at most 63`);
    expect(namespaceNameProblem('Payments')).toBe("'Payments' is not a DNS label (lowercase letters, digits and '-', starting and ending with a letter or digit)");
    const config = parseConfig(DEFAULT_CONFIG);
    const long = 'p'.repeat(64);
    const handMade: PlatformConfig = { ...config, teams: [...config.teams, { ...config.teams[0]!, name: long }] };
    expect(() => renderTeamNamespace(handMade, { team: long, cluster: 'dev-euw1' })).toThrow(`team '${long}' cannot have a namespace: '${long}' is 64 characters long and a namespace name has at most 63; rename the team in paved.yaml`);
  });

  it.each([
    [{ team: 'billing', cluster: 'dev-euw1' }, "unknown team 'billing'; expected one of: payments, platform"],
    [{ team: 'payments', cluster: 'dev-usw2' }, "unknown cluster 'dev-usw2'; expected one of: dev-euw1, staging-euw1, prod-euw1, prod-use1"],
  ])('refuses what paved.yaml does not define: %j', (options, message) => {
    expect(refusal(() => renderTeamNamespace(parseConfig(DEFAULT_CONFIG), options))).toMatchObject({ code: 'input', message });
  });

  it('refuses an unknown environment, and one without clusters', () => {
    const config = parseConfig(DEFAULT_CONFIG);
    expect(() => renderTeamNamespaces(config, { team: 'payments', environment: 'qa', gitopsRepoUrl: GITOPS })).toThrow("unknown environment 'qa'; expected one of: dev, staging, prod");
    const noQaCluster = parseConfig(DEFAULT_CONFIG.replace('environments:\n', 'environments:\n  - name: qa\n'));
    expect(() => renderTeamNamespaces(noQaCluster, { team: 'payments', environment: 'qa', gitopsRepoUrl: GITOPS })).toThrow(
      "environment 'qa' has no clusters, so there is nowhere to create namespace 'payments'; add a cluster under clusters in paved.yaml",
    );
    const bare = parseConfig('apiVersion: paved/v1\norganisation: acme\n');
    expect(() => renderTeamNamespace(bare, { team: 'payments', cluster: 'dev-euw1' })).toThrow("unknown team 'payments'; expected one of: (none: add one under teams in paved.yaml)");
  });
});
