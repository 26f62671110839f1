/**
 * paved.yaml's `infra` section: the cloud accounts and regions the clusters of `clusters` run in,
 * and what `paved infra render` needs beyond them (deploy roles, VPC ranges, per-cluster sizes).
 * Clusters are not declared again here: `clusters[]` stays the one list, and this section only
 * says where their accounts and regions are, so clusters, namespaces and apps cannot disagree.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';

const NAME = /^[a-z0-9](?:[a-z0-9-]{0,37}[a-z0-9])?$/;
const name = (what: string) => z.string().regex(NAME, `expected ${what} name: lowercase letters, digits and '-', at most 39 characters`);
const region = z.string().regex(/^[a-z]{2}(?:-gov)?-[a-z]+-\d$/, "expected a cloud region such as 'eu-west-1'");
/** A string YAML may have read as a number (`1.31`, `111111111111`): taken as written, then checked. */
const textual = (pattern: RegExp, message: string) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v))
    .pipe(z.string().regex(pattern, message));
const roleArn = z.string().regex(/^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, "expected an IAM role ARN such as 'arn:aws:iam::111111111111:role/paved-deploy'");

/** `a.b.c.d/n`, as numbers; undefined when it is not an IPv4 CIDR. */
export function parseCidr(text: string): { base: number; prefix: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const base = octets.reduce((n, o) => n * 256 + o, 0);
  return { base, prefix };
}

function cidrSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a)!;
  const y = parseCidr(b)!;
  return x.base < y.base + cidrSize(y.prefix) && y.base < x.base + cidrSize(x.prefix);
}

const vpcCidr = z.string().refine((v) => {
  const c = parseCidr(v);
  // The network module splits the range into quarters and eighths of a quarter; below /20 the
  // subnets would be too small for pods, which take VPC addresses.
  return c !== undefined && c.prefix >= 16 && c.prefix <= 20 && c.base % cidrSize(c.prefix) === 0;
}, "expected an IPv4 network from /16 to /20 such as '10.10.0.0/16'");
const anyCidr = z.string().refine((v) => parseCidr(v) !== undefined, "expected an IPv4 CIDR such as '203.0.113.0/24'");

export const InfraRegionSchema = z.strictObject({
  name: region,
  /** The VPC's range; never overlapping another account's or region's, so VPCs can be peered. */
  vpcCidr,
  availabilityZones: z.int().min(2).max(3).default(3),
  /** One NAT gateway for the whole VPC: cheaper, but a zone outage cuts the others' egress. */
  singleNatGateway: z.boolean().default(false),
});

export const InfraAccountSchema = z.strictObject({
  /** A short name for paths and Terraform identifiers: `terraform/<name>/<region>/`. */
  name: name('an account'),
  id: textual(/^\d{12}$/, 'expected a 12-digit AWS account id (quote it in YAML: a leading 0 is lost otherwise)'),
  /** The role Terraform assumes in this account (and the one that creates, so administers, its clusters). */
  deployRoleArn: roleArn,
  /** The S3 bucket of this account's Terraform state; `<organisation>-tfstate-<id>` unless given. */
  stateBucket: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name: lowercase letters, digits, dots and hyphens, 3 to 63 characters')
    .optional(),
  /** Where the state bucket is; needed once the account has several regions (the one region otherwise). */
  stateRegion: region.optional(),
  /** More roles that get cluster-admin on this account's clusters (the platform team's). */
  adminRoleArns: z.array(roleArn).default([]),
  regions: z.array(InfraRegionSchema).min(1, 'expected at least one region with its vpcCidr'),
});

export const InfraClusterSchema = z.strictObject({
  /** A cluster of `clusters[]`. */
  name: name('a cluster'),
  kubernetesVersion: textual(/^1\.\d{2}$/, "expected a Kubernetes minor version such as '1.31' (quote it in YAML: 1.30 unquoted is the number 1.3)").default('1.31'),
  systemNodes: z
    .strictObject({
      instanceTypes: z.array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "expected an EC2 instance type such as 'm6i.large'")).min(1).optional(),
      min: z.int().min(1).optional(),
      max: z.int().min(1).optional(),
      desired: z.int().min(1).optional(),
    })
    .optional(),
  /** Who may reach the public API endpoint (the hub's NAT addresses, the VPN); anyone with IAM rights unless given. */
  publicAccessCidrs: z.array(anyCidr).optional(),
  /**
   * The API server's CA (`terraform output <cluster>_certificate_authority_data` after the first
   * apply). ArgoCD cannot verify the cluster without it, so its cluster Secret waits for it.
   */
  caData: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64 (the certificate_authority_data output)').optional(),
});

