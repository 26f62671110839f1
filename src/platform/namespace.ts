/** `paved namespace create`: a team's namespace bundle on every cluster (of one environment), published to the GitOps repo. */
import { fileContent } from '../deploy/render.js';
import { renderTeamNamespaces } from '../namespace/index.js';
import { gitopsRepository, publishTree, type PublishReport } from './gitops.js';
import type { Platform } from './platform.js';

export interface NamespaceReport extends PublishReport {
  team: string;
  warnings: string[];
}

export async function createTeamNamespaces(platform: Platform, options: { team: string; environment?: string; out?: string; dryRun?: boolean }): Promise<NamespaceReport> {
  const repo = await gitopsRepository(platform);
  const { files, warnings } = renderTeamNamespaces(platform.workspace.config, { team: options.team, environment: options.environment, gitopsRepoUrl: repo.cloneUrl });
  const report = await publishTree(
    platform,
    files.map((f) => ({ path: f.path, content: fileContent(f) })),
    // Ensure, never prune: another environment's namespaces stay as they are.
    { out: options.out, dryRun: options.dryRun, prune: [], subject: `chore(namespace): ${options.team}${options.environment ? ` in ${options.environment}` : ''}`, rerun: 'paved namespace create' },
  );
  return { team: options.team, warnings, ...report };
}
