import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateRepo, commitProject, git, tempDir, writeFiles } from '../../test/support/fixtures.js';
import { ANSWERS_TEMPLATE, quiet } from '../../test/support/templates.js';
import { copyTemplate } from './copy.js';
import { recopyProject } from './recopy.js';
import { updateProject } from './update/index.js';

const read = (dir: string, rel: string) => readFileSync(path.join(dir, rel), 'utf8');

async function project(tpl: TemplateRepo, dst = path.join(tempDir(), 'proj')) {
  await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true });
  commitProject(dst);
  return dst;
}

function edit(dst: string, files: Record<string, string | null>) {
  writeFiles(dst, files);
  git(dst, 'add', '-A');
  git(dst, 'commit', '-qm', 'edit');
}

describe('hostile templates and projects (found in review)', () => {
  it('refuses to write into .git, even when _exclude no longer lists it', async () => {
    const tpl = new TemplateRepo().version('v1', { 'copier.yml': '_exclude: ["copier.yml"]\n', '{{ ".git" }}/config': '[core]\n\tfsmonitor = "touch pwned"\n' });
    const dst = path.join(tempDir(), 'out');
    await expect(copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true })).rejects.toThrow(/'\.git' folder/);
    expect(existsSync(dst)).toBe(false);
  });

  it('refuses a chain of preserved symlinks that leads outside the project', async () => {
    const tpl = new TemplateRepo();
    writeFiles(tpl.dir, { 'copier.yml': '_preserve_symlinks: true\n', 'sub/keep.txt': 'x\n' });
    symlinkSync('..', path.join(tpl.dir, 'sub/b'));
    symlinkSync('sub/b/..', path.join(tpl.dir, 'x'));
    tpl.version('v1', {});
    const root = tempDir();
    await expect(copyTemplate({ ...quiet, src: tpl.dir, dst: path.join(root, 'out'), defaults: true })).rejects.toThrow(/leads outside the project/);
    expect(readdirSync(root)).toEqual([]);
  });

  it('does not delete through a project folder that is a symlink leading outside it', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'config/app.yml': 'a: 1\n', 'a.txt': 'a\n' });
    const mono = tempDir();
    writeFiles(mono, { 'shared/config/app.yml': 'a: 1\n' });
    await copyTemplate({ ...quiet, src: tpl.dir, dst: path.join(mono, 'api'), defaults: true, exclude: ['config'] });
    symlinkSync('../shared/config', path.join(mono, 'api/config'));
    commitProject(mono);
    tpl.version('v2', { 'config/app.yml': null, 'a.txt': 'b\n' });
    await expect(updateProject({ ...quiet, dst: path.join(mono, 'api'), defaults: true })).rejects.toThrow(/symlink in the project that leads outside/);
    expect(read(mono, 'shared/config/app.yml')).toBe('a: 1\n');
    expect(read(mono, 'api/a.txt')).toBe('a\n');
  });

  it('marks conflicts in the index when the project is reached through a symlink', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'f.txt': 'one\n' });
    const real = await project(tpl);
    const link = path.join(tempDir(), 'link');
    symlinkSync(real, link);
    edit(real, { 'f.txt': 'mine\n' });
    tpl.version('v2', { 'f.txt': 'theirs\n' });
    const result = await updateProject({ ...quiet, dst: link, defaults: true });
    expect(result.conflicts).toEqual(['f.txt']);
    expect(git(real, 'status', '--porcelain')).toContain('UU f.txt');
  });
});

