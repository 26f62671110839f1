import { execFileSync } from 'node:child_process';
import type { Command } from 'commander';
import { InputError } from '../../../errors.js';
import { EXIT } from '../../exit.js';
import type { Run } from '../../run.js';
import { progressLine, summaryLines } from '../fleet.js';

/** `owner/name` from a clone URL (`http://host/acme/orders-api.git`, `git@host:acme/orders-api.git`, a path ending in them). */
export function repoOfUrl(url: string): string | undefined {
  const match = /[/:]([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? `${match[1]}/${match[2]}` : undefined;
}

function originOf(dst: string): string {
  try {
    return execFileSync('git', ['-C', dst, 'remote', 'get-url', 'origin'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    throw new InputError(`${dst} is not a clone with an 'origin' remote; run it inside the repository's checkout, or pass --repo OWNER/NAME`, { dst });
  }
}

/**
 * `paved template sync [DST]`: the daily per-repository job of the golden-path workflows. The same
 * code path as `paved fleet sync`, on one repository: every answers file in it that is behind its
 * template gets its update pull request, opened or refreshed.
 */
export function registerTemplateSync(template: Command, run: Run): void {
  template
    .command('sync')
    .argument('[dst]', 'a checkout of the repository (its origin names it)', '.')
    .option('--repo <owner/name>', 'the repository on the platform, instead of reading a checkout')
    .option('--grouped', 'one pull request for all subprojects of the repository')
    .option('-n, --dry-run', 'say what would happen; push and open nothing')
    .option('--trust', 'let the template run its _tasks and _migrations (in a throw-away checkout)')
    .description("check the repository against its templates and open or refresh the update pull request (the daily job)")
    .action(
      run(async (dst: string, flags: { repo?: string; grouped?: boolean; dryRun?: boolean; trust?: boolean }, json: boolean) => {
        const repo = flags.repo ?? repoOfUrl(originOf(dst));
        if (!repo || !/^[^/]+\/[^/]+$/.test(repo)) throw new InputError(`cannot tell which repository ${flags.repo ?? dst} is; pass --repo OWNER/NAME`, { repo });
        const { openPlatform } = await import('../../../platform/platform.js');
        const { platformFleetSync } = await import('../../../platform/fleet.js');
        const platform = await openPlatform(template.optsWithGlobals().workspace as string | undefined);
        try {
          const [owner, name] = repo.split('/') as [string, string];
          if (owner !== platform.workspace.config.organisation || !(await platform.forge.getRepository({ owner, name }))) {
            throw new InputError(`${repo} is not a repository of ${platform.workspace.config.organisation} on this platform`, { repo });
          }
          const results = await platformFleetSync(platform, { repos: [repo], grouped: flags.grouped, dryRun: flags.dryRun, trust: flags.trust, concurrency: 1, onResult: json ? undefined : progressLine });
          if (results.length === 0) return { data: { results }, human: `${repo} has no Copier answers file: nothing to sync.` };
          return { data: { results }, human: summaryLines(results), exitCode: results.some((r) => r.outcome === 'failed') ? EXIT.failure : EXIT.ok };
        } finally {
          await platform.close();
        }
      }),
    );
}
