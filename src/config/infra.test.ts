import { describe, expect, it } from 'vitest';
import { cidrsOverlap, parseCidr } from './infra.js';
import { parseConfig } from './load.js';

const base = `apiVersion: paved/v1
organisation: acme
teams: [{ name: payments }]
environments: [{ name: dev }, { name: prod }]
clusters:
  - { name: dev-euw1, environment: dev, account: "111111111111", region: eu-west-1, apiServer: "https://dev.example", baseDomain: dev.acme.example }
  - { name: prod-euw1, environment: prod, account: "222222222222", region: eu-west-1, apiServer: "https://prod.example", baseDomain: acme.example }
`;

const infra = `infra:
  argocdCluster: prod-euw1
  accounts:
    - name: nonprod
      id: "111111111111"
      deployRoleArn: arn:aws:iam::111111111111:role/paved-deploy
      regions: [{ name: eu-west-1, vpcCidr: 10.10.0.0/16 }]
    - name: prod
      id: "222222222222"
      deployRoleArn: arn:aws:iam::222222222222:role/paved-deploy
      regions: [{ name: eu-west-1, vpcCidr: 10.20.0.0/16 }]
`;

describe("paved.yaml's infra section", () => {
  it('is optional, and fills in its defaults', () => {
    expect(parseConfig(base).infra).toBeUndefined();
    const config = parseConfig(base + infra + '  clusters: [{ name: dev-euw1 }, { name: prod-euw1, kubernetesVersion: 1.32 }]\n');
    expect(config.infra!.clusters[1]!.kubernetesVersion).toBe('1.32');
    expect(config.infra).toMatchObject({ teamRoleName: 'paved-team-{team}', clusters: [{ name: 'dev-euw1', kubernetesVersion: '1.31' }, { name: 'prod-euw1' }] });
    expect(config.infra!.accounts[0]).toMatchObject({ adminRoleArns: [], regions: [{ name: 'eu-west-1', vpcCidr: '10.10.0.0/16', availabilityZones: 3, singleNatGateway: false }] });
  });

  it.each([
    ['a cluster in an account infra does not list', (t: string) => t.replace('"222222222222", region', '"333333333333", region'), "paved.yaml: clusters[1].account: '333333333333' is not an account under infra.accounts; add it there with its deployRoleArn and regions"],
    ['a cluster in a region its account does not list', (t: string) => t.replace('"222222222222", region: eu-west-1', '"222222222222", region: us-east-1'), "paved.yaml: clusters[1].region: 'us-east-1' is not a region of account 'prod'; add it under infra.accounts[1].regions with its vpcCidr"],
    ['a deploy role of another account', (t: string) => t.replace('iam::222222222222:role', 'iam::111111111111:role'), "paved.yaml: infra.accounts[1].deployRoleArn: the role is in account 111111111111, not 222222222222; use the deploy role of account 'prod'"],
    ['overlapping VPC ranges', (t: string) => t.replace('10.20.0.0/16', '10.10.128.0/17'), 'paved.yaml: infra.accounts[1].regions[0].vpcCidr: 10.10.128.0/17 overlaps 10.10.0.0/16 of infra.accounts[0].regions[0]; give every account and region its own range'],
    ['a VPC range too small', (t: string) => t.replace('10.20.0.0/16', '10.20.0.0/24'), "paved.yaml: infra.accounts[1].regions[0].vpcCidr: expected an IPv4 network from /16 to /20 such as '10.10.0.0/16', got '10.20.0.0/24'"],
    ['a VPC range not on its boundary', (t: string) => t.replace('10.20.0.0/16', '10.20.1.0/16'), /vpcCidr: expected an IPv4 network from \/16 to \/20/],
    ['a Kubernetes version YAML reads as a number', (t: string) => `${t}  clusters: [{ name: dev-euw1, kubernetesVersion: 1.30 }]\n`, "paved.yaml: infra.clusters[0].kubernetesVersion: expected a Kubernetes minor version such as '1.31' (quote it in YAML: 1.30 unquoted is the number 1.3), got 1.3"],
    ['a hub that is not a cluster', (t: string) => t.replace('argocdCluster: prod-euw1', 'argocdCluster: prod-use1'), "paved.yaml: infra.argocdCluster: 'prod-use1' is not a cluster; use one of: dev-euw1, prod-euw1"],
    ['settings for a cluster that does not exist', (t: string) => `${t}  clusters: [{ name: prod-use1 }]\n`, "paved.yaml: infra.clusters[0].name: 'prod-use1' is not a cluster; infra.clusters only adds settings to clusters[]: use one of: dev-euw1, prod-euw1"],
    ['settings for a cluster twice', (t: string) => `${t}  clusters: [{ name: dev-euw1 }, { name: dev-euw1 }]\n`, "paved.yaml: infra.clusters[1].name: 'dev-euw1' appears twice; give each cluster's settings once"],
    ['system nodes that cannot be', (t: string) => `${t}  clusters: [{ name: dev-euw1, systemNodes: { min: 3 } }]\n`, 'paved.yaml: infra.clusters[0].systemNodes: needs min <= desired <= max, got min 3, desired 2, max 4 (defaults 2, 2, 4)'],
    ['an account twice', (t: string) => t.replace('name: prod\n', 'name: nonprod\n'), "paved.yaml: infra.accounts[1].name: 'nonprod' appears twice; account names must be unique"],
    ['an account id twice', (t: string) => t.replace('id: "222222222222"', 'id: "111111111111"').replace('iam::222222222222:role', 'iam::111111111111:role'), "paved.yaml: infra.accounts[1].id: '111111111111' is also infra.accounts[0]; list each account once"],
    ['several regions and no state region', (t: string) => t.replace('regions: [{ name: eu-west-1, vpcCidr: 10.20.0.0/16 }]', 'regions: [{ name: eu-west-1, vpcCidr: 10.20.0.0/16 }, { name: us-east-1, vpcCidr: 10.21.0.0/16 }]'), /^paved\.yaml: infra\.accounts\[1\]\.stateRegion: missing; account 'prod' has several regions/],
    ['a misspelt key', (t: string) => t.replace('  accounts:', '  acounts: []\n  accounts:'), "paved.yaml: infra: unknown key 'acounts'; remove it or check the spelling"],
    ['an account id YAML read as a number and lost its leading 0', (t: string) => t.replace('id: "222222222222"', 'id: 022222222222'), 'paved.yaml: infra.accounts[1].id: expected a 12-digit AWS account id (quote it in YAML: a leading 0 is lost otherwise), got 22222222222'],
    ['a team role name without {team}', (t: string) => t.replace('  accounts:', '  teamRoleName: developers\n  accounts:'), /^paved\.yaml: infra\.teamRoleName: expected a role name \(or path\/name\) holding '\{team\}'/],
    ['NewRelic destinations without a NewRelic account', (t: string) => `${t}  newrelic: { destinations: [{ name: ops, type: email, emails: [ops@acme.example] }] }\n`, 'paved.yaml: infra.newrelic: needs the NewRelic account: set observability.newrelic.accountId'],
    ['an email destination without addresses', (t: string) => `observability: { newrelic: { accountId: 1 } }\n${t}  newrelic: { destinations: [{ name: ops, type: email }] }\n`, 'paved.yaml: infra.newrelic.destinations[0].emails: an email destination needs at least one address'],
    ['a webhook over http', (t: string) => `observability: { newrelic: { accountId: 1 } }\n${t}  newrelic: { destinations: [{ name: ops, type: webhook, url: "http://hooks.acme.example" }] }\n`, /^paved\.yaml: infra\.newrelic\.destinations\[0\]\.url: /],
  ])('refuses %s, naming the key', (_what, change, message) => {
    const text = change(base + infra);
    expect(() => parseConfig(text)).toThrow(message);
    try {
      parseConfig(text);
    } catch (error) {
      expect(error).toMatchObject({ code: 'input' });
    }
  });

  it('tells CIDRs apart', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ base: 10 * 2 ** 24, prefix: 8 });
    expect(parseCidr('10.0.0.256/24')).toBeUndefined();
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(cidrsOverlap('10.10.0.0/16', '10.10.255.0/24')).toBe(true);
    expect(cidrsOverlap('10.10.0.0/16', '10.11.0.0/16')).toBe(false);
  });
});
