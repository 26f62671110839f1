import type { Command } from 'commander';
import { EXIT } from '../exit.js';
import type { Run } from '../run.js';

/** `paved observability apply`: NerdGraph, only with NEW_RELIC_API_KEY. Exit 1 when any component failed. */
export function registerObservabilityCommands(program: Command, run: Run): void {
  const observability = program.command('observability').description('dashboards and alerts as code (NewRelic)');
  observability
    .command('apply')
    .description('send the dashboards and alerts in the GitOps repo (or --from DIR) to NewRelic; needs NEW_RELIC_API_KEY')
    .option('--from <dir>', 'read the rendered files from this folder instead of the GitOps repo')
    .action(
      run(async (flags: { from?: string }) => {
        const { openPlatform } = await import('../../platform/platform.js');
        const { applyObservabilityFromGitOps } = await import('../../platform/observability.js');
        const platform = await openPlatform(program.opts().workspace as string | undefined);
        try {
          const result = await applyObservabilityFromGitOps(platform, { from: flags.from, apiKey: process.env.NEW_RELIC_API_KEY });
          const units = result.results;
          const failed = units.filter((u) => u.outcome === 'failed');
          const lines = units.map((u) => `  ${u.outcome.padEnd(7)} ${u.team}/${u.component} (${u.environment})${u.error ? `: ${u.error.message}` : ''}`);
          const data = { ...result, results: units.map((u) => ({ ...u, error: u.error ? { code: u.error.code, message: u.error.message } : undefined })) };
          return { data, human: [`${units.length - failed.length} of ${units.length} applied`, ...lines].join('\n'), exitCode: failed.length > 0 ? EXIT.failure : EXIT.ok };
        } finally {
          await platform.close();
        }
      }),
    );
}
