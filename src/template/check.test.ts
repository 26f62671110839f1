import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateRepo, tempDir } from '../../test/support/fixtures.js';
import { ANSWERS_TEMPLATE, quiet } from '../../test/support/templates.js';
import { checkProject } from './check.js';
import { copyTemplate } from './copy.js';

describe('template check', () => {
  it('reports current and latest versions, ignoring pre-releases unless asked', async () => {
    const tpl = new TemplateRepo().version('v1.0.0', { ...ANSWERS_TEMPLATE, 'a.txt': 'a\n' });
    const dst = path.join(tempDir(), 'p');
    await copyTemplate({ ...quiet, src: tpl.dir, dst, defaults: true });
    expect(await checkProject({ dst })).toMatchObject({ update_available: false, current_version: '1.0.0', latest_version: '1.0.0' });
    tpl.version('v2.0.0rc1', { 'a.txt': 'b\n' });
    expect((await checkProject({ dst })).update_available).toBe(false);
    expect(await checkProject({ dst, prereleases: true })).toMatchObject({ update_available: true, latest_version: '2.0.0rc1', latest_tag: 'v2.0.0rc1' });
    tpl.version('1.10.0', { 'a.txt': 'c\n' });
    expect(await checkProject({ dst })).toMatchObject({ update_available: true, latest_version: '1.10.0' });
  });

  it('explains a project without an answers file', async () => {
    await expect(checkProject({ dst: tempDir() })).rejects.toThrow(/no answers file '.copier-answers.yml'.*--answers-file/);
  });
});
