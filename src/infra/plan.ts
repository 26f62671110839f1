/**
 * What `paved infra render` will write, as data: one root module per account × region (its state,
 * its provider role, its VPC and the clusters of `clusters[]` that live there, with each team's
 * access), the NewRelic root, and the hub that registers every cluster with ArgoCD. Pure: sorted
 * by name everywhere, so the same paved.yaml always gives the same plan.
 */
import type { ClusterConfig, InfraAccount, InfraRegion, NewRelicDestination, PlatformConfig } from '../config/index.js';
import { InputError } from '../errors.js';
import { namespaceNameProblem } from '../namespace/index.js';
import { argocdHubRoleName, argocdManagerRoleName, arnParts, moduleSource, roleArn, TERRAFORM_MODULES, type ModuleVersions, type TerraformModule } from './modules.js';

export interface TeamAccess {
  team: string;
  /** The IAM role the team's people assume in the cluster's account. */
  principalArn: string;
  namespaces: string[];
  /** The team's idpGroup, so the RoleBinding `paved namespace` renders matches this principal too. */
  kubernetesGroups: string[];
}

export interface SystemNodes {
  instanceTypes?: string[];
  min?: number;
  max?: number;
  desired?: number;
}

export interface ClusterPlan {
  name: string;
  environment: string;
  account: string;
  accountId: string;
  region: string;
  apiServer: string;
  baseDomain: string;
  kubernetesVersion: string;
  systemNodes?: SystemNodes;
  publicAccessCidrs?: string[];
  teamAccess: TeamAccess[];
  adminRoleArns: string[];
  /** Whether ArgoCD runs here (infra.argocdCluster). */
  hub: boolean;
  /** The role ArgoCD assumes to deploy here; its cluster Secret names it. */
  managerRoleArn: string;
  caData?: string;
}

export interface StateBackend {
  bucket: string;
  key: string;
  region: string;
  /** The account's deploy role: each account's state stays in that account. */
  roleArn: string;
}

export interface AccountRef {
  name: string;
  id: string;
  partition: string;
  deployRoleArn: string;
}

export interface RootPlan {
  /** Relative to the output folder: `terraform/<account>/<region>`. */
  dir: string;
  account: AccountRef;
  region: InfraRegion;
  state: StateBackend;
  clusters: ClusterPlan[];
}

export interface NewRelicRootPlan {
  dir: string;
  accountId: number;
  region: 'us' | 'eu';
  state: StateBackend;
  destinations: NewRelicDestination[];
}

export interface InfraPlan {
  organisation: string;
  /** Each shipped module's source at its released version. */
  sources: Record<TerraformModule, string>;
  /** The cluster running ArgoCD and the role its controllers use. */
  hub: { cluster: string; roleArn: string };
  roots: RootPlan[];
  newrelic?: NewRelicRootPlan;
  /** Every cluster, by name. */
  clusters: ClusterPlan[];
  warnings: string[];
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function accountRef(account: InfraAccount): AccountRef {
  return { name: account.name, id: account.id, partition: arnParts(account.deployRoleArn).partition, deployRoleArn: account.deployRoleArn };
}

function stateOf(config: PlatformConfig, account: InfraAccount, key: string): StateBackend {
  return {
    bucket: account.stateBucket ?? `${config.organisation}-tfstate-${account.id}`,
    key,
    // The config check requires stateRegion when there are several regions.
    region: account.stateRegion ?? account.regions[0]!.name,
    roleArn: account.deployRoleArn,
  };
}

export function planInfra(config: PlatformConfig, versions: ModuleVersions): InfraPlan {
  const infra = config.infra;
  if (!infra) throw new InputError("paved.yaml has no infra section; add infra.accounts (with ids, deploy roles and regions) and infra.argocdCluster, see docs/infra.md", { key: 'infra' });
  const warnings: string[] = [];
  const accounts = [...infra.accounts].sort(byName);
  const accountOf = (cluster: ClusterConfig) => accounts.find((a) => a.id === cluster.account)!;

  const teams = [...config.teams].sort(byName).filter((team) => {
    const problem = namespaceNameProblem(team.name);
    if (problem) warnings.push(`team '${team.name}' gets no access entry: it cannot have a namespace (${problem}); rename the team in paved.yaml`);
    return !problem;
  });

  const hubCluster = config.clusters.find((c) => c.name === infra.argocdCluster)!;
  const hubAccount = accountRef(accountOf(hubCluster));
  const hub = { cluster: hubCluster.name, roleArn: roleArn(hubAccount.partition, hubAccount.id, argocdHubRoleName(hubCluster.name)) };

  const clusters: ClusterPlan[] = [...config.clusters].sort(byName).map((cluster) => {
    const account = accountRef(accountOf(cluster));
    const settings = infra.clusters.find((c) => c.name === cluster.name);
    const plan: ClusterPlan = {
      name: cluster.name,
      environment: cluster.environment,
      account: account.name,
      accountId: account.id,
      region: cluster.region,
      apiServer: cluster.apiServer,
      baseDomain: cluster.baseDomain,
      kubernetesVersion: settings?.kubernetesVersion ?? '1.31',
      teamAccess: teams.map((team) => ({
        team: team.name,
        principalArn: roleArn(account.partition, account.id, infra.teamRoleName.replaceAll('{team}', team.name)),
        namespaces: [team.name],
        kubernetesGroups: team.idpGroup ? [team.idpGroup] : [],
      })),
      adminRoleArns: [...new Set(accountOf(cluster).adminRoleArns)].sort(),
      hub: cluster.name === hub.cluster,
      managerRoleArn: roleArn(account.partition, account.id, argocdManagerRoleName(cluster.name)),
    };
    if (settings?.systemNodes) plan.systemNodes = settings.systemNodes;
    if (settings?.publicAccessCidrs) plan.publicAccessCidrs = settings.publicAccessCidrs;
    if (settings?.caData) plan.caData = settings.caData;
    else warnings.push(`cluster '${cluster.name}' is not registered with ArgoCD yet: it has no CA; after its first apply, set infra.clusters[].caData to 'terraform output -raw ${cluster.name.replaceAll('-', '_')}_certificate_authority_data' and clusters[].apiServer to its endpoint`);
    return plan;
  });

  const roots: RootPlan[] = accounts.flatMap((account) =>
    [...account.regions].sort(byName).map((region) => ({
      dir: `terraform/${account.name}/${region.name}`,
      account: accountRef(account),
      region,
      state: stateOf(config, account, `paved/${account.name}/${region.name}/terraform.tfstate`),
      clusters: clusters.filter((c) => c.accountId === account.id && c.region === region.name),
    })),
  );
  for (const root of roots) if (root.clusters.length === 0) warnings.push(`${root.dir} holds a VPC but no cluster: no cluster in paved.yaml runs in account '${root.account.name}', region ${root.region.name}`);

  const plan: InfraPlan = {
    organisation: config.organisation,
    sources: Object.fromEntries(TERRAFORM_MODULES.map((m) => [m, moduleSource(config, m, versions)])) as Record<TerraformModule, string>,
    hub,
    roots,
    clusters,
    warnings,
  };
  const newrelic = config.observability.newrelic;
  if (infra.newrelic && newrelic) {
    // Account-level settings have no account or region of their own: their state lives with the hub's.
    plan.newrelic = {
      dir: 'terraform/newrelic',
      accountId: newrelic.accountId,
      region: newrelic.region,
      state: stateOf(config, accountOf(hubCluster), 'paved/newrelic/terraform.tfstate'),
      destinations: [...infra.newrelic.destinations].sort(byName),
    };
  }
  return plan;
}
