/**
 * The shipped Terraform modules (golden-path/terraform/) parse and follow the conventions; each
 * convention check is shown to fail on a planted violation; each module is versioned like every
 * releasable thing and its README example calls it correctly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECRET_STORE } from '../../src/deploy/workload.js';
import { parseChangelog } from '../../src/golden/content.js';
import { argocdHubRoleName, argocdManagerRoleName, PROVIDERS, shippedModuleVersions, TERRAFORM_MODULES, TERRAFORM_ROOT } from '../../src/infra/index.js';
import { checkTerraform, moduleInterface, parseTf, type Rule } from './conventions.js';

function moduleFiles(module: string): Record<string, string> {
  const dir = path.join(TERRAFORM_ROOT, module);
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.tf')).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

const read = (module: string, file: string) => readFileSync(path.join(TERRAFORM_ROOT, module, file), 'utf8');

describe('shipped Terraform modules', () => {
  it('are exactly the four modules, each a folder with the files of a releasable module', () => {
    expect(readdirSync(TERRAFORM_ROOT).sort()).toEqual([...TERRAFORM_MODULES].sort());
    for (const module of TERRAFORM_MODULES) {
      for (const file of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf', 'README.md', 'CHANGELOG.md', 'release-please-config.json', '.release-please-manifest.json']) {
        expect(existsSync(path.join(TERRAFORM_ROOT, module, file)), `${module}/${file}`).toBe(true);
      }
    }
  });

  it.each(TERRAFORM_MODULES)('%s: every .tf file parses and follows the conventions', async (module) => {
    const files = moduleFiles(module);
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(4);
    expect(await checkTerraform(files)).toEqual([]);
  });

  it.each(TERRAFORM_MODULES)('%s: released with release-please; manifest, CHANGELOG and versions.tf agree', (module) => {
    const config = JSON.parse(read(module, 'release-please-config.json')) as { packages: Record<string, Record<string, unknown>> };
    expect(config.packages['.']).toMatchObject({ 'release-type': 'terraform-module', 'package-name': `terraform-${module}` });
    const version = shippedModuleVersions()[module];
    expect(parseChangelog(read(module, 'CHANGELOG.md'), `${module}/CHANGELOG.md`)[0]!.version).toBe(version);
    // release-please's terraform-module strategy rewrites every vX.Y.Z in versions.tf at a release.
    expect(read(module, 'versions.tf')).toContain(`# Module version: v${version} `);
  });

  it.each(TERRAFORM_MODULES)('%s: the README documents every input and output, and its example calls the module correctly', async (module) => {
    const readme = read(module, 'README.md');
    const api = await moduleInterface(moduleFiles(module));
    for (const name of [...api.variables.keys(), ...api.outputs]) expect(readme, `${module} README names ${name}`).toContain(`\`${name}\``);
    const example = /```hcl\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, `${module} README has an hcl example`).toBeDefined();
    const json = await parseTf('README.md', example!);
    const call = Object.values(json.module as Record<string, Array<Record<string, unknown>>>)
      .map(([body]) => body!)
      .find((body) => String(body.source).includes(`/terraform-${module}.git`));
    expect(call, `${module} README example calls terraform-${module}`).toBeDefined();
    expect(String(call!.source)).toMatch(/\?ref=v\d+\.\d+\.\d+$/);
    const given = Object.keys(call!).filter((k) => k !== 'source' && k !== 'providers');
    expect(given.filter((k) => !api.variables.has(k)), 'unknown inputs').toEqual([]);
    expect([...api.variables].filter(([name, v]) => v.required && !given.includes(name)).map(([name]) => name), 'required inputs left out').toEqual([]);
  });

  it('pin the same provider versions the rendered root modules require', async () => {
    for (const module of TERRAFORM_MODULES) {
      const json = await parseTf('versions.tf', read(module, 'versions.tf'));
      const [terraform] = json.terraform as Array<{ required_providers: Array<Record<string, { source: string; version: string }>> }>;
      for (const [name, spec] of Object.entries(terraform!.required_providers[0]!)) {
        expect(spec, `${module}: ${name}`).toEqual(PROVIDERS[name as keyof typeof PROVIDERS]);
      }
    }
  });

  it('name the roles and the secret store the way the renderer and the deploy engine expect', () => {
    expect(read('cluster', 'access.tf')).toContain(`"${argocdManagerRoleName('${var.cluster_name}')}"`);
    expect(read('addons', 'argocd.tf')).toContain(`"${argocdHubRoleName('${var.cluster_name}')}"`);
    expect(read('addons', 'controllers.tf')).toContain(`name = "${SECRET_STORE}"`);
  });

  it('pin every Helm chart to an exact version', async () => {
    const json = await parseTf('main.tf', read('addons', 'main.tf'));
    const charts = (json.locals as Array<Record<string, unknown>>).find((l) => 'charts' in l)!.charts as Record<string, { version: string; repository: string }>;
    expect(Object.keys(charts).sort()).toEqual(['argocd', 'aws_load_balancer_controller', 'external_dns', 'external_secrets', 'karpenter']);
    for (const [name, chart] of Object.entries(charts)) expect(chart.version, name).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

const GOOD: Record<string, string> = {
  'versions.tf': 'terraform {\n  required_version = ">= 1.5.0, < 2.0.0"\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "~> 5.80" }\n  }\n}\n',
  'variables.tf': 'variable "name" {\n  type        = string\n  description = "A name."\n}\n',
  'outputs.tf': 'output "arn" {\n  description = "The ARN."\n  value       = aws_iam_role.this.arn\n}\n',
  'main.tf': 'data "aws_region" "current" {}\nresource "aws_iam_role" "this" {\n  name               = "${var.name}-${data.aws_region.current.name}"\n  assume_role_policy = "{}"\n}\n',
};

describe('the convention checks fail on planted violations', () => {
  it('a module that follows every convention passes', async () => {
    expect(await checkTerraform(GOOD)).toEqual([]);
  });

  const planted: Array<[Rule, Record<string, string | null>]> = [
    ['parse', { 'main.tf': 'resource "aws_iam_role" "this" {\n' }],
    ['variable-type', { 'variables.tf': 'variable "name" {\n  description = "A name."\n}\n' }],
    ['variable-description', { 'variables.tf': 'variable "name" {\n  type = string\n}\n' }],
    ['variable-description', { 'variables.tf': 'variable "name" {\n  type        = string\n  description = " "\n}\n' }],
    ['output-description', { 'outputs.tf': 'output "arn" {\n  value = aws_iam_role.this.arn\n}\n' }],
    ['versions-file', { 'versions.tf': null, 'terraform.tf': GOOD['versions.tf']! }],
    ['required-version', { 'versions.tf': GOOD['versions.tf']!.replace('">= 1.5.0, < 2.0.0"', '">= 1.5.0"') }],
    ['provider-pinned', { 'versions.tf': GOOD['versions.tf']!.replace('"~> 5.80"', '">= 5.0"') }],
    ['provider-pinned', { 'versions.tf': GOOD['versions.tf']!.replace(', version = "~> 5.80"', '') }],
    ['provider-undeclared', { 'main.tf': `${GOOD['main.tf']}resource "helm_release" "x" {\n  name  = "x"\n  chart = "x"\n}\n` }],
    ['provider-block', { 'main.tf': `${GOOD['main.tf']}provider "aws" {\n  region = var.name\n}\n` }],
    ['account-id', { 'main.tf': GOOD['main.tf']!.replace('"{}"', '"arn:aws:iam::123456789012:root"') }],
    ['region', { 'main.tf': GOOD['main.tf']!.replace('${data.aws_region.current.name}', 'us-east-1') }],
    ['region', { 'variables.tf': 'variable "name" {\n  type        = string\n  description = "A name."\n  default     = "eu-west-1"\n}\n' }],
  ];

  it.each(planted)('%s', async (rule, change) => {
    const files: Record<string, string> = { ...GOOD };
    for (const [file, text] of Object.entries(change)) {
      if (text === null) delete files[file];
      else files[file] = text;
    }
    const violations = await checkTerraform(files);
    expect(violations.map((v) => v.rule)).toEqual([rule]);
    expect(violations[0]!.message.length).toBeGreaterThan(10);
  });

  it('root modules may name accounts and regions, but not leave providers unpinned', async () => {
    const root = { ...GOOD, 'main.tf': GOOD['main.tf']!.replace('${data.aws_region.current.name}', 'eu-west-1 123456789012') };
    expect(await checkTerraform(root, { kind: 'root' })).toEqual([]);
    expect((await checkTerraform({ ...root, 'versions.tf': GOOD['versions.tf']!.replace('"~> 5.80"', '">= 5.0"') }, { kind: 'root' })).map((v) => v.rule)).toEqual(['provider-pinned']);
  });
});
