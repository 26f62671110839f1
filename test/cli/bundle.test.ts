/**
 * The CLI as bin/paved bundles it (scripts/bundle-cli.mjs): which packages a command still loads
 * from node_modules at run time, read from Node's own module logs (NODE_DEBUG=module,esm: both
 * CommonJS and ES modules).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { execOk, paved, TEST_GIT_IDENTITY } from '../support/exec.js';
import { tempDir } from '../support/fixtures.js';

/** The packages whose files a run loaded from node_modules, by name. */
async function loadedPackages(args: string[], cwd?: string): Promise<string[]> {
  // Bundled first (a stale bundle is rebuilt, and the build would load esbuild), then measured.
  expect((await paved(['--version'])).code).toBe(0);
  const ran = await paved(args, { cwd, env: { NODE_DEBUG: 'module,esm' } });
  expect(ran.code, ran.stderr).toBe(0);
  const names = new Set<string>();
  for (const match of ran.stderr.matchAll(/node_modules\/((?:@[^/\s"']+\/)?[^/\s"']+)\//g)) names.add(match[1]!);
  return [...names].sort();
}

describe('the CLI bundle', () => {
  it('plans a release loading nothing from node_modules: release-please is bundled, the libraries only its file updaters use are deferred', async () => {
    const dir = tempDir();
    const git = (...args: string[]) => execOk('git', args, { cwd: dir, env: TEST_GIT_IDENTITY });
    await git('init', '-q', '-b', 'main');
    writeFileSync(path.join(dir, 'release-please-config.json'), JSON.stringify({ packages: { '.': { 'release-type': 'node' } } }));
    writeFileSync(path.join(dir, '.release-please-manifest.json'), JSON.stringify({ '.': '1.0.0' }));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0' }));
    await git('add', '-A');
    await git('commit', '-q', '-m', 'chore: release 1.0.0');
    await git('tag', 'app-v1.0.0');
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src/a.ts'), 'export {};\n');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'feat: a');

    expect(await loadedPackages(['release', 'plan', '--json'], dir)).toEqual([]);
  });

  it('reads the platform store with only the native SQLite driver loaded from node_modules', async () => {
    const workspace = path.join(tempDir(), 'platform');
    await execOk(process.execPath, [path.resolve(import.meta.dirname, '../../bin/paved'), 'init', workspace, '--json']);
    // bindings and file-uri-to-path are how better-sqlite3 finds its compiled addon.
    expect(await loadedPackages(['catalog', 'list', '--json', '--workspace', workspace])).toEqual(['better-sqlite3', 'bindings', 'file-uri-to-path']);
  });

  it('drops, when it rebuilds, the chunks no build has written for a week, and keeps the newer ones a running process may still import', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const copy = tempDir();
    for (const part of ['bin', 'scripts', 'src', 'package.json']) cpSync(path.join(root, part), path.join(copy, part), { recursive: true });
    symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
    const chunks = path.join(copy, 'dist', 'chunks');
    mkdirSync(chunks, { recursive: true });
    const stale = path.join(chunks, 'chunk-STALE.js');
    const recent = path.join(chunks, 'chunk-RECENT.js');
    writeFileSync(stale, 'export {};\n');
    writeFileSync(recent, 'export {};\n');
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    utimesSync(stale, eightDaysAgo, eightDaysAgo);

    expect((await execOk(process.execPath, [path.join(copy, 'bin', 'paved'), '--version'])).trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(existsSync(path.join(copy, 'dist', 'main.js'))).toBe(true);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(readdirSync(chunks).filter((name) => name !== 'chunk-RECENT.js').length).toBeGreaterThan(5);
  });

  it('holds release-please, and stand-ins instead of the libraries only its file updaters use', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const { bundleCli, DEFERRED } = (await import(pathToFileURL(path.join(root, 'scripts', 'bundle-cli.mjs')).href)) as {
      bundleCli: (root: string, outdir: string) => Promise<{ metafile: { inputs: Record<string, { imports: Array<{ path: string; original?: string }> }> } }>;
      DEFERRED: Record<string, string>;
    };
    const { inputs } = (await bundleCli(root, path.join(tempDir(), 'dist'))).metafile;
    const releasePlease = Object.entries(inputs).filter(([file]) => file.includes('node_modules/release-please/build/src/'));
    expect(releasePlease.map(([file]) => file)).toContain('node_modules/release-please/build/src/factory.js');
    const imported = releasePlease.flatMap(([, input]) => input.imports).filter((i) => i.original !== undefined && i.original in DEFERRED);
    expect(new Set(imported.map((i) => i.original))).toEqual(new Set(Object.keys(DEFERRED)));
    for (const i of imported) expect(i.path, i.original).toBe(`deferred:${i.original}`);
  });
});
