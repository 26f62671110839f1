/**
 * The root module of one account × region as files: where its state is (backend.tf), which
 * providers and versions (versions.tf), the account's role and each cluster's API
 * (providers.tf), the calls into the shipped modules (main.tf) and what a person needs after an
 * apply (outputs.tf).
 */
import { RENDERED_HEADER } from '../deploy/tree.js';
import { attr, blank, block, comment, expr, hclFile, type BodyItem, type HclValue } from './hcl.js';
import type { ClusterPlan, InfraPlan, NewRelicRootPlan, RootPlan, StateBackend } from './plan.js';

export interface RenderedFile {
  /** Relative to the output folder, with '/'. */
  path: string;
  content: string;
}

/** The same constraints the shipped modules declare (test/infra/modules.test.ts holds them together). */
export const PROVIDERS = {
  aws: { source: 'hashicorp/aws', version: '~> 5.80' },
  tls: { source: 'hashicorp/tls', version: '~> 4.0' },
  helm: { source: 'hashicorp/helm', version: '~> 2.17' },
  kubectl: { source: 'alekc/kubectl', version: '~> 2.1' },
  newrelic: { source: 'newrelic/newrelic', version: '~> 3.50' },
} as const;

/** The S3 backend's lock file (no DynamoDB table) needs 1.10. */
export const ROOT_TERRAFORM_VERSION = '>= 1.10.0, < 2.0.0';

