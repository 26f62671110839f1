import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateRepo, git, tempDir, writeFiles } from '../../test/support/fixtures.js';
import { quiet } from '../../test/support/templates.js';
import { copyTemplate } from './copy.js';

/** Hostile templates: every case must fail (or render harmlessly) and leave nothing outside, or half-written inside. */
describe('hostile templates', () => {
  const nameTemplate = () => new TemplateRepo().version('v1', { 'copier.yml': 'where: x\n', '{{ where }}.jinja': 'hi\n', 'other.txt': 'x\n' });

  it.each([
    ['a relative escape through an answer', '../escaped.txt'],
    ['a deep relative escape', 'a/../../escaped.txt'],
    ['an absolute path through an answer', '/tmp/paved-escaped-abs.txt'],
  ])('refuses %s, writing nothing', async (_case, where) => {
    const root = tempDir();
    const dst = path.join(root, 'out');
    await expect(copyTemplate({ ...quiet, src: nameTemplate().dir, dst, defaults: true, data: { where } })).rejects.toThrow(/refusing to write/);
    expect(existsSync(dst)).toBe(false);
    expect(readdirSync(root)).toEqual([]);
    expect(existsSync('/tmp/paved-escaped-abs.txt')).toBe(false);
  });

  it('refuses a folder name that renders to ..', async () => {
    const tpl = new TemplateRepo().version('v1', { 'copier.yml': 'd: x\n', '{{ d }}/escaped-dir.txt': 'x\n' });
    const root = tempDir();
    await expect(copyTemplate({ ...quiet, src: tpl.dir, dst: path.join(root, 'a/b'), defaults: true, data: { d: '../..' } })).rejects.toThrow(/refusing/);
    expect(existsSync(path.join(root, 'escaped-dir.txt'))).toBe(false);
  });

  it('refuses a template symlink pointing outside the template', async () => {
    const tpl = new TemplateRepo();
    symlinkSync('/etc/passwd', path.join(tpl.dir, 'passwd'));
    tpl.version('v1', { 'a.txt': 'a\n' });
    const dst = path.join(tempDir(), 'out');
    await expect(copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true })).rejects.toThrow(/points outside the template/);
    expect(existsSync(dst)).toBe(false);
  });

  it('refuses a preserved symlink whose rendered target leaves the project', async () => {
    const tpl = new TemplateRepo();
    writeFiles(tpl.dir, { 'copier.yml': '_preserve_symlinks: true\n' });
    symlinkSync('../../outside', path.join(tpl.dir, 'link'));
    tpl.version('v1', {});
    await expect(copyTemplate({ ...quiet, src: tpl.dir, dst: path.join(tempDir(), 'o'), defaults: true })).rejects.toThrow(/outside the project/);
  });

  it('does not write through a symlinked folder in the destination that leads outside', async () => {
    const tpl = new TemplateRepo().version('v1', { 'sub/file.txt': 'x\n' });
    const outside = tempDir();
    const dst = tempDir();
    symlinkSync(outside, path.join(dst, 'sub'));
    await expect(copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true })).rejects.toThrow(/symlink in the project that leads outside/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('keeps JavaScript and Python sandbox escapes from running host code', async () => {
    const root = tempDir();
    const marker = path.join(root, 'pwned');
    const payloads = [
      `{{ range.constructor("return process")().mainModule.require("fs").writeFileSync("${marker}", "1") }}`,
      `{{ "".constructor.constructor("return process")().mainModule.require("fs").writeFileSync("${marker}", "1") }}`,
      `{{ cycler.constructor("return process")() }}`,
      `{{ joiner.constructor("return process")() }}`,
      `{{ name.constructor.constructor("return global.process")().mainModule.require("fs").writeFileSync("${marker}", "1") }}`,
      "{{ ''.__class__.__mro__[1].__subclasses__() }}",
      `{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch ${marker}') }}`,
      '{{ (name|to_json).constructor }}',
    ];
    for (const [i, payload] of payloads.entries()) {
      const tpl = new TemplateRepo().version('v1', { 'copier.yml': 'name: x\n', 'a.txt.jinja': `${payload}\n` });
      const dst = path.join(root, `out-${i}`);
      const outcome = await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true }).then(
        () => 'rendered',
        () => 'refused',
      );
      expect(existsSync(marker), `payload ${i} ran host code`).toBe(false);
      if (outcome === 'rendered') expect(readdirSync(dst)).toEqual(['a.txt']);
      else expect(existsSync(dst)).toBe(false);
    }
  });

  it('refuses _tasks without --trust before asking or writing anything, and runs them with it', async () => {
    const root = tempDir();
    const tpl = new TemplateRepo().version('v1', { 'copier.yml': `_tasks:\n  - "touch ${root}/task-ran"\nname: x\n`, 'a.txt': 'x\n' });
    const dst = path.join(root, 'out');
    await expect(copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true })).rejects.toThrow(/--trust/);
    expect(existsSync(dst)).toBe(false);
    expect(existsSync(path.join(root, 'task-ran'))).toBe(false);
    await copyTemplate({ ...quiet, src: tpl.dir, dst: path.join(root, 'skipped'), defaults: true, skipTasks: true });
    expect(existsSync(path.join(root, 'task-ran'))).toBe(false);
    await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true, trust: true });
    expect(existsSync(path.join(root, 'task-ran'))).toBe(true);
  });

  it('removes a freshly created project when a trusted task fails', async () => {
    const tpl = new TemplateRepo().version('v1', { 'copier.yml': '_tasks:\n  - "exit 3"\n', 'a.txt': 'x\n' });
    const dst = path.join(tempDir(), 'out');
    await expect(copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true, trust: true })).rejects.toThrow(/exit code 3: exit 3/);
    expect(existsSync(dst)).toBe(false);
  });

  it('stops an endless loop in a template with a clear error', async () => {
    const tpl = new TemplateRepo().version('v1', { 'a.txt.jinja': '{% for i in range(100000000) %}{{ i }}{% endfor %}\n' });
    const dst = path.join(tempDir(), 'out');
    await expect(copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true })).rejects.toThrow(/a\.txt\.jinja/);
    expect(existsSync(dst)).toBe(false);
  });
});

