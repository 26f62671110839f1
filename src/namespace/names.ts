/**
 * Which team, cluster and environment a namespace is rendered for, and whether the team's name
 * can be a namespace at all. Every refusal says why and what to change in paved.yaml.
 */
import type { ClusterConfig, EnvironmentConfig, PlatformConfig, TeamConfig } from '../config/index.js';
import { InputError } from '../errors.js';

/** Namespaces that Kubernetes or the platform's add-ons own, and who owns them. Any `kube-*` name is refused too. */
export const RESERVED_NAMESPACES: Readonly<Record<string, string>> = {
  default: "Kubernetes' default namespace",
  'kube-system': "Kubernetes' system namespace",
  'kube-public': "Kubernetes' public namespace",
  'kube-node-lease': "Kubernetes' node heartbeat namespace",
  argocd: "ArgoCD's namespace",
  'external-secrets': "the External Secrets Operator's namespace",
  karpenter: "Karpenter's namespace",
};

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Why `name` cannot be a team's namespace, or undefined when it can. */
export function namespaceNameProblem(name: string): string | undefined {
  if (name.length > 63) return `'${name}' is ${name.length} characters long and a namespace name has at most 63`;
  if (!DNS_LABEL.test(name)) return `'${name}' is not a DNS label (lowercase letters, digits and '-', starting and ending with a letter or digit)`;
  const owner = RESERVED_NAMESPACES[name];
  if (owner) return `'${name}' is ${owner}`;
  if (name.startsWith('kube-')) return `'${name}' starts with 'kube-', which Kubernetes keeps for itself`;
  return undefined;
}

/** The team, or an InputError naming the teams there are. Also refuses a name that cannot be a namespace. */
export function teamFor(config: PlatformConfig, name: string): TeamConfig {
  const team = config.teams.find((t) => t.name === name);
  if (!team) throw new InputError(`unknown team '${name}'; expected one of: ${list(config.teams.map((t) => t.name), 'teams')}`, { team: name });
  const problem = namespaceNameProblem(team.name);
  if (problem) throw new InputError(`team '${team.name}' cannot have a namespace: ${problem}; rename the team in paved.yaml`, { team: name });
  return team;
}

export function clusterFor(config: PlatformConfig, name: string): ClusterConfig {
  const cluster = config.clusters.find((c) => c.name === name);
  if (!cluster) throw new InputError(`unknown cluster '${name}'; expected one of: ${list(config.clusters.map((c) => c.name), 'clusters')}`, { cluster: name });
  return cluster;
}

export function environmentFor(config: PlatformConfig, name: string): EnvironmentConfig {
  const environment = config.environments.find((e) => e.name === name);
  if (!environment) throw new InputError(`unknown environment '${name}'; expected one of: ${list(config.environments.map((e) => e.name), 'environments')}`, { environment: name });
  return environment;
}

function list(names: string[], section: string): string {
  return names.length > 0 ? names.join(', ') : `(none: add one under ${section} in paved.yaml)`;
}
