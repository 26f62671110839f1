/**
 * The rendered projects build and pass their own checks exactly as their CI will run them:
 * `npm ci` from the shipped lockfile (this needs the npm registry), then lint, typecheck, test
 * and build. A template whose output does not build is a broken template.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { goldenRepos } from '../../src/golden/content.js';
import { buildGoldenRepo } from '../../src/golden/seed.js';
import { copyTemplate } from '../../src/template/index.js';
import { quiet } from '../support/templates.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'paved-golden-npm-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const npm = (cwd: string, ...args: string[]) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true', NODE_ENV: 'development' } });

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
    npm(dir, 'ci', '--prefer-offline');
  });

  test('installs from its lockfile, then its lint, typecheck, tests and build pass', () => {
    npm(dir, 'run', 'lint');
    npm(dir, 'run', 'typecheck');
    const output = npm(dir, 'test');
    expect(output).toMatch(/^# fail 0$/m);
    expect(output).not.toMatch(/^# pass 0$/m);
    npm(dir, 'run', 'build');
    expect(existsSync(path.join(dir, built))).toBe(true);
  });
});