describe('broken templates and answers', () => {
  it('names the file and question for an answer that fails its validator, writing nothing', async () => {
    const tpl = new TemplateRepo().version('v1', {
      'copier.yml': 'port:\n  type: int\n  default: 80\n  validator: "{% if port < 1024 %}must be 1024 or more{% endif %}"\n',
      'a.txt': 'x\n',
    });
    const dst = path.join(tempDir(), 'out');
    await expect(copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true })).rejects.toThrow(/port.*must be 1024 or more/);
    await expect(copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true, data: { port: 'eighty' } })).rejects.toThrow(/port/);
    expect(existsSync(dst)).toBe(false);
  });

  it('names copier.yml and the key for an invalid config', async () => {
    const tpl = new TemplateRepo().version('v1', { 'copier.yml': 'age:\n  type: integer\n' });
    await expect(copyTemplate({ ...quiet, src: tpl.dir, dst: path.join(tempDir(), 'o'), defaults: true })).rejects.toThrow(/copier\.yml.*age.*integer/);
  });

  it('names the template file of a Jinja syntax error', async () => {
    const tpl = new TemplateRepo().version('v1', { 'docs/x.md.jinja': '{% if %}\n' });
    await expect(copyTemplate({ ...quiet, src: tpl.dir, dst: path.join(tempDir(), 'o'), defaults: true })).rejects.toThrow(/docs\/x\.md\.jinja/);
  });

  it('refuses a template folder that does not exist', async () => {
    const missing = path.join(tempDir(), 'nope');
    mkdirSync(path.join(tempDir(), 'x'), { recursive: true });
    await expect(copyTemplate({ ...quiet, src: missing, dst: path.join(tempDir(), 'o') })).rejects.toThrow(/not found/);
  });

  it('keeps a git template repository untouched while reading it', async () => {
    const tpl = new TemplateRepo().version('v1', { 'a.txt': 'a\n' });
    const before = git(tpl.dir, 'count-objects', '-v');
    await copyTemplate({ ...quiet, src: tpl.dir, dst: path.join(tempDir(), 'o'), defaults: true });
    expect(git(tpl.dir, 'count-objects', '-v')).toBe(before);
  });
});
