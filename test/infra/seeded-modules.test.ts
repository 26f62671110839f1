/**
 * The module sources `paved infra render` writes by default exist on a fresh platform: `paved init`
 * seeds each shipped module as `terraform-<module>`, tagged at the version render asks for.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { moduleSource, shippedModuleVersions, TERRAFORM_MODULES } from '../../src/infra/index.js';
import { initWorkspace } from '../../src/platform/init.js';
import { openPlatform } from '../../src/platform/platform.js';

describe('the Terraform modules on a fresh platform', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'paved-modules-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('are repositories of the organisation, tagged at the version the rendered module calls pin', async () => {
    const dir = path.join(root, 'ws');
    const report = await initWorkspace(dir);
    const platform = await openPlatform(dir);
    try {
      const { config } = platform.workspace;
      const versions = shippedModuleVersions();
      for (const module of TERRAFORM_MODULES) {
        const name = `terraform-${module}`;
        expect(report.golden.find((g) => g.repo === `${config.organisation}/${name}`)?.outcome, name).toBe('created');
        const source = moduleSource(config, module, versions);
        expect(source).toMatch(new RegExp(`/${config.organisation}/${name}\\.git\\?ref=v${versions[module].replace(/\./g, '\\.')}$`));
        const tags = (await platform.forge.listTags({ owner: config.organisation, name })).map((t) => t.name);
        expect(tags, name).toContain(`v${versions[module]}`);
        const file = await platform.forge.readFile({ owner: config.organisation, name }, 'variables.tf');
        expect(file?.data.toString(), name).toContain('variable ');
      }
    } finally {
      await platform.close();
    }
  });
});
