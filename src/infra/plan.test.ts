import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { moduleSource, type ModuleVersions } from './modules.js';
import { planInfra } from './plan.js';
import { renderInfra } from './render.js';

const VERSIONS: ModuleVersions = { network: '1.2.0', cluster: '2.0.1', addons: '1.4.0', newrelic: '1.0.0' };

const config = (extra = '', forge = 'forge: { kind: github }') =>
  parseConfig(`apiVersion: paved/v1
organisation: acme
${forge}
teams: [{ name: search }, { name: payments, idpGroup: acme-payments }, { name: default }]
environments: [{ name: prod }]
clusters:
  - { name: prod-cn, environment: prod, account: "111111111111", region: cn-north-1, apiServer: "https://prod.example", baseDomain: acme.example }
infra:
  argocdCluster: prod-cn
  teamRoleName: teams/{team}-developers
  accounts:
    - name: china
      id: "111111111111"
      deployRoleArn: arn:aws-cn:iam::111111111111:role/paved-deploy
      stateRegion: cn-north-1
      regions: [{ name: cn-north-1, vpcCidr: 10.0.0.0/16 }, { name: cn-northwest-1, vpcCidr: 10.1.0.0/16 }]
${extra}`);

describe('planInfra', () => {
  it('refuses a paved.yaml without an infra section, naming the key', () => {
    const bare = parseConfig('apiVersion: paved/v1\norganisation: acme\n');
    expect(() => planInfra(bare, VERSIONS)).toThrow(/^paved\.yaml has no infra section; add infra\.accounts/);
    expect(() => planInfra(bare, VERSIONS)).toThrow(expect.objectContaining({ code: 'input', details: { key: 'infra' } }));
  });

  it("gives every team with a namespace an editor's access entry there, in the account's partition", () => {
    const plan = planInfra(config(), VERSIONS);
    const [cluster] = plan.clusters;
    expect(cluster!.teamAccess).toEqual([
      { team: 'payments', principalArn: 'arn:aws-cn:iam::111111111111:role/teams/payments-developers', namespaces: ['payments'], kubernetesGroups: ['acme-payments'] },
      { team: 'search', principalArn: 'arn:aws-cn:iam::111111111111:role/teams/search-developers', namespaces: ['search'], kubernetesGroups: [] },
    ]);
    expect(plan.warnings).toContainEqual(expect.stringMatching(/^team 'default' gets no access entry: it cannot have a namespace \('default' is Kubernetes' default namespace\)/));
    expect(plan.hub).toEqual({ cluster: 'prod-cn', roleArn: 'arn:aws-cn:iam::111111111111:role/prod-cn-argocd-controller' });
    expect(cluster!.managerRoleArn).toBe('arn:aws-cn:iam::111111111111:role/prod-cn-argocd-manager');
  });

  it('keeps each account\'s state in its own bucket, one key per region; a region without clusters gets its VPC only', () => {
    const { plan, files } = renderInfra(config(), VERSIONS);
    expect(plan.roots.map((r) => [r.dir, r.state, r.clusters.map((c) => c.name)])).toEqual([
      ['terraform/china/cn-north-1', { bucket: 'acme-tfstate-111111111111', key: 'paved/china/cn-north-1/terraform.tfstate', region: 'cn-north-1', roleArn: 'arn:aws-cn:iam::111111111111:role/paved-deploy' }, ['prod-cn']],
      ['terraform/china/cn-northwest-1', { bucket: 'acme-tfstate-111111111111', key: 'paved/china/cn-northwest-1/terraform.tfstate', region: 'cn-north-1', roleArn: 'arn:aws-cn:iam::111111111111:role/paved-deploy' }, []],
    ]);
    expect(plan.warnings).toContain("terraform/china/cn-northwest-1 holds a VPC but no cluster: no cluster in paved.yaml runs in account 'china', region cn-northwest-1");
    const vpcOnly = files.find((f) => f.path === 'terraform/china/cn-northwest-1/main.tf')!.content;
    expect(vpcOnly).toContain('module "network"');
    expect(vpcOnly).not.toContain('module "cluster_');
    expect(files.find((f) => f.path === 'terraform/china/cn-northwest-1/versions.tf')!.content).not.toContain('helm');
  });

  it('renders no NewRelic root without destinations, and one with the hub account\'s state with them', () => {
    expect(planInfra(config(), VERSIONS).newrelic).toBeUndefined();
    const withNewRelic = parseConfig(
      `apiVersion: paved/v1\norganisation: acme\nobservability: { newrelic: { accountId: 42, region: eu } }\nenvironments: [{ name: prod }]\nclusters: [{ name: p, environment: prod, account: "111111111111", region: eu-west-1, apiServer: "https://p.example", baseDomain: acme.example }]\ninfra:\n  argocdCluster: p\n  accounts: [{ name: a, id: "111111111111", deployRoleArn: "arn:aws:iam::111111111111:role/d", regions: [{ name: eu-west-1, vpcCidr: 10.0.0.0/16 }] }]\n  newrelic: { destinations: [{ name: hook, type: webhook, url: "https://hooks.acme.example/nr" }] }\n`,
    );
    const plan = planInfra(withNewRelic, VERSIONS);
    expect(plan.newrelic).toMatchObject({ dir: 'terraform/newrelic', accountId: 42, region: 'eu', state: { bucket: 'acme-tfstate-111111111111', key: 'paved/newrelic/terraform.tfstate', region: 'eu-west-1' } });
    const main = renderInfra(withNewRelic, VERSIONS).files.find((f) => f.path === 'terraform/newrelic/main.tf')!.content;
    expect(main).toContain('url        = "https://hooks.acme.example/nr"');
  });
});

describe('moduleSource', () => {
  it('points at the module\'s repository on the forge, at its release tag, or wherever infra.moduleSource says', () => {
    expect(moduleSource(config(), 'cluster', VERSIONS)).toBe('git::https://github.com/acme/terraform-cluster.git?ref=v2.0.1');
    expect(moduleSource(config('', 'forge: { kind: github, url: "https://ghe.acme.example/api/v3" }'), 'addons', VERSIONS)).toBe('git::https://ghe.acme.example/acme/terraform-addons.git?ref=v1.4.0');
    expect(moduleSource(config('', 'forge: { kind: local, url: "http://127.0.0.1:7070/" }'), 'network', VERSIONS)).toBe('git::http://127.0.0.1:7070/acme/terraform-network.git?ref=v1.2.0');
    const custom = config('  moduleSource: "git::ssh://git@github.com/acme/infra-modules.git//{module}?ref={module}-v{version}"\n');
    expect(moduleSource(custom, 'newrelic', VERSIONS)).toBe('git::ssh://git@github.com/acme/infra-modules.git//newrelic?ref=newrelic-v1.0.0');
  });
});