describe('updates that must not stop half-way (found in review)', () => {
  it('turns a folder the template replaced by a file into that file', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'docs/index.md': 'x\n', 'a.txt': 'a\n' });
    const dst = await project(tpl);
    tpl.version('v2', { 'docs/index.md': null, docs: 'now a file\n', 'a.txt': 'b\n' });
    await updateProject({ ...quiet, dst, defaults: true });
    expect(read(dst, 'docs')).toBe('now a file\n');
    expect(read(dst, 'a.txt')).toBe('b\n');
  });

  it('changes nothing, answers file included, when a project folder is in the way of a new file', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'docs/index.md': 'x\n', 'a.txt': 'a\n' });
    const dst = await project(tpl);
    edit(dst, { 'docs/mine.md': 'my notes\n' });
    tpl.version('v2', { 'docs/index.md': null, docs: 'now a file\n', 'a.txt': 'b\n' });
    await expect(updateProject({ ...quiet, dst, defaults: true })).rejects.toThrow(/nothing was changed.*folder there holding docs\/mine\.md/);
    expect(read(dst, 'a.txt')).toBe('a\n');
    expect(read(dst, '.copier-answers.yml')).toContain('_commit: v1\n');
    expect(git(dst, 'status', '--porcelain')).toBe('');
  });

  it('handles a file the template renamed after the project deleted it', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'old.txt': 'same content\nline 2\n' });
    const dst = await project(tpl);
    edit(dst, { 'old.txt': null });
    tpl.version('v2', { 'old.txt': null, 'new.txt': 'same content\nline 2\n' });
    const result = await updateProject({ ...quiet, dst, defaults: true });
    expect(existsSync(path.join(dst, 'new.txt'))).toBe(false);
    expect(result.conflicts).toEqual([]);
  });

  it('keeps a project symlink that replaced a file the template changed, as a conflict', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'f.txt': 'one\n' });
    const dst = await project(tpl);
    writeFiles(dst, { 'shared/f.txt': 'mine\n', 'f.txt': null });
    symlinkSync('shared/f.txt', path.join(dst, 'f.txt'));
    git(dst, 'add', '-A');
    git(dst, 'commit', '-qm', 'link');
    tpl.version('v2', { 'f.txt': 'two\n' });
    const result = await updateProject({ ...quiet, dst, defaults: true });
    expect(result.conflicts).toEqual(['f.txt']);
    expect(lstatSync(path.join(dst, 'f.txt')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dst, 'f.txt'))).toBe('shared/f.txt');
  });

  it('still moves the answers file to the new version when the template stopped rendering it', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'copier.yml': 'name: x\n', 'a.txt': 'a\n' });
    const dst = await project(tpl);
    tpl.version('v2', { '{{ _copier_conf.answers_file }}.jinja': null, 'a.txt': 'b\n' });
    await updateProject({ ...quiet, dst, defaults: true });
    expect(read(dst, '.copier-answers.yml')).toBe(`# Changes here will be overwritten by Copier; NEVER EDIT MANUALLY\n_commit: v2\n_src_path: ${tpl.dir}\nname: x\n`);
  });
});

describe('copy and recopy edge cases (found in review)', () => {
  it('leaves no staging folder when a copy fails after rendering', async () => {
    const tpl = new TemplateRepo().version('v1', { 'copier.yml': '_skip_if_exists: ["{{ nope() }}"]\n', 'a.txt': 'a\n' });
    const root = tempDir();
    await expect(copyTemplate({ ...quiet, src: tpl.dir, dst: path.join(root, 'out'), defaults: true })).rejects.toThrow();
    expect(readdirSync(root)).toEqual([]);
  });

  it('records a file:// source as an absolute path that later updates can use', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'a.txt': 'a\n' });
    const dst = path.join(tempDir(), 'p');
    await copyTemplate({ ...quiet, src: `file://${tpl.dir}`, dst, defaults: true });
    expect(read(dst, '.copier-answers.yml')).toContain(`_src_path: ${tpl.dir}\n`);
  });

  it('refuses a template URL that git would read as an option', async () => {
    await expect(copyTemplate({ ...quiet, src: 'git+--upload-pack=touch /tmp/x', dst: path.join(tempDir(), 'p') })).rejects.toThrow(/looks like a git option/);
  });

  it('recopy keeps an edited file git ignores unless --overwrite', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, '.env.jinja': 'SECRET=template\n', '.gitignore': '.env\n' });
    const dst = await project(tpl);
    writeFiles(dst, { '.env': 'SECRET=mine\n' });
    await expect(recopyProject({ ...quiet, dst, defaults: true })).rejects.toThrow(/not tracked by git: \.env/);
    expect(read(dst, '.env')).toBe('SECRET=mine\n');
    await recopyProject({ ...quiet, dst, defaults: true, overwrite: true });
    expect(read(dst, '.env')).toBe('SECRET=template\n');
  });
});
