import type { Command } from 'commander';
import type { Run } from '../../run.js';

/** `paved template list`: the templates the platform offers (its organisation's repositories with a copier.yml). */
export function registerTemplateList(template: Command, run: Run): void {
  template
    .command('list')
    .description('templates the platform offers: name, url, versions')
    .action(
      run(async (_flags: unknown, json: boolean) => {
        const { openPlatform } = await import('../../../platform/platform.js');
        const { listTemplates } = await import('../../../platform/templates.js');
        const platform = await openPlatform(template.optsWithGlobals().workspace as string | undefined);
        try {
          const templates = await listTemplates(platform);
          const data = { templates: templates.map((t) => ({ ...t, questions: json ? t.questions : undefined })) };
          const width = Math.max(8, ...templates.map((t) => t.name.length));
          const lines = templates.length === 0
            ? ['No templates yet: a repository of the organisation with a copier.yml at its root is one.']
            : templates.map((t) => `${t.name.padEnd(width)}  ${(t.latest ?? 'untagged').padEnd(8)}  ${t.url}${t.description ? `\n${' '.repeat(width + 12)}${t.description}` : ''}`);
          return { data, human: lines.join('\n') };
        } finally {
          await platform.close();
        }
      }),
    );
}
