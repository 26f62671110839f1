/**
 * The Terraform modules Paved ships under golden-path/terraform/, and the names they give what
 * they create where a root module or a cluster Secret must name it before it exists (IAM roles).
 * Those names are conventions shared with the HCL: test/infra/modules.test.ts checks both sides.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PlatformConfig } from '../config/index.js';
import { NotFoundError } from '../errors.js';
import { GOLDEN_ROOT } from '../golden/content.js';

export const TERRAFORM_MODULES = ['network', 'cluster', 'addons', 'newrelic'] as const;
export type TerraformModule = (typeof TERRAFORM_MODULES)[number];

export const TERRAFORM_ROOT = path.join(GOLDEN_ROOT, 'terraform');

export type ModuleVersions = Record<TerraformModule, string>;

/** Each module's released version, from its `.release-please-manifest.json`. */
export function shippedModuleVersions(root = TERRAFORM_ROOT): ModuleVersions {
  const read = (module: TerraformModule): string => {
    const file = path.join(root, module, '.release-please-manifest.json');
    let version: unknown;
    try {
      version = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)['.'];
    } catch (error) {
      throw new NotFoundError(`${file}: not readable (${(error as Error).message}); the shipped Terraform module '${module}' needs {".": "<version>"}`, { file }, { cause: error });
    }
    if (typeof version !== 'string' || !/^\d+\.\d+\.\d+$/.test(version)) throw new NotFoundError(`${file}: no version under "."; expected {".": "1.2.3"}`, { file });
    return version;
  };
  return Object.fromEntries(TERRAFORM_MODULES.map((m) => [m, read(m)])) as ModuleVersions;
}

/** The git base URL repositories are cloned from: github.com (or the GHE host), or the local forge. */
function cloneBase(config: PlatformConfig): string {
  if (config.forge.kind === 'local') return config.forge.url.replace(/\/+$/, '');
  const api = new URL(config.forge.url);
  return api.hostname === 'api.github.com' ? 'https://github.com' : `${api.protocol}//${api.host}`;
}

/** Where a root module fetches a shipped module: `infra.moduleSource`, or its repository on the forge at its release tag. */
export function moduleSource(config: PlatformConfig, module: TerraformModule, versions: ModuleVersions): string {
  const template = config.infra?.moduleSource ?? `git::${cloneBase(config)}/${config.organisation}/terraform-{module}.git?ref=v{version}`;
  return template.replaceAll('{module}', module).replaceAll('{version}', versions[module]);
}

/** The partition and account of an IAM ARN: `arn:<partition>:iam::<account>:…`. */
export function arnParts(arn: string): { partition: string; account: string } {
  const [, partition = 'aws', , , account = ''] = arn.split(':');
  return { partition, account };
}

export const roleArn = (partition: string, account: string, name: string): string => `arn:${partition}:iam::${account}:role/${name}`;

/** The cluster module's role that ArgoCD assumes on a cluster (`${var.cluster_name}-argocd-manager`). */
export const argocdManagerRoleName = (cluster: string): string => `${cluster}-argocd-manager`;

/** The addons module's role of ArgoCD on the hub (`${var.cluster_name}-argocd-controller`). */
export const argocdHubRoleName = (cluster: string): string => `${cluster}-argocd-controller`;
