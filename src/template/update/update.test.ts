import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateRepo, commitProject, git, tempDir, writeFiles } from '../../../test/support/fixtures.js';
import { ANSWERS_TEMPLATE, quiet } from '../../../test/support/templates.js';
import { copyTemplate } from '../copy.js';
import { updateProject } from './index.js';

const read = (dir: string, rel: string) => readFileSync(path.join(dir, rel), 'utf8');

async function project(tpl: TemplateRepo, options: { vcsRef?: string; data?: Record<string, unknown>; dst?: string; answersFile?: string } = {}) {
  const dst = options.dst ?? path.join(tempDir(), 'proj');
  await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true, ...options });
  commitProject(dst);
  return dst;
}

function edit(dst: string, files: Record<string, string | null>, message = 'edit') {
  writeFiles(dst, files);
  git(dst, 'add', '-A');
  git(dst, 'commit', '-qm', message);
}

describe('template update (3-way)', () => {
  it('keeps an edit in a templated file and brings the template change', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'copier.yml': 'name: demo\n', 'README.md.jinja': '# {{ name }}\n\na\nb\nc\n' });
    const dst = await project(tpl);
    edit(dst, { 'README.md': '# demo\n\na\nb\nc\nmy notes\n' });
    tpl.version('v2', { 'README.md.jinja': '# {{ name }}\n\nA (v2)\nb\nc\n' });
    const result = await updateProject({ ...quiet, dst, defaults: true });
    expect(read(dst, 'README.md')).toBe('# demo\n\nA (v2)\nb\nc\nmy notes\n');
    expect(result.conflicts).toEqual([]);
    expect(result.files).toContainEqual({ path: 'README.md', action: 'merge' });
    expect(read(dst, '.copier-answers.yml')).toContain('_commit: v2');
  });

  it('leaves conflict markers, lists the file and marks it unmerged in the index', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'config.txt': 'x=1\ny=2\nz=3\n' });
    const dst = await project(tpl);
    edit(dst, { 'config.txt': 'x=1\ny=USER\nz=3\n' });
    tpl.version('v2', { 'config.txt': 'x=1\ny=TEMPLATE\nz=3\n' });
    const result = await updateProject({ ...quiet, dst, defaults: true });
    expect(result.conflicts).toEqual(['config.txt']);
    expect(read(dst, 'config.txt')).toBe('x=1\n<<<<<<< before updating\ny=USER\n=======\ny=TEMPLATE\n>>>>>>> after updating\nz=3\n');
    expect(git(dst, 'status', '--porcelain')).toContain('UU config.txt');
    expect(git(dst, 'ls-files', '--stage', 'config.txt').split('\n')).toHaveLength(3);
  });

  it('writes .rej files with --conflict rej, keeping the template version with the hunks that applied', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'c.txt': 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n' });
    const dst = await project(tpl);
    edit(dst, { 'c.txt': 'a\nB-user\nc\nd\ne\nf\ng\nh\ni\nJ-user\n' });
    tpl.version('v2', { 'c.txt': 'a\nB-template\nc\nd\ne\nf\ng\nh\ni\nj\n' });
    const result = await updateProject({ ...quiet, dst, defaults: true, conflict: 'rej' });
    expect(result.conflicts).toEqual(['c.txt']);
    expect(read(dst, 'c.txt')).toBe('a\nB-template\nc\nd\ne\nf\ng\nh\ni\nJ-user\n');
    expect(read(dst, 'c.txt.rej')).toContain('+B-user');
  });

  it('follows a file the template renamed, carrying the project edit, and deletes a removed file', async () => {
    const tpl = new TemplateRepo().version('v1', {
      ...ANSWERS_TEMPLATE,
      'docs/guide.md': 'line 1\nline 2\nline 3\nline 4\n',
      'obsolete.txt': 'old\n',
      'edited-then-removed.txt': 'base\n',
    });
    const dst = await project(tpl);
    edit(dst, { 'docs/guide.md': 'line 1\nline 2\nline 3\nline 4\nproject line\n', 'edited-then-removed.txt': 'mine\n' });
    tpl.version('v2', { 'docs/guide.md': null, 'handbook/guide.md': 'line 1 (v2)\nline 2\nline 3\nline 4\n', 'obsolete.txt': null, 'edited-then-removed.txt': null });
    const result = await updateProject({ ...quiet, dst, defaults: true });
    expect(read(dst, 'handbook/guide.md')).toBe('line 1 (v2)\nline 2\nline 3\nline 4\nproject line\n');
    expect(existsSync(path.join(dst, 'docs'))).toBe(false);
    expect(existsSync(path.join(dst, 'obsolete.txt'))).toBe(false);
    // Copier would delete it and lose the edit; Paved keeps it and reports a conflict.
    expect(read(dst, 'edited-then-removed.txt')).toBe('mine\n');
    expect(result.conflicts).toEqual(['edited-then-removed.txt']);
    expect(result.files).toContainEqual({ path: 'handbook/guide.md', action: 'rename', note: 'docs/guide.md' });
  });

  it('does not bring back a file the project deleted, unless it is in _skip_if_exists', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'copier.yml': '_skip_if_exists: [keep.cfg]\n', 'gone.txt': 'a\n', 'keep.cfg': 'a\n' });
    const dst = await project(tpl);
    edit(dst, { 'gone.txt': null, 'keep.cfg': null });
    tpl.version('v2', { 'gone.txt': 'b\n', 'keep.cfg': 'b\n' });
    await updateProject({ ...quiet, dst, defaults: true });
    expect(existsSync(path.join(dst, 'gone.txt'))).toBe(false);
    expect(read(dst, 'keep.cfg')).toBe('b\n');
  });

  it('asks or defaults a question added in v2 and records it', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'copier.yml': 'name: demo\n', 'a.txt.jinja': '{{ name }}\n' });
    const dst = await project(tpl, { data: { name: 'billing' } });
    tpl.version('v2', { 'copier.yml': 'name: demo\nlicense:\n  type: str\n  default: MIT\n', 'LICENSE.jinja': '{{ license }}\n' });
    await updateProject({ ...quiet, dst, defaults: true });
    expect(read(dst, 'a.txt')).toBe('billing\n');
    expect(read(dst, 'LICENSE')).toBe('MIT\n');
    expect(read(dst, '.copier-answers.yml')).toMatch(/license: MIT\nname: billing\n/);
  });

  it('runs migrations between the versions only with trust', async () => {
    const tpl = new TemplateRepo().version('v1.0.0', { ...ANSWERS_TEMPLATE, 'old-name.cfg': 'a\n' });
    const dst = await project(tpl);
    edit(dst, { 'old-name.cfg': 'a\nuser\n' });
    tpl.version('v1.0.0-unused', {});
    tpl.version('v2.0.0', {
      'copier.yml': '_migrations:\n  - version: v2.0.0\n    command: "echo $VERSION_FROM-$VERSION_TO >> migrated.log"\n    when: "{{ _stage == \'before\' }}"\n  - version: v9.0.0\n    command: "touch never"\n',
    });
    await expect(updateProject({ ...quiet, dst, defaults: true })).rejects.toThrow(/_migrations.*--trust/);
    expect(existsSync(path.join(dst, 'migrated.log'))).toBe(false);
    git(dst, 'status', '--porcelain');
    await updateProject({ ...quiet, dst, defaults: true, trust: true });
    expect(read(dst, 'migrated.log')).toBe('v1.0.0-v2.0.0\n');
    expect(existsSync(path.join(dst, 'never'))).toBe(false);
    expect(read(dst, 'old-name.cfg')).toBe('a\nuser\n');
  });

  it('updates two subprojects of a monorepo independently, each with its own answers file', async () => {
    const api = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'copier.yml': 'name: svc\n', 'svc.txt.jinja': '{{ name }} v1\n' });
    const web = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'web.txt': 'web v1\n' });
    const mono = tempDir();
    git(mono, 'init', '-q', '-b', 'main');
    await copyTemplate({ ...quiet, src: api.dir, dst: path.join(mono, 'services/api'), defaults: true, data: { name: 'api' }, answersFile: '.copier-answers.api.yml' });
    await copyTemplate({ ...quiet, src: web.dir, dst: path.join(mono, 'apps/web'), defaults: true });
    commitProject(mono);
    api.version('v2', { 'svc.txt.jinja': '{{ name }} v2\n' });
    web.version('v2', { 'web.txt': 'web v2\n' });
    await updateProject({ ...quiet, dst: path.join(mono, 'services/api'), defaults: true, answersFile: '.copier-answers.api.yml' });
    expect(read(mono, 'services/api/svc.txt')).toBe('api v2\n');
    expect(read(mono, 'apps/web/web.txt')).toBe('web v1\n');
    // The other subproject has uncommitted changes now; each update only looks at its own folder.
    await updateProject({ ...quiet, dst: path.join(mono, 'apps/web'), defaults: true });
    expect(read(mono, 'apps/web/web.txt')).toBe('web v2\n');
  });

  it('marks conflicts in a monorepo subproject at their path from the repository top', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'f.txt': 'one\n' });
    const mono = tempDir();
    git(mono, 'init', '-q', '-b', 'main');
    await copyTemplate({ ...quiet, src: tpl.dir, dst: path.join(mono, 'sub'), defaults: true });
    commitProject(mono);
    edit(mono, { 'sub/f.txt': 'mine\n' });
    tpl.version('v2', { 'f.txt': 'theirs\n' });
    await updateProject({ ...quiet, dst: path.join(mono, 'sub'), defaults: true });
    expect(git(mono, 'status', '--porcelain')).toContain('UU sub/f.txt');
  });

  it('refuses to run on a dirty work tree, changing nothing', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'a.txt': 'a\n' });
    const dst = await project(tpl);
    tpl.version('v2', { 'a.txt': 'b\n' });
    writeFiles(dst, { 'a.txt': 'uncommitted\n' });
    await expect(updateProject({ ...quiet, dst, defaults: true })).rejects.toThrow(/uncommitted changes.*commit or stash/);
    expect(read(dst, 'a.txt')).toBe('uncommitted\n');
  });

  it('refuses to downgrade', async () => {
    const tpl = new TemplateRepo().version('v1.0.0', { ...ANSWERS_TEMPLATE, 'a.txt': 'a\n' }).version('v2.0.0', { 'a.txt': 'b\n' });
    const dst = await project(tpl);
    await expect(updateProject({ ...quiet, dst, defaults: true, vcsRef: 'v1.0.0' })).rejects.toThrow(/downgrade/);
  });

  it('renders each version with its own included files', async () => {
    const tpl = new TemplateRepo().version('v1', {
      ...ANSWERS_TEMPLATE,
      'copier.yml': '_exclude: ["*.inc", "copier.yml"]\n',
      'part.inc': 'part v1',
      'main.txt.jinja': "{% include 'part.inc' %}\n",
      'same.txt.jinja': '{{ 1 + 1 }}\n',
    });
    const dst = await project(tpl);
    expect(read(dst, 'main.txt')).toBe('part v1\n');
    tpl.version('v2', { 'part.inc': 'part v2' });
    await updateProject({ ...quiet, dst, defaults: true });
    expect(read(dst, 'main.txt')).toBe('part v2\n');
  });

  it('changes nothing when the project is already on the latest version', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'copier.yml': 'name: x\n', 'a.txt.jinja': '{{ name }}\n' });
    const dst = await project(tpl);
    const result = await updateProject({ ...quiet, dst, defaults: true });
    expect(result.files).toEqual([]);
    expect(git(dst, 'status', '--porcelain')).toBe('');
  });

  it('shows the plan with pretend and writes nothing', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'a.txt': 'a\n' });
    const dst = await project(tpl);
    tpl.version('v2', { 'a.txt': 'b\n' });
    const result = await updateProject({ ...quiet, dst, defaults: true, pretend: true });
    expect(result.files).toContainEqual({ path: 'a.txt', action: 'update' });
    expect(read(dst, 'a.txt')).toBe('a\n');
    expect(git(dst, 'status', '--porcelain')).toBe('');
  });
});
