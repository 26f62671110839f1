import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateRepo, commitProject, git, tempDir, writeFiles } from '../support/fixtures.js';
import { ANSWERS_TEMPLATE } from '../support/templates.js';

const PAVED = path.resolve(import.meta.dirname, '../../bin/paved');

function paved(args: string[], cwd = process.cwd()) {
  const result = spawnSync(PAVED, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('paved CLI contract (real process, real git)', () => {
  it('prints help and version', () => {
    expect(paved(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = paved(['template', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/copy.*\n.*update.*\n(.*\n)*.*recopy(.*\n)*.*check/);
  });

  it('exits 1 with one line on stderr and no stack trace for a bad command or input', () => {
    const unknown = paved(['template', 'bogus']);
    expect(unknown.code).toBe(1);
    const missing = paved(['template', 'copy', '/definitely/not/here', path.join(tempDir(), 'x')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^paved: template '\/definitely\/not\/here' not found/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const badData = paved(['template', 'copy', tempDir(), path.join(tempDir(), 'x'), '--data', 'novalue']);
    expect(badData.stderr).toMatch(/--data 'novalue' is not NAME=VALUE/);
  });

  it('gives machine-readable errors with --json', () => {
    const result = paved(['--json', 'template', 'update', tempDir()]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'input' } });
  });

  it('copies, checks (0/2), updates with conflicts (exit 2) and reports JSON', () => {
    const tpl = new TemplateRepo().version('v1.0.0', { ...ANSWERS_TEMPLATE, 'copier.yml': 'name:\n  type: str\n  default: demo\n', 'a.txt.jinja': '{{ name }}\ny=2\n' });
    const dst = path.join(tempDir(), 'proj');
    const copy = paved(['template', 'copy', tpl.dir, dst, '--defaults', '--data', 'name=cli', '--json']);
    expect(copy.code).toBe(0);
    expect(JSON.parse(copy.stdout)).toMatchObject({ operation: 'copy', commit: 'v1.0.0', answers: { name: 'cli' } });
    commitProject(dst);
    expect(paved(['template', 'check', dst]).code).toBe(0);
    writeFiles(dst, { 'a.txt': 'cli\ny=USER\n' });
    git(dst, 'commit', '-qam', 'mine');
    tpl.version('v1.1.0', { 'a.txt.jinja': '{{ name }}\ny=TEMPLATE\n' });
    const check = paved(['template', 'check', dst, '--json']);
    expect(check.code).toBe(2);
    expect(JSON.parse(check.stdout)).toMatchObject({ update_available: true, current_version: '1.0.0', latest_version: '1.1.0' });
    const update = paved(['template', 'update', dst, '--defaults']);
    expect(update.code).toBe(2);
    expect(update.stdout).toMatch(/1 conflict\(s\) to resolve:\n {2}a\.txt/);
    expect(readFileSync(path.join(dst, 'a.txt'), 'utf8')).toContain('<<<<<<< before updating');
  });

  it('recopies with the recorded answers', () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'copier.yml': 'name: demo\n', 'a.txt.jinja': '{{ name }}\n' });
    const dst = path.join(tempDir(), 'proj');
    expect(paved(['template', 'copy', tpl.dir, dst, '--defaults', '--data', 'name=kept']).code).toBe(0);
    commitProject(dst);
    writeFiles(dst, { 'a.txt': 'edited\n' });
    git(dst, 'commit', '-qam', 'edit');
    const recopy = paved(['template', 'recopy', dst, '--defaults']);
    expect(recopy.code).toBe(0);
    expect(readFileSync(path.join(dst, 'a.txt'), 'utf8')).toBe('kept\n');
  });

  it('refuses tasks without --trust, naming the flag', () => {
    const tpl = new TemplateRepo().version('v1', { 'copier.yml': '_tasks: ["touch ran"]\n', 'a.txt': 'a\n' });
    const dst = path.join(tempDir(), 'proj');
    const result = paved(['template', 'copy', tpl.dir, dst, '--defaults']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--trust/);
    expect(existsSync(dst)).toBe(false);
  });
});
