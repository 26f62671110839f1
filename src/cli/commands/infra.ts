import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { NotFoundError } from '../../errors.js';
import type { ModuleVersions } from '../../infra/index.js';
import type { Run } from '../run.js';

export interface InfraRenderOptions {
  /** A paved.yaml to read instead of the workspace's. */
  config?: string;
  workspace?: string;
  /** Default: `infra/` beside paved.yaml. */
  out?: string;
  dryRun?: boolean;
  /** Module versions to render against instead of the shipped ones (tests). */
  versions?: ModuleVersions;
  cwd?: string;
}

export interface InfraRenderReport {
  config: string;
  out: string;
  dryRun: boolean;
  files: Array<{ path: string; action: 'create' | 'update' | 'delete' | 'unchanged' }>;
  roots: Array<{ dir: string; account: string; accountId: string; region: string; clusters: string[] }>;
  /** Clusters with an ArgoCD cluster Secret. */
  registered: string[];
  hub: string;
  warnings: string[];
}

// The config modules (zod, yaml) load with the command, not with every CLI start.
async function readConfig(options: InfraRenderOptions) {
  const { loadWorkspace, parseConfig } = await import('../../config/index.js');
  const cwd = options.cwd ?? process.cwd();
  if (!options.config) {
    const workspace = loadWorkspace(options.workspace, cwd);
    return { file: workspace.configFile, config: workspace.config };
  }
  const file = path.resolve(cwd, options.config);
  if (!existsSync(file)) throw new NotFoundError(`${file} does not exist; pass --config with the path of a paved.yaml`, { file });
  return { file, config: parseConfig(readFileSync(file, 'utf8'), file) };
}

/** `paved infra render`: the root modules of every account × region and the ArgoCD cluster registrations. */
export async function infraRender(options: InfraRenderOptions = {}): Promise<InfraRenderReport> {
  // Loaded here, not at the top: every other command starts without the Kubernetes schemas.
  const { planInfraWrite, renderInfra, writeInfra } = await import('../../infra/index.js');
  const { file, config } = await readConfig(options);
  const out = path.resolve(options.cwd ?? process.cwd(), options.out ?? path.join(path.dirname(file), 'infra'));
  const { plan, files } = renderInfra(config, options.versions);
  const tree = planInfraWrite(out, files);
  if (!options.dryRun) await writeInfra(out, files, tree);
  const action = new Map<string, InfraRenderReport['files'][number]['action']>();
  for (const kind of ['create', 'update', 'delete', 'unchanged'] as const) for (const p of tree[kind]) action.set(p, kind);
  return {
    config: file,
    out,
    dryRun: Boolean(options.dryRun),
    files: [...action].map(([p, a]) => ({ path: p, action: a })).sort((a, b) => (a.path < b.path ? -1 : 1)),
    roots: plan.roots.map((r) => ({ dir: r.dir, account: r.account.name, accountId: r.account.id, region: r.region.name, clusters: r.clusters.map((c) => c.name) })),
    registered: plan.clusters.filter((c) => c.caData !== undefined).map((c) => c.name),
    hub: plan.hub.cluster,
    warnings: plan.warnings,
  };
}

function human(report: InfraRenderReport): string {
  const count = (a: string) => report.files.filter((f) => f.action === a).length;
  const lines = [
    `${report.roots.length} root module(s), ${report.registered.length} ArgoCD cluster registration(s) (hub: ${report.hub}) → ${report.out}${report.dryRun ? ' (dry run: nothing written)' : ''}`,
    ...report.roots.map((r) => `  ${r.dir}: ${r.clusters.length > 0 ? r.clusters.join(', ') : 'VPC only'}`),
    `${count('create')} to create, ${count('update')} to update, ${count('delete')} to delete, ${count('unchanged')} unchanged`,
    ...report.files.filter((f) => f.action !== 'unchanged').map((f) => `  ${f.action.padEnd(7)} ${f.path}`),
    ...report.warnings.map((w) => `warning: ${w}`),
  ];
  return lines.join('\n');
}

/** `paved infra render`. */
export function registerInfraCommands(program: Command, run: Run): void {
  const infra = program.command('infra').description('Terraform root modules and ArgoCD cluster registrations from paved.yaml');
  infra
    .command('render')
    .description('write a root module per account × region (backend, providers, module calls) and the ArgoCD cluster Secrets')
    .option('-c, --config <file>', 'the paved.yaml to read (default: the workspace\'s)')
    .option('-o, --out <dir>', 'where to write (default: infra/ beside paved.yaml)')
    .option('--dry-run', 'show what would change; write nothing')
    .action(
      run(async (flags: { config?: string; out?: string; dryRun?: boolean }) => {
        const report = await infraRender({ config: flags.config, out: flags.out, dryRun: flags.dryRun, workspace: program.opts().workspace as string | undefined });
        return { data: report, human: human(report) };
      }),
    );
}
