/**
 * `paved deploy render | diff`: every component of the organisation that has a deploy.yaml,
 * rendered for every environment and cluster into the GitOps repo (or a folder). A bad spec
 * anywhere stops the whole render before anything is written.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileContent, renderComponents, type ComponentInput } from '../deploy/render.js';
import { parseDeploySpec } from '../deploy/spec.js';
import { planTree, writeTree, type TreeFile, type TreePlan } from '../deploy/tree.js';
import { ConflictError, InputError, NotFoundError } from '../errors.js';
import { gitRaw } from '../git/git.js';
import { latestVersionTag } from '../template/version.js';
import type { Platform } from './platform.js';

export const DEPLOY_SPEC_FILE = 'deploy.yaml';
export const GITOPS_REPOSITORY = 'gitops';

/** The components to deploy: each repository of the organisation with a deploy.yaml on its default branch. */
export async function collectComponents(platform: Platform): Promise<ComponentInput[]> {
  const { forge } = platform;
  const owner = platform.workspace.config.organisation;
  const inputs: ComponentInput[] = [];
  for (const repo of await forge.listRepositories(owner)) {
    if (repo.name === GITOPS_REPOSITORY) continue;
    const file = await forge.readFile(repo, DEPLOY_SPEC_FILE);
    if (!file) continue;
    const shown = `${repo.fullName}:${DEPLOY_SPEC_FILE}`;
    const spec = parseDeploySpec(file.data.toString('utf8'), shown);
    const tags = (await forge.listTags(repo)).map((t) => t.name);
    const latest = latestVersionTag(tags);
    const head = (await forge.getBranch(repo, repo.defaultBranch))?.commit;
    const version = latest ? latest.replace(/^v/, '') : head ? head.slice(0, 12) : 'latest';
    inputs.push({ spec, component: repo.name, version, file: shown });
  }
  return inputs;
}

export interface DeployRenderOptions {
  /** Write into this folder instead of the GitOps repo. */
  out?: string;
  environments?: string[];
  /** Plan only (`deploy diff`). */
  dryRun?: boolean;
}

export interface DeployRenderReport {
  components: string[];
  target: string;
  plan: TreePlan;
  /** The commit pushed to the GitOps repo, when one was. */
  commit?: string;
  /** `deploy diff`: the unified diff of what would change. */
  diff?: string;
}

export async function renderGitOps(platform: Platform, options: DeployRenderOptions): Promise<DeployRenderReport> {
  const { config } = platform.workspace;
  for (const env of options.environments ?? []) {
    if (!config.environments.some((e) => e.name === env)) throw new InputError(`--env ${env}: not an environment in paved.yaml; use one of: ${config.environments.map((e) => e.name).join(', ')}`, { env });
  }
  if (config.clusters.length === 0) throw new InputError(`${platform.workspace.configFile}: clusters: none defined, so there is nowhere to deploy; add clusters (see docs/gitops.md)`, { key: 'clusters' });
  const gitops = { owner: config.organisation, name: GITOPS_REPOSITORY };
  const repo = await platform.forge.getRepository(gitops);
  if (!repo) throw new NotFoundError(`no GitOps repository ${gitops.owner}/${gitops.name}; run 'paved init' to create it`, {});
  const inputs = await collectComponents(platform);
  const files: TreeFile[] = renderComponents(config, inputs, { gitopsRepoUrl: repo.cloneUrl, environments: options.environments }).map((f) => ({ path: f.path, content: fileContent(f) }));
  const components = inputs.map((i) => i.spec.component ?? i.component ?? '?');

  if (options.out) {
    const dir = path.resolve(options.out);
    const plan = planTree(dir, files);
    const diff = options.dryRun ? await treeDiff(dir, files, plan) : undefined;
    if (!options.dryRun) await writeTree(dir, files, plan);
    return { components, target: dir, plan, ...(diff !== undefined ? { diff } : {}) };
  }

  // The GitOps repo: a private clone, the tree written into it, one commit pushed with compare-and-swap.
  const work = mkdtempSync(path.join(os.tmpdir(), 'paved-gitops-'));
  try {
    await gitRaw(['clone', '--quiet', '--', platform.forge.repoDir(gitops), work], { cwd: os.tmpdir() });
    const head = (await gitRaw(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: work, okCodes: [1, 128] })).stdout.toString().trim() || null;
    const plan = planTree(work, files);
    const target = `${repo.fullName} (${repo.defaultBranch})`;
    if (options.dryRun) return { components, target, plan, diff: await treeDiff(work, files, plan) };
    if (plan.create.length + plan.update.length + plan.delete.length === 0) return { components, target, plan };
    await writeTree(work, files, plan);
    await gitRaw(['add', '-A'], { cwd: work });
    const message = `chore(deploy): render ${components.length} component(s)\n\n${[...plan.create.map((p) => `create ${p}`), ...plan.update.map((p) => `update ${p}`), ...plan.delete.map((p) => `delete ${p}`)].join('\n')}\n`;
    await gitRaw(['-c', 'commit.gpgsign=false', 'commit', '--quiet', '-F', '-'], { cwd: work, input: message });
    try {
      await platform.forge.push(gitops, work, [{ src: 'HEAD', dst: repo.defaultBranch, expected: head }]);
    } catch (error) {
      if (error instanceof ConflictError) throw new ConflictError(`${repo.fullName} changed while rendering; run 'paved deploy render' again`, { reason: 'stale' }, { cause: error });
      throw error;
    }
    const commit = (await gitRaw(['rev-parse', 'HEAD'], { cwd: work })).stdout.toString().trim();
    return { components, target, plan, commit };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** What `deploy diff` shows: git's unified diff between the folder now and after rendering. */
async function treeDiff(dir: string, files: TreeFile[], plan: TreePlan): Promise<string> {
  const after = mkdtempSync(path.join(os.tmpdir(), 'paved-diff-'));
  const before = mkdtempSync(path.join(os.tmpdir(), 'paved-diff-'));
  try {
    const changed = [...plan.create, ...plan.update, ...plan.delete];
    const byPath = new Map(files.map((f) => [f.path, f.content]));
    for (const rel of changed) {
      if (existsSync(path.join(dir, rel))) {
        mkdirSync(path.dirname(path.join(before, rel)), { recursive: true });
        cpSync(path.join(dir, rel), path.join(before, rel));
      }
      const content = byPath.get(rel);
      if (content !== undefined) {
        mkdirSync(path.dirname(path.join(after, rel)), { recursive: true });
        writeFileSync(path.join(after, rel), content);
      }
    }
    const out = await gitRaw(['diff', '--no-index', '--no-color', '--src-prefix=a/', '--dst-prefix=b/', '--', before, after], { cwd: os.tmpdir(), okCodes: [1] });
    return out.stdout.toString('utf8').replaceAll(`a${before}/`, 'a/').replaceAll(`b${after}/`, 'b/').replaceAll(`a${after}/`, 'a/').replaceAll(`b${before}/`, 'b/');
  } finally {
    rmSync(after, { recursive: true, force: true });
    rmSync(before, { recursive: true, force: true });
  }
}
