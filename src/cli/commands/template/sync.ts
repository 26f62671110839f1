import path from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../../errors.js';
import { EXIT } from '../../exit.js';
import type { Run } from '../../run.js';
import { progressLine, summaryLines } from '../fleet.js';

/**
 * `paved template sync [DST]`: the daily per-repository job of the golden-path workflows. The same
 * code path as `paved fleet sync`, on one repository: every answers file in it that is behind its
 * template gets its update pull request, opened or refreshed.
 */
export function registerTemplateSync(template: Command, run: Run): void {
  template
    .command('sync')
    .argument('[dst]', 'a checkout of the repository (its origin names it), or a subproject folder in it', '.')
    .option('--repo <owner/name>', 'the repository on the forge, instead of reading a checkout')
    .option('--answers-file <file>', 'only the component with this answers file (relative to DST; default: every answers file in the repository)')
    .option('--grouped', 'one pull request for all subprojects of the repository')
    .option('-n, --dry-run', 'say what would happen; push and open nothing')
    .option('--trust', 'let the template run its _tasks and _migrations (in a throw-away checkout)')
    .description("check the repository against its templates and open or refresh the update pull request (the daily job; on GitHub Actions no workspace is needed)")
    .action(
      run(async (dst: string, flags: { repo?: string; answersFile?: string; grouped?: boolean; dryRun?: boolean; trust?: boolean }, json: boolean) => {
        const { withRepoForge } = await import('../../../platform/repo-forge.js');
        const { fleetSync } = await import('../../../fleet/run.js');
        return withRepoForge(template.optsWithGlobals().workspace as string | undefined, async (target) => {
          const dir = path.resolve(dst);
          const repo = await target.repository({ repo: flags.repo, dir });
          const answersFiles = flags.answersFile ? [await answersFileInRepo(dir, flags.answersFile, Boolean(flags.repo))] : undefined;
          const results = await fleetSync(target.fleet(repo.owner), { repos: [repo], answersFiles, grouped: flags.grouped, dryRun: flags.dryRun, trust: flags.trust, concurrency: 1, onResult: json ? undefined : progressLine });
          if (results.length === 0) {
            const what = answersFiles ? `no component with the answers file ${answersFiles[0]}` : 'no Copier answers file';
            return { data: { results }, human: `${repo.fullName} has ${what} on ${repo.defaultBranch}: nothing to sync.`, ...(answersFiles ? { exitCode: EXIT.failure } : {}) };
          }
          return { data: { results }, human: summaryLines(results), exitCode: results.some((r) => r.outcome === 'failed') ? EXIT.failure : EXIT.ok };
        });
      }),
    );
}

/**
 * The answers file as a path from the repository's root: relative to DST inside a checkout (a
 * monorepo's workflow runs in the subproject's folder), from the root with --repo.
 */
async function answersFileInRepo(dst: string, file: string, fromRoot: boolean): Promise<string> {
  const { workTreeRoot } = await import('../../../git/repo.js');
  const root = fromRoot ? undefined : await workTreeRoot(dst);
  const resolved = root ? path.relative(root, path.resolve(dst, file)) : path.posix.normalize(file);
  const posix = resolved.split(path.sep).join('/');
  if (!posix || posix.startsWith('../') || path.isAbsolute(posix) || posix === '..') {
    throw new InputError(`--answers-file '${file}' is outside the repository${root ? ` (${root})` : ''}; name a file inside it`, { field: 'answers-file' });
  }
  return posix;
}
