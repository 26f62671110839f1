import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TemplateRepo, commitProject, git, tempDir, writeFiles } from '../../test/support/fixtures.js';
import { ANSWERS_TEMPLATE, quiet } from '../../test/support/templates.js';
import { copyTemplate } from './copy.js';
import { createScriptedPrompter } from './questions/index.js';
import { recopyProject } from './recopy.js';
import { updateProject } from './update/index.js';

const read = (dir: string, rel: string) => readFileSync(path.join(dir, rel), 'utf8');

function capture() {
  let text = '';
  const output = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { output, text: () => text };
}

describe('template settings and context', () => {
  it('shows _message_* settings rendered with the answers, on the output stream', async () => {
    const tpl = new TemplateRepo().version('v1', {
      ...ANSWERS_TEMPLATE,
      'copier.yml': '_message_before_copy: "Making {{ _folder_name }}"\n_message_after_copy: "Made {{ name }}"\n_message_after_update: "Updated {{ name }}"\nname: svc\n',
    });
    const dst = path.join(tempDir(), 'billing');
    const out = capture();
    const result = await copyTemplate({ src: tpl.dir, dst, defaults: true, output: out.output });
    expect(out.text()).toBe('Making billing\nMade svc\n');
    expect(result.messages).toEqual(['Making billing', 'Made svc']);
    commitProject(dst);
    const updated = await updateProject({ ...quiet, dst, defaults: true });
    expect(updated.messages).toEqual(['Updated svc']);
  });

  it('loads _external_data from a YAML file of the project', async () => {
    const tpl = new TemplateRepo().version('v1', {
      'copier.yml': '_external_data:\n  parent: .parent-answers.yml\nowner:\n  default: "{{ _external_data.parent.team }}"\n',
      'owner.txt.jinja': '{{ owner }}\n',
    });
    const dst = tempDir();
    writeFiles(dst, { '.parent-answers.yml': 'team: payments\n' });
    await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true });
    expect(read(dst, 'owner.txt')).toBe('payments\n');
  });

  it('gives templates the context Copier gives them', async () => {
    const tpl = new TemplateRepo().version('v1', {
      'copier.yml': 'name: x\n',
      'ctx.txt.jinja': '{{ _folder_name }}|{{ _copier_operation }}|{{ _copier_conf.answers_file }}|{{ _copier_conf.sep }}|{{ _copier_answers.name }}|{{ _copier_answers._commit }}\n',
    });
    const dst = path.join(tempDir(), 'my-proj');
    await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true });
    expect(read(dst, 'ctx.txt')).toBe('my-proj|copy|.copier-answers.yml|/|x|v1\n');
  });

  it('asks questions through a prompter, in order, with defaults rendered from earlier answers', async () => {
    const tpl = new TemplateRepo().version('v1', {
      ...ANSWERS_TEMPLATE,
      'copier.yml': 'name:\n  type: str\n  help: Component name\nslug:\n  type: str\n  default: "{{ name | lower | replace(\' \', \'-\') }}"\n',
      'slug.txt.jinja': '{{ slug }}\n',
    });
    const prompter = createScriptedPrompter({ name: 'Billing API' });
    const dst = path.join(tempDir(), 'p');
    await copyTemplate({ ...quiet, src: tpl.dir, dst, prompter });
    expect(prompter.asked.map((q) => [q.name, q.default])).toEqual([
      ['name', undefined],
      ['slug', 'billing-api'],
    ]);
    expect(read(dst, 'slug.txt')).toBe('billing-api\n');
  });

  it('re-renders the current version with new answers via --vcs-ref :current:', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'copier.yml': 'name: a\n', 'n.txt.jinja': '{{ name }}\n' });
    const dst = path.join(tempDir(), 'p');
    await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true });
    commitProject(dst);
    tpl.version('v2', { 'n.txt.jinja': '{{ name }} v2\n' });
    await updateProject({ ...quiet, dst, defaults: true, vcsRef: ':current:', data: { name: 'b' } });
    expect(read(dst, 'n.txt')).toBe('b\n');
    expect(read(dst, '.copier-answers.yml')).toContain('_commit: v1\n');
  });

  it('recopy refuses a dirty work tree and otherwise overwrites with the recorded answers', async () => {
    const tpl = new TemplateRepo().version('v1', { ...ANSWERS_TEMPLATE, 'copier.yml': 'name: a\n', 'n.txt.jinja': '{{ name }}\n' });
    const dst = path.join(tempDir(), 'p');
    await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true, data: { name: 'kept' } });
    commitProject(dst);
    writeFiles(dst, { 'n.txt': 'uncommitted\n' });
    await expect(recopyProject({ ...quiet, dst, defaults: true })).rejects.toThrow(/uncommitted changes/);
    expect(read(dst, 'n.txt')).toBe('uncommitted\n');
    git(dst, 'commit', '-qam', 'edit');
    await recopyProject({ ...quiet, dst, defaults: true });
    expect(read(dst, 'n.txt')).toBe('kept\n');
    expect(existsSync(path.join(dst, '.copier-answers.yml'))).toBe(true);
  });
});