/** The header `paved infra render` prunes by: it deletes only files that carry it. */
export const INFRA_HEADER = `${RENDERED_HEADER} paved infra render, from paved.yaml; change paved.yaml and render again, not this file.`;
const HEADER = comment(INFRA_HEADER.replace(/^# /, ''));

/** A Terraform identifier from a Paved name (`prod-euw1` → `prod_euw1`). */
export const identifier = (name: string): string => name.replaceAll('-', '_');

function versionsFile(providers: Array<keyof typeof PROVIDERS>): string {
  return hclFile([
    HEADER,
    block('terraform', [], [
      attr('required_version', ROOT_TERRAFORM_VERSION),
      blank,
      block('required_providers', [], providers.map((p) => attr(p, { ...PROVIDERS[p] }))),
    ]),
  ]);
}

function backendFile(state: StateBackend): string {
  return hclFile([
    HEADER,
    block('terraform', [], [
      block('backend', ['s3'], [
        attr('bucket', state.bucket),
        attr('key', state.key),
        attr('region', state.region),
        attr('encrypt', true),
        attr('use_lockfile', true),
        attr('assume_role', { role_arn: state.roleArn }),
      ]),
    ]),
  ]);
}

/** How the helm and kubectl providers reach a cluster: its endpoint and CA, and a token for the deploy role. */
function kubernetesAuth(cluster: ClusterPlan, root: RootPlan): BodyItem[] {
  const module = `module.cluster_${identifier(cluster.name)}`;
  return [
    attr('host', expr(`${module}.endpoint`)),
    attr('cluster_ca_certificate', expr(`base64decode(${module}.certificate_authority_data)`)),
    // The deploy role created the cluster, so it is the identity the cluster already trusts.
    block('exec', [], [
      attr('api_version', 'client.authentication.k8s.io/v1beta1'),
      attr('command', 'aws'),
      attr('args', ['eks', 'get-token', '--cluster-name', cluster.name, '--region', root.region.name, '--role-arn', root.account.deployRoleArn]),
    ]),
  ];
}

function providersFile(root: RootPlan): string {
  const { account, region } = root;
  const items: BodyItem[] = [
    HEADER,
    comment(`Everything here is made by the deploy role of account '${account.name}', and only in that account.`),
    block('provider', ['aws'], [
      attr('alias', identifier(account.name)),
      attr('region', region.name),
      attr('allowed_account_ids', [account.id]),
      blank,
      block('assume_role', [], [attr('role_arn', account.deployRoleArn), attr('session_name', `paved-infra-${account.name}-${region.name}`)]),
      blank,
      block('default_tags', [], [attr('tags', { 'paved.dev/account': account.name, 'paved.dev/managed-by': 'paved-infra', 'paved.dev/region': region.name })]),
    ]),
  ];
  for (const cluster of root.clusters) {
    const alias = attr('alias', identifier(cluster.name));
    const [host, ca, exec] = kubernetesAuth(cluster, root) as [BodyItem, BodyItem, BodyItem];
    items.push(
      blank,
      block('provider', ['helm'], [alias, blank, block('kubernetes', [], [host, ca, exec])]),
      blank,
      block('provider', ['kubectl'], [alias, host, ca, attr('load_config_file', false), exec]),
    );
  }
  return hclFile(items);
}

function clusterCall(cluster: ClusterPlan, plan: InfraPlan, aws: string): BodyItem {
  const body: BodyItem[] = [
    attr('source', plan.sources.cluster),
    attr('providers', { aws: expr(aws) }),
    blank,
    attr('cluster_name', cluster.name),
    attr('environment', cluster.environment),
    attr('kubernetes_version', cluster.kubernetesVersion),
    attr('vpc_id', expr('module.network.vpc_id')),
    attr('subnet_ids', expr('module.network.private_subnet_ids')),
  ];
  if (cluster.publicAccessCidrs) body.push(attr('public_access_cidrs', cluster.publicAccessCidrs));
  const nodes = cluster.systemNodes;
  if (nodes) {
    const group: Record<string, HclValue> = {};
    if (nodes.instanceTypes) group.instance_types = nodes.instanceTypes;
    if (nodes.min !== undefined) group.min_size = nodes.min;
    if (nodes.max !== undefined) group.max_size = nodes.max;
    if (nodes.desired !== undefined) group.desired_size = nodes.desired;
    body.push(attr('system_node_group', group));
  }
  if (cluster.adminRoleArns.length > 0) body.push(attr('admin_principal_arns', cluster.adminRoleArns));
  body.push(blank, comment("Each team edits its own namespace only (the namespace paved namespace renders)."));
  body.push(attr('team_access', Object.fromEntries(cluster.teamAccess.map((t) => [t.team, { principal_arn: t.principalArn, namespaces: t.namespaces, kubernetes_groups: t.kubernetesGroups }]))));
  body.push(blank, attr('argocd_hub_role_arn', plan.hub.roleArn));
  return block('module', [`cluster_${identifier(cluster.name)}`], body);
}

function addonsCall(cluster: ClusterPlan, plan: InfraPlan, aws: string): BodyItem {
  const id = identifier(cluster.name);
  const module = `module.cluster_${id}`;
  const body: BodyItem[] = [
    attr('source', plan.sources.addons),
    attr('providers', { aws: expr(aws), helm: expr(`helm.${id}`), kubectl: expr(`kubectl.${id}`) }),
    blank,
    attr('cluster_name', expr(`${module}.cluster_name`)),
    attr('cluster_endpoint', expr(`${module}.endpoint`)),
    attr('vpc_id', expr('module.network.vpc_id')),
    attr('karpenter_node_role_name', expr(`${module}.karpenter_node_role_name`)),
    attr('karpenter_interruption_queue_name', expr(`${module}.karpenter_interruption_queue_name`)),
    attr('domain_filters', [cluster.baseDomain]),
  ];
  if (cluster.hub) {
    body.push(blank, comment('The hub: ArgoCD runs here and deploys to every cluster through its argocd-manager role.'));
    body.push(attr('argocd', { enabled: true, manager_role_arns: plan.clusters.map((c) => c.managerRoleArn) }));
  }
  return block('module', [`addons_${id}`], body);
}

function mainFile(root: RootPlan, plan: InfraPlan): string {
  const aws = `aws.${identifier(root.account.name)}`;
  const items: BodyItem[] = [
    HEADER,
    block('module', ['network'], [
      attr('source', plan.sources.network),
      attr('providers', { aws: expr(aws) }),
      blank,
      attr('name', `${plan.organisation}-${root.account.name}-${root.region.name}`),
      attr('cidr_block', root.region.vpcCidr),
      attr('az_count', root.region.availabilityZones),
      attr('single_nat_gateway', root.region.singleNatGateway),
      attr('cluster_names', root.clusters.map((c) => c.name)),
    ]),
  ];
  for (const cluster of root.clusters) items.push(blank, clusterCall(cluster, plan, aws), blank, addonsCall(cluster, plan, aws));
  return hclFile(items);
}

function output(name: string, description: string, value: HclValue, sensitive = false): BodyItem {
  return block('output', [name], [attr('description', description), attr('value', value), ...(sensitive ? [attr('sensitive', true)] : [])]);
}

function outputsFile(root: RootPlan): string {
  const items: BodyItem[] = [HEADER, output('vpc_id', `VPC of account '${root.account.name}' in ${root.region.name}.`, expr('module.network.vpc_id'))];
  for (const cluster of root.clusters) {
    const id = identifier(cluster.name);
    items.push(
      blank,
      output(`${id}_endpoint`, `API server of ${cluster.name}: paved.yaml's clusters[].apiServer.`, expr(`module.cluster_${id}.endpoint`)),
      blank,
      output(`${id}_certificate_authority_data`, `CA of ${cluster.name}'s API server: paved.yaml's infra.clusters[].caData.`, expr(`module.cluster_${id}.certificate_authority_data`)),
    );
  }
  return hclFile(items);
}

export function renderRoot(root: RootPlan, plan: InfraPlan): RenderedFile[] {
  const providers: Array<keyof typeof PROVIDERS> = root.clusters.length > 0 ? ['aws', 'helm', 'kubectl', 'tls'] : ['aws'];
  return [
    { path: `${root.dir}/backend.tf`, content: backendFile(root.state) },
    { path: `${root.dir}/main.tf`, content: mainFile(root, plan) },
    { path: `${root.dir}/outputs.tf`, content: outputsFile(root) },
    { path: `${root.dir}/providers.tf`, content: providersFile(root) },
    { path: `${root.dir}/versions.tf`, content: versionsFile(providers) },
  ];
}

export function renderNewRelicRoot(root: NewRelicRootPlan, plan: InfraPlan): RenderedFile[] {
  const destinations = Object.fromEntries(
    root.destinations.map((d): [string, HclValue] => {
      const value: Record<string, HclValue> = { type: d.type.toUpperCase() };
      if (d.type === 'email') value.emails = d.emails;
      if (d.url) value.url = d.url;
      value.priorities = d.priorities;
      return [d.name, value];
    }),
  );
  const variables = hclFile([
    HEADER,
    block('variable', ['destination_secrets'], [
      attr('type', expr('map(string)')),
      attr('description', 'PagerDuty service integration keys by destination name; set TF_VAR_destination_secrets, never a file.'),
      attr('default', {}),
      attr('sensitive', true),
    ]),
  ]);
  const main = hclFile([
    HEADER,
    block('module', ['newrelic'], [
      attr('source', plan.sources.newrelic),
      blank,
      attr('account_id', root.accountId),
      attr('name_prefix', plan.organisation),
      attr('destinations', destinations),
      attr('destination_secrets', expr('var.destination_secrets')),
    ]),
  ]);
  const providers = hclFile([
    HEADER,
    comment('The API key comes from NEW_RELIC_API_KEY in the environment.'),
    block('provider', ['newrelic'], [attr('account_id', root.accountId), attr('region', root.region.toUpperCase())]),
  ]);
  const outputs = hclFile([HEADER, output('destination_ids', 'NewRelic notification destination ids by name.', expr('module.newrelic.destination_ids'))]);
  return [
    { path: `${root.dir}/backend.tf`, content: backendFile(root.state) },
    { path: `${root.dir}/main.tf`, content: main },
    { path: `${root.dir}/outputs.tf`, content: outputs },
    { path: `${root.dir}/providers.tf`, content: providers },
    { path: `${root.dir}/variables.tf`, content: variables },
    { path: `${root.dir}/versions.tf`, content: versionsFile(['newrelic']) },
  ];
}
