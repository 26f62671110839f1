/** Cases ported from copier-org/copier tests/test_unsafe.py (rows with Python Jinja extensions left out). */
import { describe, expect, it } from 'vitest';
import { commitProject, writeFiles } from '../support/fixtures.js';
import { ANSWERS_NICE, answersOf, copy, folder, gitSave, newDst, update } from './helpers.js';

const mig = (version: string, stage: string, file: string) => `  - version: ${version}\n    when: "{{ _stage == '${stage}' }}"\n    command: touch ${file}\n`;

describe('copier test_unsafe', () => {
  describe.each([false, true])('copy (trust=%s)', (trust) => {
    it.each<[string, string, RegExp | null]>([
      ['nothing', '{}', null],
      ['empty _tasks', '_tasks: []\n', null],
      ['a task', '_tasks:\n  - touch task.txt\n', /_tasks/],
      ['empty _migrations', '_migrations: []\n', null],
      ['migrations (never run on copy)', `_migrations:\n${mig('v1', 'before', 'v1-before.txt')}${mig('v1', 'after', 'v1-after.txt')}`, null],
      ['empty _jinja_extensions', '_jinja_extensions: []\n', null],
    ])('%s', async (_name, spec, error) => {
      const run = copy(folder({ 'copier.yaml': spec }), newDst(), { trust });
      if (error && !trust) await expect(run).rejects.toThrow(error);
      else await expect(run).resolves.toBeDefined();
    });
  });

  describe.each([false, true])('update (trust=%s)', (trust) => {
    it.each<[string, string, string, RegExp | null]>([
      ['nothing', '{}', '{}', null],
      ['empty tasks', '_tasks: []\n', '_tasks: []\n', null],
      // Paved differs: Copier asks for trust here although the old version's tasks never run on update.
      ['old tasks only (the new version has none; Paved needs no trust, Copier does)', '_tasks:\n  - touch task-old.txt\n', '{}', null],
      ['new tasks', '{}', '_tasks:\n  - touch task-new.txt\n', /_tasks/],
      ['old and new tasks', '_tasks:\n  - touch task-old.txt\n', '_tasks:\n  - touch task-new.txt\n', /_tasks/],
      ['empty migrations', '_migrations: []\n', '_migrations: []\n', null],
      ['migrations for a version not crossed', '{}', `_migrations:\n${mig('v0', 'before', 'v0-before.txt')}${mig('v0', 'after', 'v0-after.txt')}`, null],
      ['before migration crossed', '{}', `_migrations:\n${mig('v2', 'before', 'v2-before.txt')}`, /_migrations/],
      ['after migration crossed', '{}', `_migrations:\n${mig('v2', 'after', 'v2-after.txt')}`, /_migrations/],
      ['before and after migrations crossed', '{}', `_migrations:\n${mig('v2', 'before', 'v2-before.txt')}${mig('v2', 'after', 'v2-after.txt')}`, /_migrations/],
      ['empty jinja extensions', '_jinja_extensions: []\n', '_jinja_extensions: []\n', null],
    ])('%s', async (_name, specOld, specNew, error) => {
      const src = folder({ ...ANSWERS_NICE, 'copier.yaml': specOld });
      gitSave(src, 'v1');
      const dst = newDst();
      await copy(src, dst, { trust: true });
      expect(answersOf(dst)._commit).toBe('v1');
      commitProject(dst);
      writeFiles(src, { 'copier.yaml': specNew });
      gitSave(src, 'v2');
      const run = update(dst, { trust });
      if (error && !trust) await expect(run).rejects.toThrow(error);
      else await expect(run).resolves.toBeDefined();
    });
  });
});