export const NewRelicDestinationSchema = z.strictObject({
  name: name('a destination'),
  type: z.enum(['email', 'webhook', 'pagerduty']),
  emails: z.array(z.email()).default([]),
  url: z.url({ protocol: /^https$/, error: 'expected an https:// URL' }).optional(),
  priorities: z.array(z.enum(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'])).min(1).default(['CRITICAL']),
});

export const InfraSchema = z.strictObject({
  /** The cluster running ArgoCD (the hub) that deploys to every cluster, including itself. */
  argocdCluster: name('a cluster'),
  /** The IAM role of each team, per account: `{team}` is replaced by the team's name. */
  teamRoleName: z.string().regex(/^[\w+=,.@/-]*\{team\}[\w+=,.@/-]*$/, "expected a role name (or path/name) holding '{team}', such as 'paved-team-{team}'").default('paved-team-{team}'),
  /**
   * Where root modules fetch the shipped modules from: `{module}` and `{version}` are replaced.
   * Unless given, `git::<forge>/<organisation>/terraform-{module}.git?ref=v{version}`.
   */
  moduleSource: z.string().regex(/\{module\}/, "expected a module source holding '{module}' (and usually '{version}')").optional(),
  accounts: z.array(InfraAccountSchema).min(1, 'expected at least one account'),
  clusters: z.array(InfraClusterSchema).default([]),
  /** Account-level alert destinations in the NewRelic account of observability.newrelic. */
  newrelic: z.strictObject({ destinations: z.array(NewRelicDestinationSchema).min(1, 'expected at least one destination') }).optional(),
});

export type InfraConfig = z.infer<typeof InfraSchema>;
export type InfraAccount = z.infer<typeof InfraAccountSchema>;
export type InfraRegion = z.infer<typeof InfraRegionSchema>;
export type InfraCluster = z.infer<typeof InfraClusterSchema>;
export type NewRelicDestination = z.infer<typeof NewRelicDestinationSchema>;

/** What checkInfraReferences reads: the parts of the platform config the infra section refers to. */
interface Referenced {
  clusters: Array<{ name: string; account: string; region: string }>;
  observability: { newrelic?: unknown };
  infra?: InfraConfig;
}

function fail(shown: string, key: string, message: string): never {
  throw new InputError(`${shown}: ${key}: ${message}`, { key });
}

/**
 * What the schema cannot see: names unique, deploy roles in their own account, VPC ranges apart,
 * and every cluster's account and region declared here.
 */
export function checkInfraReferences(config: Referenced, shown: string): void {
  const infra = config.infra;
  if (!infra) return;
  const accountByName = new Map<string, number>();
  const accountById = new Map<string, number>();
  const networks: Array<{ cidr: string; key: string }> = [];
  infra.accounts.forEach((account, i) => {
    const at = `infra.accounts[${i}]`;
    if (accountByName.has(account.name)) fail(shown, `${at}.name`, `'${account.name}' appears twice; account names must be unique`);
    if (accountById.has(account.id)) fail(shown, `${at}.id`, `'${account.id}' is also infra.accounts[${accountById.get(account.id)}]; list each account once`);
    accountByName.set(account.name, i);
    accountById.set(account.id, i);
    const roleAccount = account.deployRoleArn.split(':')[4];
    if (roleAccount !== account.id) fail(shown, `${at}.deployRoleArn`, `the role is in account ${roleAccount}, not ${account.id}; use the deploy role of account '${account.name}'`);
    if (!account.stateRegion && account.regions.length > 1) {
      fail(shown, `${at}.stateRegion`, `missing; account '${account.name}' has several regions, so name the one holding its Terraform state bucket (it must not move when regions are added)`);
    }
    const regions = new Set<string>();
    account.regions.forEach((r, j) => {
      const key = `${at}.regions[${j}]`;
      if (regions.has(r.name)) fail(shown, `${key}.name`, `'${r.name}' appears twice in account '${account.name}'; one VPC per account and region`);
      regions.add(r.name);
      const clash = networks.find((n) => cidrsOverlap(n.cidr, r.vpcCidr));
      if (clash) fail(shown, `${key}.vpcCidr`, `${r.vpcCidr} overlaps ${clash.cidr} of ${clash.key}; give every account and region its own range`);
      networks.push({ cidr: r.vpcCidr, key });
    });
  });
  config.clusters.forEach((cluster, i) => {
    const index = accountById.get(cluster.account);
    if (index === undefined) fail(shown, `clusters[${i}].account`, `'${cluster.account}' is not an account under infra.accounts; add it there with its deployRoleArn and regions`);
    const account = infra.accounts[index]!;
    if (!account.regions.some((r) => r.name === cluster.region)) {
      fail(shown, `clusters[${i}].region`, `'${cluster.region}' is not a region of account '${account.name}'; add it under infra.accounts[${index}].regions with its vpcCidr`);
    }
  });
  const clusterNames = config.clusters.map((c) => c.name);
  const known = (n: string) => clusterNames.includes(n);
  const expected = clusterNames.join(', ') || '(none defined)';
  if (!known(infra.argocdCluster)) fail(shown, 'infra.argocdCluster', `'${infra.argocdCluster}' is not a cluster; use one of: ${expected}`);
  const settings = new Set<string>();
  infra.clusters.forEach((cluster, i) => {
    const at = `infra.clusters[${i}]`;
    if (!known(cluster.name)) fail(shown, `${at}.name`, `'${cluster.name}' is not a cluster; infra.clusters only adds settings to clusters[]: use one of: ${expected}`);
    if (settings.has(cluster.name)) fail(shown, `${at}.name`, `'${cluster.name}' appears twice; give each cluster's settings once`);
    settings.add(cluster.name);
    const nodes = cluster.systemNodes ?? {};
    const { min = 2, max = 4, desired = 2 } = nodes;
    if (!(min <= desired && desired <= max)) fail(shown, `${at}.systemNodes`, `needs min <= desired <= max, got min ${min}, desired ${desired}, max ${max} (defaults 2, 2, 4)`);
  });
  if (infra.newrelic) {
    if (!config.observability.newrelic) fail(shown, 'infra.newrelic', 'needs the NewRelic account: set observability.newrelic.accountId');
    const names = new Set<string>();
    infra.newrelic.destinations.forEach((d, i) => {
      const at = `infra.newrelic.destinations[${i}]`;
      if (names.has(d.name)) fail(shown, `${at}.name`, `'${d.name}' appears twice; destination names must be unique`);
      names.add(d.name);
      if (d.type === 'email' && d.emails.length === 0) fail(shown, `${at}.emails`, 'an email destination needs at least one address');
      if (d.type === 'webhook' && !d.url) fail(shown, `${at}.url`, 'a webhook destination needs its https:// url');
    });
  }
}
