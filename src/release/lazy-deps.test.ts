import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exec } from '../../test/support/exec.js';
import { standIn } from './lazy-deps.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Runs release-please's updaters, pull request body parser and default changelog writer (the
 * users of every deferred library) in a fresh Node process, with or without the deferral, and
 * reports their output and which libraries were loaded before and after.
 */
const SCRIPT = `
import { createRequire } from 'node:module';
const defer = process.argv[1] === 'defer';
if (defer) (await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'src/release/lazy-deps.ts')).href)})).deferReleasePleaseDependencies();
const require = createRequire(${JSON.stringify(path.join(ROOT, 'package.json'))});
const rp = (p) => require('release-please/build/src/' + p);
const loaded = () => ['@xmldom', 'xpath', 'jsonpath-plus', 'js-yaml', '/yaml/', '@iarna/toml/toml.js', 'node-html-parser', 'handlebars', 'conventional-changelog-writer']
  .filter((name) => Object.keys(require.cache).some((file) => file.includes('/node_modules/' + name.replace(/^\\//, ''))));
const { Version } = rp('version.js');
const { GenericXml } = rp('updaters/generic-xml.js');
const { GenericJson } = rp('updaters/generic-json.js');
const { GenericYaml } = rp('updaters/generic-yaml.js');
const { GenericToml } = rp('updaters/generic-toml.js');
const { ChartYaml } = rp('updaters/helm/chart-yaml.js');
const { PullRequestBody } = rp('util/pull-request-body.js');
const { DefaultChangelogNotes } = rp('changelog-notes/default.js');
const { setLogger } = rp('util/logger.js');
setLogger({ error() {}, warn() {}, info() {}, debug() {}, trace() {} });
const before = loaded();
const v = Version.parse('2.0.0');
const out = {
  xml: new GenericXml('//project/version', v).updateContent('<project><version>1.0.0</version></project>'),
  json: new GenericJson('$.version', v).updateContent('{"version": "1.0.0"}'),
  yaml: new GenericYaml('$.version', v).updateContent('version: 1.0.0\\n'),
  toml: new GenericToml('$.package.version', v).updateContent('[package]\\nversion = "1.0.0"\\n'),
  chart: new ChartYaml({ version: v }).updateContent('name: app\\nversion: 1.0.0\\n'),
  body: PullRequestBody.parse('\\n\\n---\\n\\n\\n## [2.0.0](https://x/compare/v1.0.0...v2.0.0) (2025-01-01)\\n\\n* a change\\n\\n---\\n')?.releaseData.map((d) => d.version?.toString()),
  notes: await new DefaultChangelogNotes().buildNotes(
    [{ sha: 'a'.repeat(40), message: 'feat: x', files: [], type: 'feat', scope: null, bareMessage: 'x', notes: [], references: [], breaking: false }],
    { owner: 'o', repository: 'r', version: '2.0.0', previousTag: 'v1.0.0', currentTag: 'v2.0.0', targetBranch: 'main', changelogSections: undefined },
  ),
};
console.log(JSON.stringify({ before, after: loaded(), out }));
`;

async function run(mode: 'defer' | 'eager') {
  const result = await exec(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT, mode], { cwd: ROOT });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { before: string[]; after: string[]; out: Record<string, unknown> };
}

describe('deferring release-please dependencies', () => {
  it('loads each library on first use, and every user of one gives the same result as with eager loading', async () => {
    const [deferred, eager] = await Promise.all([run('defer'), run('eager')]);
    expect(eager.before.length).toBeGreaterThan(5);
    expect(deferred.before).toEqual([]);
    expect(deferred.after.sort()).toEqual(eager.after.sort());
    expect(deferred.out).toEqual(eager.out);
    expect(deferred.out.xml).toContain('<version>2.0.0</version>');
    expect(deferred.out.toml).toContain('version = "2.0.0"');
    expect(deferred.out.body).toEqual(['2.0.0']);
    expect(deferred.out.notes).toContain('### Features');
  });
});

describe('standIn', () => {
  it('loads once, on first use, and then behaves as the module: properties, keys, calls and construction', () => {
    let loads = 0;
    class Thing {
      constructor(readonly n: number) {}
    }
    const real = Object.assign((x: number) => x * 2, { Thing, answer: 42 });
    const fn = standIn('function', () => (loads++, real)) as typeof real;
    expect(loads).toBe(0);
    expect(fn(21)).toBe(42);
    expect(fn.answer).toBe(42);
    expect(new fn.Thing(3)).toBeInstanceOf(Thing);
    expect(Object.keys(fn)).toEqual(['Thing', 'answer']);
    expect('answer' in fn).toBe(true);
    expect(loads).toBe(1);

    const obj = standIn('object', () => ({ Thing })) as { Thing: typeof Thing };
    expect(new obj.Thing(1).n).toBe(1);
    expect({ ...obj }).toEqual({ Thing });
  });
});
