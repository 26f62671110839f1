/**
 * `paved deploy promote <component> --from dev --to prod`: the version running in one
 * environment goes to the next through a pull request on the GitOps repo — the pinned version in
 * releases/<component>.yaml and the re-rendered manifests, for a person to review and merge.
 * Running it again refreshes the same pull request.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { releasesContent, releasesPath } from '../deploy/releases.js';
import { fileContent, renderComponent } from '../deploy/render.js';
import { planTree, writeTree } from '../deploy/tree.js';
import { InputError, NotFoundError } from '../errors.js';
import type { PullRequest } from '../forge/types.js';
import { gitRaw } from '../git/git.js';
import { collectComponents } from './deploy.js';
import { gitopsRepository } from './gitops.js';
import type { Platform } from './platform.js';

export const PROMOTION_LABEL = 'promotion';

export interface PromoteReport {
  component: string;
  from: string;
  to: string;
  version: string;
  /** What `to` ran before (pinned or newest). */
  previous: string;
  outcome: 'opened' | 'updated' | 'current';
  pullRequest?: { number: number; url: string };
}

export async function promote(platform: Platform, options: { component: string; from: string; to: string }): Promise<PromoteReport> {
  const { config } = platform.workspace;
  const order = config.environments.map((e) => e.name);
  for (const env of [options.from, options.to]) {
    if (!order.includes(env)) throw new InputError(`'${env}' is not an environment in paved.yaml; use one of: ${order.join(', ')}`, { env });
  }
  if (order.indexOf(options.to) <= order.indexOf(options.from)) {
    throw new InputError(`promotion goes forward (${order.join(' → ')}): ${options.to} does not come after ${options.from}`, { from: options.from, to: options.to });
  }
  const inputs = await collectComponents(platform);
  const input = inputs.find((i) => (i.spec.component ?? i.component) === options.component);
  if (!input) throw new NotFoundError(`no component '${options.component}' with a deploy.yaml in ${config.organisation}; components: ${inputs.map((i) => i.spec.component ?? i.component).join(', ') || '(none)'}`, {});
  const version = input.versions?.[options.from] ?? input.version;
  const previous = input.versions?.[options.to] ?? input.version;
  const versions = { ...input.versions, [options.to]: version };
  const base = { component: options.component, from: options.from, to: options.to, version, previous };

  const repo = await gitopsRepository(platform);
  const branch = `paved/promote/${options.component}-${options.to}`;
  const open = await platform.forge.findOpenPullRequest(repo, branch);
  if (input.versions?.[options.to] === version && !open) return { ...base, outcome: 'current' };

  const work = mkdtempSync(path.join(os.tmpdir(), 'paved-promote-'));
  try {
    await gitRaw(['clone', '--quiet', '--', platform.forge.repoDir(repo), work], { cwd: os.tmpdir() });
    await gitRaw(['checkout', '--quiet', '-B', branch], { cwd: work });
    const rendered = renderComponent(config, { ...input, versions }, { gitopsRepoUrl: repo.cloneUrl, environments: [options.to] });
    const files = [
      ...rendered.map((f) => ({ path: f.path, content: fileContent(f) })),
      { path: releasesPath(options.component), content: releasesContent({ component: options.component, versions }, order) },
    ];
    await writeTree(work, files, planTree(work, files, []));
    await gitRaw(['add', '-A'], { cwd: work });
    const title = `deploy(${options.component}): promote ${version} to ${options.to}`;
    await gitRaw(['-c', 'commit.gpgsign=false', 'commit', '--quiet', '--allow-empty', '-m', title], { cwd: work });
    const remoteBranch = await platform.forge.getBranch(repo, branch);
    await platform.forge.push(repo, work, [{ src: 'HEAD', dst: branch, expected: remoteBranch?.commit ?? null }]);
    const clusters = config.clusters.filter((c) => c.environment === options.to).map((c) => c.name);
    const body = [
      `Promotes **${options.component}** from **${options.from}** to **${options.to}**.`,
      '',
      `| environment | version |`,
      `|---|---|`,
      `| ${options.from} | ${version} |`,
      `| ${options.to} (now) | ${previous} |`,
      `| ${options.to} (after merge) | ${version} |`,
      '',
      `Clusters: ${clusters.join(', ')}. ArgoCD syncs them when this is merged.`,
      '',
      '_Opened by `paved deploy promote`; running it again refreshes this pull request._',
    ].join('\n');
    let pr: PullRequest;
    let outcome: PromoteReport['outcome'];
    if (open) {
      pr = await platform.forge.updatePullRequest(repo, open.number, { title, body, labels: [PROMOTION_LABEL] });
      outcome = 'updated';
    } else {
      pr = await platform.forge.openPullRequest(repo, { head: branch, base: repo.defaultBranch, title, body, labels: [PROMOTION_LABEL] });
      outcome = 'opened';
    }
    return { ...base, outcome, pullRequest: { number: pr.number, url: pr.url } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
