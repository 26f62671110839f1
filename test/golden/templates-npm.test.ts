/**
 * The rendered projects build and pass their own checks exactly as their CI will run them:
 * `npm ci` from the shipped lockfile (this needs the npm registry), then lint, typecheck, test
 * and build. A template whose output does not build is a broken template.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { goldenRepos } from '../../src/golden/content.js';
import { buildGoldenRepo } from '../../src/golden/seed.js';
import { copyTemplate } from '../../src/template/index.js';
import { execOk } from '../support/exec.js';
import { quiet } from '../support/templates.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'paved-golden-npm-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs npm in `cwd` and returns its standard output; a non-zero exit throws with npm's output. */
const npm = (cwd: string, ...args: string[]) => execOk('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env: { CI: 'true', NODE_ENV: 'development' } });

const cases = [
  { template: 'typescript-service', data: { component_name: 'orders-api', team: 'payments' }, built: 'dist/index.js' },
  { template: 'typescript-library', data: { component_name: 'money-utils', team: 'payments' }, built: 'dist/index.d.ts' },
];

describe.each(cases)('a project rendered from $template (npm registry)', ({ template, data, built }) => {
  const dir = path.join(root, template, 'project');
  beforeAll(async () => {
    const repo = path.join(root, template, 'template');
    mkdirSync(repo, { recursive: true });
    await buildGoldenRepo(repo, goldenRepos().find((r) => r.name === template)!, 'acme');
    await copyTemplate({ src: repo, dst: dir, defaults: true, data, ...quiet });
    await npm(dir, 'ci', '--prefer-offline');
  });

  test('installs from its lockfile, then its lint, typecheck, tests and build pass', async () => {
    await npm(dir, 'run', 'lint');
    await npm(dir, 'run', 'typecheck');
    const output = await npm(dir, 'test');
    expect(output).toMatch(/^# fail 0$/m);
    expect(output).not.toMatch(/^# pass 0$/m);
    await npm(dir, 'run', 'build');
    expect(existsSync(path.join(dir, built))).toBe(true);
  });
});
