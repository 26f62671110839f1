import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { paved } from '../support/exec.js';
import { TemplateRepo, commitProject, git, tempDir, writeFiles } from '../support/fixtures.js';
import { ANSWERS_TEMPLATE } from '../support/templates.js';


describe('paved CLI contract (real process, real git)', () => {
  it('prints help and version', async () => {
    expect((await paved(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await paved(['template', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/copy.*\n.*update.*\n(.*\n)*.*recopy(.*\n)*.*check/);
  });

  it('exits 1 with one line on stderr and no stack trace for a bad command or input', async () => {
    const unknown = await paved(['template', 'bogus']);
    expect(unknown.code).toBe(1);
    const missing = await paved(['template', 'copy', '/definitely/not/here', path.join(tempDir(), 'x')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^paved: template '\/definitely\/not\/here' not found/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const badData = await paved(['template', 'copy', tempDir(), path.join(tempDir(), 'x'), '--data', 'novalue']);
    expect(badData.stderr).toMatch(/--data 'novalue' is not NAME=VALUE/);
  });

  it('reports usage errors as one stderr line, and with --json as one JSON document on stdout', async () => {
    const dst = path.join(tempDir(), 'x');
    const cases = [
      { args: ['template', 'bogus'], message: /^unknown command 'bogus'; run with --help for usage$/ },
      { args: ['template', 'copy'], message: /^missing required argument 'src'; run with --help for usage$/ },
      { args: ['template', 'copy', 'a', dst, '--bogus'], message: /^unknown option '--bogus'; run with --help for usage$/ },
      { args: ['template'], message: /^missing command; run with --help to list the commands$/ },
    ];
    for (const { args, message } of cases) {
      const json = await paved(['--json', ...args]);
      expect(json.code, args.join(' ')).toBe(1);
      const report = JSON.parse(json.stdout) as { error: { code: string; message: string } };
      expect(report.error.code).toBe('usage');
      expect(report.error.message).toMatch(message);
      expect(json.stderr).toBe(`paved: ${report.error.message}\n`);
    }
    for (const { args, message } of cases.slice(0, 3)) {
      const human = await paved(args);
      expect(human.code).toBe(1);
      expect(human.stdout).toBe('');
      expect(human.stderr).toMatch(/^paved: [^\n]+\n$/);
      expect(human.stderr.slice('paved: '.length, -1)).toMatch(message);
    }
    expect((await paved(['template', 'copi'])).stderr).toBe("paved: unknown command 'copi' (Did you mean copy?); run with --help for usage\n");
  });

  it('prints the first line of a multi-line engine error and keeps the whole message for --json', async () => {
    const tpl = new TemplateRepo().version('v1', { 'copier.yml': 'name: demo\n', 'bad.txt.jinja': '{% if %}\nfoo\n' });
    const human = await paved(['template', 'copy', tpl.dir, path.join(tempDir(), 'a'), '--defaults']);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^paved: bad\.txt\.jinja:1: [^\n]+ \(run with --json for details\)\n$/);
    const json = await paved(['--json', 'template', 'copy', tpl.dir, path.join(tempDir(), 'b'), '--defaults']);
    const report = JSON.parse(json.stdout) as { error: { code: string; message: string } };
    expect(report.error.code).toBe('template');
    expect(report.error.message).toMatch(/^bad\.txt\.jinja:1: .*\n.*\{% if %\}/);
    expect(json.stderr).toMatch(/^paved: bad\.txt\.jinja:1: [^\n]+\n$/);
    expect(json.stderr).not.toMatch(/--json for details/);
  });

  it('reports file-system errors as one line naming the path, with JSON code io', async () => {
    const tpl = new TemplateRepo().version('v1', { 'copier.yml': 'name: demo\n', 'a.txt': 'a\n' });
    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, 'in the way\n');
    // A destination below a file: creating its folder fails in the file system itself.
    const human = await paved(['template', 'copy', tpl.dir, path.join(file, 'sub'), '--defaults']);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^paved: cannot \w+ \S+: not a folder; (\S+) is a file where a folder is needed: move it or choose another path\n$/);
    expect(human.stderr).toContain(`; ${file} is a file`);
    expect(human.stderr).not.toMatch(/internal error|report it/);
    const json = await paved(['--json', 'template', 'copy', tpl.dir, path.join(file, 'sub'), '--defaults']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'io', message: expect.stringMatching(/^cannot /), details: { errno: 'ENOTDIR' } } });
    expect(readFileSync(file, 'utf8')).toBe('in the way\n');
  });

  it('refuses a destination that is a file', async () => {
    const tpl = new TemplateRepo().version('v1', { 'a.txt': 'a\n' });
    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, 'in the way\n');
    const result = await paved(['template', 'copy', tpl.dir, file, '--defaults']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`paved: destination ${file} is a file, not a folder; choose a folder to copy into\n`);
  });

  it('says which project folder does not exist, before running git', async () => {
    const missing = path.join(tempDir(), 'nope');
    for (const command of ['update', 'recopy', 'check']) {
      const result = await paved(['template', command, missing, ...(command === 'check' ? [] : ['--defaults'])]);
      expect(result.code, command).toBe(1);
      expect(result.stderr).toBe(`paved: no such project folder: ${missing}; give the folder a template was copied into\n`);
      expect(JSON.parse((await paved(['--json', 'template', command, missing])).stdout)).toMatchObject({ error: { code: 'not-found' } });
    }
  });

  it('refuses an --answers-file outside the project', async () => {
    const dst = tempDir();
    for (const answersFile of ['../answers.yml', 'sub/../../answers.yml', '/etc/answers.yml']) {
      for (const args of [['update', dst], ['recopy', dst], ['check', dst], ['copy', tempDir(), path.join(tempDir(), 'x')]]) {
        const result = await paved(['template', ...args, '--answers-file', answersFile]);
        expect(result.code, `${args[0]} ${answersFile}`).toBe(1);
        expect(result.stderr).toBe(`paved: --answers-file must be a path inside the project, relative to it (got ${answersFile})\n`);
      }
    }
    expect(JSON.parse((await paved(['--json', 'template', 'check', dst, '-a', '../a.yml'])).stdout)).toMatchObject({ error: { code: 'input' } });
  });

  it('gives machine-readable errors with --json', async () => {
    const result = await paved(['--json', 'template', 'update', tempDir()]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'input' } });
  });

  it('copies, checks (0/2), updates with conflicts (exit 2) and reports JSON', async () => {
    const tpl = new TemplateRepo().version('v1.0.0', { ...ANSWERS_TEMPLATE, 'copier.yml': 'name:\n  type: str\n  default: demo\n', 'a.txt.jinja': '{{ name }}\ny=2\n' });
    const dst = path.join(tempDir(), 'proj');
    const copy = await paved(['template', 'copy', tpl.dir, dst, '--defaults', '--data', 'name=cli', '--json']);
    expect(copy.code).toBe(0);
    expect(JSON.parse(copy.stdout)).toMatchObject({ operation: 'copy', commit: 'v1.0.0', answers: { name: 'cli' } });
    commitProject(dst);
    expect((await paved(['template', 'check', dst])).code).toBe(0);
    writeFiles(dst, { 'a.txt': 'cli\ny=USER\n' });
    git(dst, 'commit', '-qam', 'mine');
    tpl.version('v1.1.0', { 'a.txt.jinja': '{{ name }}\ny=TEMPLATE\n' });
    const check = await paved(['template', 'check', dst, '--json']);
    expect(check.code).toBe(2);
    expect(JSON.parse(check.stdout)).toMatchObject({ update_available: true, current_version: '1.0.0', latest_version: '1.1.0' });
    const update = await paved(['template', 'update', dst, '--defaults']);
    expect(update.code).toBe(2);
    expect(update.stdout).toMatch(/1 conflict\(s\) to resolve:\n {2}a\.txt/);
    expect(readFileSync(path.join(dst, 'a.txt'), 'utf8')).toContain('<<<<<<< before updating');
  });

  it('recopies with the recorded answers', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'copier.yml': 'name: demo\n', 'a.txt.jinja': '{{ name }}\n' });
    const dst = path.join(tempDir(), 'proj');
    expect((await paved(['template', 'copy', tpl.dir, dst, '--defaults', '--data', 'name=kept'])).code).toBe(0);
    commitProject(dst);
    writeFiles(dst, { 'a.txt': 'edited\n' });
    git(dst, 'commit', '-qam', 'edit');
    const recopy = await paved(['template', 'recopy', dst, '--defaults']);
    expect(recopy.code).toBe(0);
    expect(readFileSync(path.join(dst, 'a.txt'), 'utf8')).toBe('kept\n');
  });

  it('refuses tasks without --trust, naming the flag', async () => {
    const tpl = new TemplateRepo().version('v1', { 'copier.yml': '_tasks: ["touch ran"]\n', 'a.txt': 'a\n' });
    const dst = path.join(tempDir(), 'proj');
    const result = await paved(['template', 'copy', tpl.dir, dst, '--defaults']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--trust/);
    expect(existsSync(dst)).toBe(false);
  });
});
