import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateRepo, git, tempDir, writeFiles } from '../../test/support/fixtures.js';
import { ANSWERS_TEMPLATE, quiet } from '../../test/support/templates.js';
import { copyTemplate } from './copy.js';

const read = (dir: string, rel: string) => readFileSync(path.join(dir, rel), 'utf8');

describe('template copy', () => {
  it('renders contents, names and the answers file from the latest version tag', async () => {
    const tpl = new TemplateRepo()
      .version('v1.0.0', {
        'copier.yml': 'project_name:\n  type: str\n  default: demo\nport:\n  type: int\n  default: 8080\n',
        ...ANSWERS_TEMPLATE,
        'README.md.jinja': '# {{ project_name }} on {{ port + 1 }}\n',
        '{{ project_name }}/__init__.py': 'static {{ not rendered }}\n',
        'plain.txt': 'kept as is {{ x }}\n',
      })
      .version('v1.1.0', { 'README.md.jinja': '# {{ project_name }} v1.1 on {{ port }}\n' });
    const dst = path.join(tempDir(), 'proj');
    const result = await copyTemplate({ ...quiet, src: tpl.dir, dst, data: { project_name: 'billing', port: '9000' }, defaults: true });
    expect(read(dst, 'README.md')).toBe('# billing v1.1 on 9000\n');
    expect(read(dst, 'billing/__init__.py')).toBe('static {{ not rendered }}\n');
    expect(read(dst, 'plain.txt')).toBe('kept as is {{ x }}\n');
    expect(read(dst, '.copier-answers.yml')).toBe(
      `# Changes here will be overwritten by Copier; NEVER EDIT MANUALLY\n_commit: v1.1.0\n_src_path: ${tpl.dir}\nport: 9000\nproject_name: billing\n`,
    );
    expect(result.commit).toBe('v1.1.0');
    expect(existsSync(path.join(dst, 'copier.yml'))).toBe(false);
  });

  it('pins a version with vcsRef and records a describe string for a commit between tags', async () => {
    const tpl = new TemplateRepo().version('v1.0.0', { ...ANSWERS_TEMPLATE, 'a.txt': 'one\n' }).version('v2.0.0', { 'a.txt': 'two\n' });
    const dst = path.join(tempDir(), 'p');
    await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true, vcsRef: 'v1.0.0' });
    expect(read(dst, 'a.txt')).toBe('one\n');
    writeFiles(tpl.dir, { 'a.txt': 'three\n' });
    git(tpl.dir, 'commit', '-qam', 'wip');
    const head = git(tpl.dir, 'rev-parse', '--short', 'HEAD');
    const dst2 = path.join(tempDir(), 'p2');
    await copyTemplate({ ...quiet, src: tpl.dir, dst: dst2, defaults: true, vcsRef: 'main' });
    expect(read(dst2, '.copier-answers.yml')).toContain(`_commit: v2.0.0-1-g${head}`);
  });

  it('uses a dirty template as it stands, with a warning', async () => {
    const tpl = new TemplateRepo().version('v1.0.0', { ...ANSWERS_TEMPLATE, 'a.txt': 'committed\n' });
    writeFiles(tpl.dir, { 'a.txt': 'uncommitted\n' });
    const dst = path.join(tempDir(), 'p');
    const result = await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true });
    expect(read(dst, 'a.txt')).toBe('uncommitted\n');
    expect(result.warnings.join('\n')).toMatch(/uncommitted changes/);
    expect(git(tpl.dir, 'status', '--porcelain')).toBe('M a.txt');
  });

  it('copies from a plain folder without git', async () => {
    const src = tempDir();
    writeFiles(src, { 'copier.yml': 'who: world\n', 'hello.txt.jinja': 'hello {{ who }}\n' });
    mkdirSync(path.join(src, 'empty-dir'));
    const dst = path.join(tempDir(), 'p');
    await copyTemplate({ ...quiet, src, dst, defaults: true });
    expect(read(dst, 'hello.txt')).toBe('hello world\n');
    expect(statSync(path.join(dst, 'empty-dir')).isDirectory()).toBe(true);
  });

  it('drops files and folders whose names render empty and keeps executable modes', async () => {
    const tpl = new TemplateRepo().version(
      'v1',
      {
        'copier.yml': 'ci: false\n',
        '{% if ci %}.github{% endif %}/workflows/ci.yml': 'on: push\n',
        '{% if ci %}ci.txt{% endif %}.jinja': 'x\n',
        'run.sh': '#!/bin/sh\necho hi\n',
      },
      ['run.sh'],
    );
    const dst = path.join(tempDir(), 'p');
    await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true });
    expect(existsSync(path.join(dst, '.github'))).toBe(false);
    expect(existsSync(path.join(dst, 'ci.txt'))).toBe(false);
    expect(statSync(path.join(dst, 'run.sh')).mode & 0o777).toBe(0o755);
  });

  it('honours _subdirectory, _exclude, _templates_suffix and a templated sibling shadowing the plain file', async () => {
    const tpl = new TemplateRepo().version('v1', {
      'copier.yml': '_subdirectory: project\n_templates_suffix: .tmpl\n_exclude:\n  - "*.bak"\nname: x\n',
      'project/a.txt.tmpl': '{{ name }}\n',
      'project/a.txt': 'shadowed\n',
      'project/b.jinja': 'not a template here {{ name }}\n',
      'project/c.bak': 'excluded\n',
      'outside.txt': 'not under the subdirectory\n',
    });
    const dst = path.join(tempDir(), 'p');
    await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true });
    expect(read(dst, 'a.txt')).toBe('x\n');
    expect(read(dst, 'b.jinja')).toBe('not a template here {{ name }}\n');
    expect(existsSync(path.join(dst, 'c.bak'))).toBe(false);
    expect(existsSync(path.join(dst, 'outside.txt'))).toBe(false);
  });

  it('renders every file when _templates_suffix is empty, copying binary files unchanged', async () => {
    const tpl = new TemplateRepo().version('v1', { 'copier.yml': '_templates_suffix: ""\nname: x\n', 'a.txt': '{{ name }}\n' });
    writeFileSync(path.join(tpl.dir, 'logo.bin'), Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x7b]));
    git(tpl.dir, 'add', '-A');
    git(tpl.dir, 'commit', '-qm', 'bin');
    git(tpl.dir, 'tag', 'v2');
    const dst = path.join(tempDir(), 'p');
    await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true });
    expect(read(dst, 'a.txt')).toBe('x\n');
    expect(readFileSync(path.join(dst, 'logo.bin'))).toEqual(Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x7b]));
  });

  it('makes one file per item with {% yield %} in a name', async () => {
    const tpl = new TemplateRepo().version('v1', {
      'copier.yml': 'services:\n  type: yaml\n  default: [api, worker]\n',
      '{% yield svc from services %}{{ svc }}{% endyield %}/main.py.jinja': 'service = "{{ svc }}"\n',
    });
    const dst = path.join(tempDir(), 'p');
    await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true });
    expect(read(dst, 'api/main.py')).toBe('service = "api"\n');
    expect(read(dst, 'worker/main.py')).toBe('service = "worker"\n');
  });

  it('refuses to overwrite differing files unless asked, writing nothing', async () => {
    const tpl = new TemplateRepo().version('v1', { 'a.txt': 'template\n', 'b.txt': 'new\n' });
    const dst = tempDir();
    writeFiles(dst, { 'a.txt': 'mine\n' });
    await expect(copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true })).rejects.toThrow(/already exist.*a\.txt.*--overwrite/);
    expect(read(dst, 'a.txt')).toBe('mine\n');
    expect(existsSync(path.join(dst, 'b.txt'))).toBe(false);
    await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true, overwrite: true });
    expect(read(dst, 'a.txt')).toBe('template\n');
  });

  it('keeps existing files matching _skip_if_exists', async () => {
    const tpl = new TemplateRepo().version('v1', { 'copier.yml': '_skip_if_exists: [config.ini]\n', 'config.ini': 'template\n' });
    const dst = tempDir();
    writeFiles(dst, { 'config.ini': 'mine\n' });
    const result = await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true });
    expect(read(dst, 'config.ini')).toBe('mine\n');
    expect(result.files).toContainEqual({ path: 'config.ini', action: 'skip' });
  });

  it('shows the plan with pretend and writes nothing', async () => {
    const tpl = new TemplateRepo().version('v1', { 'a.txt': 'a\n' });
    const dst = path.join(tempDir(), 'p');
    const result = await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true, pretend: true });
    expect(result.files).toEqual([{ path: 'a.txt', action: 'create' }]);
    expect(existsSync(dst)).toBe(false);
  });

  it('writes the answers file named by answersFile, for monorepo subprojects', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'copier.yml': 'name: x\n' });
    const dst = path.join(tempDir(), 'p');
    await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true, answersFile: '.copier/api.yml' });
    expect(read(dst, '.copier/api.yml')).toContain('name: x');
  });

  it('fails clearly on an unknown version, writing nothing', async () => {
    const tpl = new TemplateRepo().version('v1', { 'a.txt': 'a\n' });
    const dst = path.join(tempDir(), 'p');
    await expect(copyTemplate({ ...quiet, src: tpl.dir, dst, vcsRef: 'v9' })).rejects.toThrow(/no tag, branch or commit 'v9'/);
    expect(existsSync(dst)).toBe(false);
  });
});
