import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { Run } from '../run.js';

interface ListFlags {
  kind?: string;
  owner?: string;
  q?: string;
  limit?: string;
  refresh?: boolean;
}

/** `paved catalog list [--kind K]`: the catalog's entities, from every repository's catalog-info.yaml and the platform's teams. */
export function registerCatalogCommands(program: Command, run: Run): void {
  const catalog = program.command('catalog').description('the Backstage-compatible catalog: components, systems, APIs, teams, users');
  catalog
    .command('list')
    .description('list entities, newest refresh first by ref')
    .option('-k, --kind <kind>', 'only this kind (Component, API, System, Group, User, …)')
    .option('-o, --owner <ref>', "only entities owned by this group (e.g. 'payments')")
    .option('-q, --q <text>', 'only entities whose name, title, description or tags contain this')
    .option('--limit <n>', 'at most this many (1-500)', '500')
    .option('--refresh', 'read every repository again first')
    .action(
      run(async (flags: ListFlags) => {
        const limit = Number(flags.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new InputError(`--limit must be a whole number from 1 to 500, not '${flags.limit}'`, { field: 'limit' });
        const { openPlatform } = await import('../../platform/platform.js');
        const { listCatalog } = await import('../../platform/catalog.js');
        const platform = await openPlatform(program.opts().workspace as string | undefined);
        try {
          const page = await listCatalog(platform, { kind: flags.kind, owner: flags.owner, q: flags.q, limit, refresh: flags.refresh ?? false });
          const lines = page.items.map((e) => `${e.ref.padEnd(40)} ${(e.owner ?? '').padEnd(28)} ${e.description ?? ''}`.trimEnd());
          if (page.total > page.items.length) lines.push(`… ${page.total - page.items.length} more; narrow with --kind, --owner or --q`);
          if (page.items.length === 0) lines.push('No entities match.');
          return { data: page, human: lines.join('\n') };
        } finally {
          await platform.close();
        }
      }),
    );
}
